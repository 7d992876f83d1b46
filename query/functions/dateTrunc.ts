/**
 * `date_trunc(unit, t[, tz])` (DATE_TRUNC, dateTrunc): t truncated to the unit; Date for week, month,
 * quarter and year (as ClickHouse), DateTime (DateTime64 for sub-second units) otherwise.
 */
import { EddyError } from '../../src/core/errors.ts';
import { T, makeType } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { fromF64 } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { localSeconds, localToUtc, parseUnit, requireTemporal, truncLocal } from '../expr/temporal.ts';
import { registerScalar } from './registry.ts';

/** The date_trunc function. */
export const dateTrunc = defineScalar({
  name: 'dateTrunc',
  aliases: ['date_trunc', 'DATE_TRUNC'],
  caseInsensitive: true,
  minArgs: 2,
  maxArgs: 3,
  type: ([u, t], [unit]) => {
    if (u!.kind !== 'String' || typeof unit !== 'string') throw illegalType('dateTrunc', u!, 0, 'a constant String unit');
    requireTemporal('dateTrunc', t!, 1);
    const k = parseUnit('dateTrunc', unit);
    if (k === 'week' || k === 'month' || k === 'quarter' || k === 'year') return T.Date;
    const tz = t!.timezone ? { timezone: t!.timezone } : {};
    if (k === 'millisecond' || k === 'microsecond' || k === 'nanosecond') {
      return makeType('DateTime64', { precision: k === 'millisecond' ? 3 : k === 'microsecond' ? 6 : 9, ...tz });
    }
    return makeType('DateTime', tz);
  },
  kernel: ([u, x], n, rt) => {
    if (u!.kind !== 'const') throw new EddyError('ILLEGAL_COLUMN', 'dateTrunc: the unit must be a constant');
    const unit = parseUnit('dateTrunc', u!.value);
    const local = localSeconds(x!, n);
    truncLocal(unit, local, n, local);
    if (rt.kind === 'Date') {
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 86400);
      return flatVector(rt, out);
    }
    const utc = localToUtc(local, n, rt.timezone);
    if (rt.kind === 'DateTime64') {
      const scale = 10 ** (rt.precision ?? 3);
      for (let i = 0; i < n; i++) utc[i] = Math.round(utc[i]! * scale);
    }
    return flatVector(rt, fromF64(rt, utc));
  },
});

registerScalar(dateTrunc);
