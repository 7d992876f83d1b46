/**
 * toStartOfSecond … toStartOfDay: DateTime truncated to a fixed step in the value's time zone
 * (toStartOfFiveMinutes also answers to toStartOfFiveMinute). Results are DateTime in the argument's zone.
 */
import { makeType } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { fromF64 } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import type { Unit } from '../expr/temporal.ts';
import { localSeconds, localToUtc, requireTemporal, truncLocal } from '../expr/temporal.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function startOf(name: string, unit: Unit, step: number, aliases: string[] = []): ScalarFunction {
  return defineScalar({
    name,
    aliases,
    minArgs: 1,
    maxArgs: 2,
    type: ([t]) => {
      requireTemporal(name, t!, 0);
      return makeType('DateTime', t!.timezone ? { timezone: t!.timezone } : {});
    },
    kernel: ([x], n, rt) => {
      const local = localSeconds(x!, n);
      truncLocal(unit, local, n, local, step);
      return flatVector(rt, fromF64(rt, localToUtc(local, n, rt.timezone)));
    },
  });
}

/** toStartOfMinute(t). */
export const toStartOfMinute = startOf('toStartOfMinute', 'minute', 60);
/** toStartOfFiveMinutes(t) (alias toStartOfFiveMinute). */
export const toStartOfFiveMinutes = startOf('toStartOfFiveMinutes', 'minute', 300, ['toStartOfFiveMinute']);
/** toStartOfTenMinutes(t). */
export const toStartOfTenMinutes = startOf('toStartOfTenMinutes', 'minute', 600);
/** toStartOfFifteenMinutes(t). */
export const toStartOfFifteenMinutes = startOf('toStartOfFifteenMinutes', 'minute', 900);
/** toStartOfHour(t). */
export const toStartOfHour = startOf('toStartOfHour', 'hour', 3600);
/** toStartOfDay(t). */
export const toStartOfDay = startOf('toStartOfDay', 'day', 86400);

for (const f of [toStartOfMinute, toStartOfFiveMinutes, toStartOfTenMinutes, toStartOfFifteenMinutes, toStartOfHour, toStartOfDay]) {
  registerScalar(f);
}
