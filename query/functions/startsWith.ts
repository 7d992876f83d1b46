/** `startsWith(s, x)`: 1 when s starts with prefix (byte-wise), else 0. */
import { defineAffixTest } from '../expr/affix.ts';
import { registerScalar } from './registry.ts';

/** The startsWith function. */
export const startsWith = defineAffixTest('startsWith', false);

registerScalar(startsWith);
