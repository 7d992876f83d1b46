/** `bitNot(a)`: every bit of an integer flipped, keeping its type. */
import { defineBitNot } from '../expr/bitwise.ts';
import { registerScalar } from './registry.ts';

/** The bitNot function. */
export const bitNot = defineBitNot('bitNot');

registerScalar(bitNot);
