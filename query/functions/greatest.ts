/** `greatest(a, b, ...)`: the largest argument per row (NULL when any argument is NULL, as before ClickHouse 24.12). */
import { defineLeastGreatest } from '../expr/leastGreatest.ts';
import { registerScalar } from './registry.ts';

/** The greatest function. */
export const greatest = defineLeastGreatest('greatest', true);

registerScalar(greatest);
