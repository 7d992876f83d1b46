/** `varSamp(x)`: sample variance (n - 1 denominator) of the non-NULL values, Float64 (ClickHouse's naive moments formula; see expr/moments.ts). */
import { defineVariance } from '../expr/moments.ts';
import { registerAggregate } from './registry.ts';

/** The varSamp aggregate. */
export const varSamp = defineVariance('varSamp', true, false, ['VAR_SAMP']);

registerAggregate(varSamp);
