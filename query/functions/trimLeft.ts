/** `trimLeft(s)`: s with leading spaces removed (alias ltrim). */
import { defineTrim } from '../expr/trim.ts';
import { registerScalar } from './registry.ts';

/** The trimLeft function. */
export const trimLeft = defineTrim('trimLeft', true, false, ['ltrim']);

registerScalar(trimLeft);
