/** `floor(x[, N])`: the largest multiple of 10^-N not above x; keeps x's type. */
import { defineRounding } from '../expr/rounding.ts';
import { registerScalar } from './registry.ts';

/** The floor function. */
export const floor = defineRounding('floor', 'floor');

registerScalar(floor);
