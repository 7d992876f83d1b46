/** `trimBoth(s)`: s with leading and trailing spaces removed (alias trim). */
import { defineTrim } from '../expr/trim.ts';
import { registerScalar } from './registry.ts';

/** The trimBoth function. */
export const trimBoth = defineTrim('trimBoth', true, true, ['trim']);

registerScalar(trimBoth);
