/** `endsWith(s, x)`: 1 when s ends with suffix (byte-wise), else 0. */
import { defineAffixTest } from '../expr/affix.ts';
import { registerScalar } from './registry.ts';

/** The endsWith function. */
export const endsWith = defineAffixTest('endsWith', true);

registerScalar(endsWith);
