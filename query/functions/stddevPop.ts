/** `stddevPop(x)`: population standard deviation of the non-NULL values, Float64 (ClickHouse's naive moments formula; see expr/moments.ts). */
import { defineVariance } from '../expr/moments.ts';
import { registerAggregate } from './registry.ts';

/** The stddevPop aggregate. */
export const stddevPop = defineVariance('stddevPop', false, true, ['STDDEV_POP', 'STD']);

registerAggregate(stddevPop);
