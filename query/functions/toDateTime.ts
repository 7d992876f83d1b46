/**
 * `toDateTime(x[, tz])` and `toDateTime64(x, precision[, tz])`: from dates, text ('2013-07-01 12:00:00')
 * or Unix seconds; a constant time zone argument goes into the result type.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Scalar } from '../../src/core/types.ts';
import { makeType, withNullable } from '../../src/core/types.ts';
import { castVector } from '../expr/cast.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

function tzOf(c: Scalar | undefined): { timezone?: string } {
  return typeof c === 'string' && c !== '' ? { timezone: c } : {};
}

/** The toDateTime function. */
export const toDateTime = defineScalar({
  name: 'toDateTime',
  aliases: ['TIMESTAMP'],
  caseInsensitive: true,
  minArgs: 1,
  maxArgs: 2,
  type: (_args, [, tz]) => makeType('DateTime', tzOf(tz)),
  kernel: ([x], n, rt) => castVector(x!, withNullable(rt), n),
});

/** The toDateTime64 function. */
export const toDateTime64 = defineScalar({
  name: 'toDateTime64',
  minArgs: 2,
  maxArgs: 3,
  type: (_args, [, p, tz]) => {
    const precision = Number(p);
    if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
      throw new EddyError('BAD_ARGUMENTS', 'toDateTime64: precision must be a constant 0..9');
    }
    return makeType('DateTime64', { precision, ...tzOf(tz) });
  },
  kernel: ([x], n, rt) => castVector(x!, withNullable(rt), n),
});

registerScalar(toDateTime);
registerScalar(toDateTime64);
