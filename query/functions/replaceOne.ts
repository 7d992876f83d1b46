/** `replaceOne(haystack, pattern, replacement)`: the first occurrence of a constant substring replaced. */
import { defineReplace } from '../expr/replace.ts';
import { registerScalar } from './registry.ts';

/** The replaceOne function. */
export const replaceOne = defineReplace('replaceOne', false);

registerScalar(replaceOne);
