/** `replaceRegexpOne(s, pattern, replacement)`: s with the first match of the regexp replaced; \\0..\\9 in the replacement name groups. */
import { defineReplaceRegexp } from '../expr/replace-regexp.ts';
import { registerScalar } from './registry.ts';

/** The replaceRegexpOne function. */
export const replaceRegexpOne = defineReplaceRegexp('replaceRegexpOne', false);

registerScalar(replaceRegexpOne);
