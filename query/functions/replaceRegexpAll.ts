/** `replaceRegexpAll(s, pattern, replacement)`: s with every match of the regexp replaced; \\0..\\9 in the replacement name groups. */
import { defineReplaceRegexp } from '../expr/replace-regexp.ts';
import { registerScalar } from './registry.ts';

/** The replaceRegexpAll function (REGEXP_REPLACE). */
export const replaceRegexpAll = defineReplaceRegexp('replaceRegexpAll', true, { aliases: ['REGEXP_REPLACE', 'regexp_replace'], caseInsensitive: true });

registerScalar(replaceRegexpAll);
