/** `stddevSamp(x)`: sample standard deviation of the non-NULL values, Float64 (ClickHouse's naive moments formula; see expr/moments.ts). */
import { defineVariance } from '../expr/moments.ts';
import { registerAggregate } from './registry.ts';

/** The stddevSamp aggregate. */
export const stddevSamp = defineVariance('stddevSamp', true, true, ['STDDEV_SAMP']);

registerAggregate(stddevSamp);
