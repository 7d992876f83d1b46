/**
 * toMonday, toStartOfWeek(t[, mode]) (mode 0: weeks start Sunday, odd modes: Monday), toStartOfMonth,
 * toStartOfQuarter, toStartOfYear: the first day of the period in the value's time zone, as Date.
 */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { dayOfWeek } from '../expr/datetime.ts';
import { defineScalar } from '../expr/define.ts';
import { readF64 } from '../expr/read.ts';
import type { Unit } from '../expr/temporal.ts';
import { localSeconds, requireTemporal, truncLocal } from '../expr/temporal.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function startOf(name: string, unit: Unit, maxArgs = 2): ScalarFunction {
  return defineScalar({
    name,
    minArgs: 1,
    maxArgs,
    type: ([t]) => {
      requireTemporal(name, t!, 0);
      return T.Date;
    },
    kernel: ([x, mode], n, rt) => {
      const local = localSeconds(x!, n);
      const out = new Int32Array(n);
      if (unit === 'week' && name === 'toStartOfWeek') {
        const md = mode ? readF64(mode, n) : { a: Float64Array.of(0), m: 0 };
        for (let i = 0; i < n; i++) {
          const d = Math.floor(local[i]! / 86400);
          out[i] = (md.a[i & md.m]! & 1) === 1 ? d - dayOfWeek(d) + 1 : d - (dayOfWeek(d) % 7);
        }
        return flatVector(rt, out);
      }
      truncLocal(unit, local, n, local);
      for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 86400);
      return flatVector(rt, out);
    },
  });
}

/** toMonday(t). */
export const toMonday = startOf('toMonday', 'week', 1);
/** toStartOfWeek(t[, mode]). */
export const toStartOfWeek = startOf('toStartOfWeek', 'week', 3);
/** toStartOfMonth(t). */
export const toStartOfMonth = startOf('toStartOfMonth', 'month');
/** toStartOfQuarter(t). */
export const toStartOfQuarter = startOf('toStartOfQuarter', 'quarter');
/** toStartOfYear(t). */
export const toStartOfYear = startOf('toStartOfYear', 'year');

for (const f of [toMonday, toStartOfWeek, toStartOfMonth, toStartOfQuarter, toStartOfYear]) registerScalar(f);
