/** `least(a, b, ...)`: the smallest argument per row (NULL when any argument is NULL, as before ClickHouse 24.12). */
import { defineLeastGreatest } from '../expr/leastGreatest.ts';
import { registerScalar } from './registry.ts';

/** The least function. */
export const least = defineLeastGreatest('least', false);

registerScalar(least);
