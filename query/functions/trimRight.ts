/** `trimRight(s)`: s with trailing spaces removed (alias rtrim). */
import { defineTrim } from '../expr/trim.ts';
import { registerScalar } from './registry.ts';

/** The trimRight function. */
export const trimRight = defineTrim('trimRight', false, true, ['rtrim']);

registerScalar(trimRight);
