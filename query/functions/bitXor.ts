/** `bitXor(a, b)`: bitwise xor of two integers (signed when either is, width of the wider). */
import { defineBitwise } from '../expr/bitwise.ts';
import { registerScalar } from './registry.ts';

/** The bitXor function. */
export const bitXor = defineBitwise('bitXor', 'xor');

registerScalar(bitXor);
