/**
 * addSeconds, addMinutes, addHours, addDays, addWeeks, addMonths, addQuarters, addYears and their
 * subtract* twins: `t ± n units`. The binder lowers `t ± INTERVAL n unit` to these by name. Date plus
 * seconds/minutes/hours gives DateTime; otherwise the argument's type (and time zone) is kept.
 */
import type { DataType } from '../../src/core/types.ts';
import { makeType } from '../../src/core/types.ts';
import type { IntervalUnit } from '../expr/dateArith.ts';
import { addInterval, addResultKind } from '../expr/dateArith.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { requireTemporal } from '../expr/temporal.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function resultType(name: string, unit: IntervalUnit, t: DataType, d: DataType): DataType {
  requireTemporal(name, t, 0);
  if (!isArithmetic(d)) throw illegalType(name, d, 1, 'a number');
  const kind = addResultKind(t, unit);
  return makeType(kind, { ...(kind === 'DateTime64' ? { precision: t.precision ?? 3 } : {}),
    ...(kind !== 'Date' && t.timezone !== undefined ? { timezone: t.timezone } : {}) });
}

function make(name: string, unit: IntervalUnit, sign: number): ScalarFunction {
  return defineScalar({
    name,
    minArgs: 2,
    type: ([t, d]) => resultType(name, unit, t!, d!),
    kernel: ([t, d], n, rt) => addInterval(unit, sign, t!, d!, n, rt),
  });
}

const UNITS: readonly [string, IntervalUnit][] = [
  ['Seconds', 'second'], ['Minutes', 'minute'], ['Hours', 'hour'], ['Days', 'day'],
  ['Weeks', 'week'], ['Months', 'month'], ['Quarters', 'quarter'], ['Years', 'year'],
];

/** Every add* and subtract* function, by name. */
export const intervalFunctions: ReadonlyMap<string, ScalarFunction> = new Map(UNITS.flatMap(([suffix, unit]) => [
  [`add${suffix}`, make(`add${suffix}`, unit, 1)] as const,
  [`subtract${suffix}`, make(`subtract${suffix}`, unit, -1)] as const,
]));

for (const f of intervalFunctions.values()) registerScalar(f);
