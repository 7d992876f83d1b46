/**
 * Calendar parts of Date/DateTime/DateTime64 in the value's time zone: toYear (UInt16), toQuarter,
 * toMonth, toDayOfMonth, toDayOfWeek (1 = Monday), toHour, toMinute, toSecond (UInt8), toDayOfYear
 * (UInt16), toYYYYMM, toYYYYMMDD (UInt32).
 */
import type { DataType } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { fromF64 } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import type { Part } from '../expr/temporal.ts';
import { localSeconds, partOf, requireTemporal } from '../expr/temporal.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function partFn(name: string, part: Part, rt: DataType, aliases: string[] = []): ScalarFunction {
  return defineScalar({
    name,
    aliases,
    caseInsensitive: aliases.length > 0,
    minArgs: 1,
    maxArgs: 2,
    type: ([t]) => {
      requireTemporal(name, t!, 0);
      return rt;
    },
    kernel: ([x], n, t) => {
      const local = localSeconds(x!, n);
      partOf(part, local, n, local);
      return flatVector(t, fromF64(t, local));
    },
  });
}

/** toYear(t) / YEAR(t). */
export const toYear = partFn('toYear', 'year', T.UInt16, ['YEAR']);
/** toQuarter(t) / QUARTER(t). */
export const toQuarter = partFn('toQuarter', 'quarter', T.UInt8, ['QUARTER']);
/** toMonth(t) / MONTH(t). */
export const toMonth = partFn('toMonth', 'month', T.UInt8, ['MONTH']);
/** toDayOfMonth(t) / DAY(t) / DAYOFMONTH(t). */
export const toDayOfMonth = partFn('toDayOfMonth', 'dayOfMonth', T.UInt8, ['DAY', 'DAYOFMONTH']);
/** toDayOfWeek(t) / DAYOFWEEK(t): 1 = Monday .. 7 = Sunday. */
export const toDayOfWeek = partFn('toDayOfWeek', 'dayOfWeek', T.UInt8, ['DAYOFWEEK']);
/** toDayOfYear(t) / DAYOFYEAR(t). */
export const toDayOfYear = partFn('toDayOfYear', 'dayOfYear', T.UInt16, ['DAYOFYEAR']);
/** toHour(t) / HOUR(t). */
export const toHour = partFn('toHour', 'hour', T.UInt8, ['HOUR']);
/** toMinute(t) / MINUTE(t). */
export const toMinute = partFn('toMinute', 'minute', T.UInt8, ['MINUTE']);
/** toSecond(t) / SECOND(t). */
export const toSecond = partFn('toSecond', 'second', T.UInt8, ['SECOND']);
/** toYYYYMM(t). */
export const toYYYYMM = partFn('toYYYYMM', 'yyyymm', T.UInt32);
/** toYYYYMMDD(t). */
export const toYYYYMMDD = partFn('toYYYYMMDD', 'yyyymmdd', T.UInt32);

for (const f of [toYear, toQuarter, toMonth, toDayOfMonth, toDayOfWeek, toDayOfYear, toHour, toMinute, toSecond, toYYYYMM, toYYYYMMDD]) {
  registerScalar(f);
}
