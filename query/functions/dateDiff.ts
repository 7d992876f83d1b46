/**
 * `dateDiff(unit, start, end)` (aliases date_diff, timestampDiff, timestamp_diff; case-insensitive):
 * the number of unit boundaries crossed from start to end (Int64), in each argument's time zone.
 * Units: nanosecond … year with ClickHouse's abbreviations; the unit must be a constant string.
 */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { fromF64 } from '../expr/build.ts';
import { dateDiffValues } from '../expr/dateArith.ts';
import { defineScalar } from '../expr/define.ts';
import { badArguments, illegalType } from '../expr/errors.ts';
import { parseUnit, requireTemporal } from '../expr/temporal.ts';
import { registerScalar } from './registry.ts';

/** The dateDiff function. */
export const dateDiff = defineScalar({
  name: 'dateDiff',
  aliases: ['date_diff', 'timestampDiff', 'timestamp_diff'],
  caseInsensitive: true,
  minArgs: 3,
  type: ([u, a, b], constants) => {
    if (u!.kind !== 'String') throw illegalType('dateDiff', u!, 0, 'a constant String unit');
    if (constants[0] === undefined) throw badArguments('dateDiff', 'the unit (first argument) must be a constant string');
    parseUnit('dateDiff', constants[0]);
    requireTemporal('dateDiff', a!, 1);
    requireTemporal('dateDiff', b!, 2);
    return T.Int64;
  },
  kernel: ([u, a, b], n, rt) => {
    const unit = parseUnit('dateDiff', (u as { value: unknown }).value);
    return flatVector(rt, fromF64(rt, dateDiffValues(unit, a!, b!, n)));
  },
});

registerScalar(dateDiff);
