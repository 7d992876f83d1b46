/** `round(x[, N])`: x rounded to N decimal places (ties to even for floats, away from zero for integers); keeps x's type. */
import { defineRounding } from '../expr/rounding.ts';
import { registerScalar } from './registry.ts';

/** The round function. */
export const round = defineRounding('round', 'round');

registerScalar(round);
