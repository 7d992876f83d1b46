/** `trunc(x[, N])` (alias truncate): x rounded toward zero to N decimal places; keeps x's type. */
import { defineRounding } from '../expr/rounding.ts';
import { registerScalar } from './registry.ts';

/** The trunc function. */
export const trunc = defineRounding('trunc', 'trunc', ['truncate']);

registerScalar(trunc);
