/** `ceil(x[, N])` (alias ceiling): the smallest multiple of 10^-N not below x; keeps x's type. */
import { defineRounding } from '../expr/rounding.ts';
import { registerScalar } from './registry.ts';

/** The ceil function. */
export const ceil = defineRounding('ceil', 'ceil', ['ceiling']);

registerScalar(ceil);
