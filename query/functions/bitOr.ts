/** `bitOr(a, b)`: bitwise or of two integers (signed when either is, width of the wider). */
import { defineBitwise } from '../expr/bitwise.ts';
import { registerScalar } from './registry.ts';

/** The bitOr function. */
export const bitOr = defineBitwise('bitOr', 'or');

registerScalar(bitOr);
