/** `replaceAll(haystack, pattern, replacement)` (alias replace): every occurrence of a constant substring replaced. */
import { defineReplace } from '../expr/replace.ts';
import { registerScalar } from './registry.ts';

/** The replaceAll function. */
export const replaceAll = defineReplace('replaceAll', true, ['replace']);

registerScalar(replaceAll);
