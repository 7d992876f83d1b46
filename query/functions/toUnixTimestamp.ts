/**
 * `toUnixTimestamp(x[, timezone])`: seconds since the epoch as UInt32, from DateTime/DateTime64
 * (sub-seconds dropped), Date (midnight UTC) or String (parsed in the given time zone, else UTC).
 */
import { T } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { dictVector, flatVector } from '../../src/core/vector.ts';
import { fromF64, materialize } from '../expr/build.ts';
import { utcSeconds } from '../expr/dateArith.ts';
import { parseDateTimeText } from '../expr/datetime.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { latin1 } from '../expr/strings.ts';
import { registerScalar } from './registry.ts';

function parseRows(s: StringVector, tz: string | undefined): Float64Array {
  const n = s.length, o = s.offsets, text = latin1(s.bytes);
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (s.nulls !== null && s.nulls[i] === 1) continue;
    out[i] = parseDateTimeText(text.slice(o[i]!, o[i + 1]!), 0, tz);
  }
  return out;
}

/** The toUnixTimestamp function. */
export const toUnixTimestamp = defineScalar({
  name: 'toUnixTimestamp',
  minArgs: 1,
  maxArgs: 2,
  type: ([t, z]) => {
    if (t!.kind !== 'DateTime' && t!.kind !== 'DateTime64' && t!.kind !== 'Date' && t!.kind !== 'String') {
      throw illegalType('toUnixTimestamp', t!, 0, 'DateTime, DateTime64, Date or String');
    }
    if (z !== undefined && z.kind !== 'String') throw illegalType('toUnixTimestamp', z, 1, 'a constant String time zone');
    return T.UInt32;
  },
  kernel: ([x, z], n, rt): Vector => {
    if (x!.type.kind !== 'String') {
      const secs = utcSeconds(x!, n);
      for (let i = 0; i < n; i++) secs[i] = Math.floor(secs[i]!);
      return flatVector(rt, fromF64(rt, secs));
    }
    const tz = z !== undefined && z.kind === 'const' && typeof z.value === 'string' ? z.value : undefined;
    if (x!.kind === 'dict') {
      return dictVector(rt, x!.codes, flatVector(rt, fromF64(rt, parseRows(x!.dict as StringVector, tz))));
    }
    return flatVector(rt, fromF64(rt, parseRows(materialize(x!) as StringVector, tz)));
  },
});

registerScalar(toUnixTimestamp);
