/** `bitAnd(a, b)`: bitwise and of two integers (signed when either is, width of the wider). */
import { defineBitwise } from '../expr/bitwise.ts';
import { registerScalar } from './registry.ts';

/** The bitAnd function. */
export const bitAnd = defineBitwise('bitAnd', 'and');

registerScalar(bitAnd);
