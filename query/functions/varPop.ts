/** `varPop(x)`: population variance of the non-NULL values, Float64 (ClickHouse's naive moments formula; see expr/moments.ts). */
import { defineVariance } from '../expr/moments.ts';
import { registerAggregate } from './registry.ts';

/** The varPop aggregate. */
export const varPop = defineVariance('varPop', false, false, ['VAR_POP']);

registerAggregate(varPop);
