/**
 * `intHash32(x)`: ClickHouse's 32-bit integer hash (Thomas Wang's 64→32 with rotations, salt 0) of an
 * integer, Date or DateTime taken as UInt64 (negatives sign-extended) — bit-identical to ClickHouse.
 */
import { T, isInteger } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { readI64 } from '../expr/read.ts';
import { intHash32 as hash32 } from '../expr/u64.ts';
import { registerScalar } from './registry.ts';

/** The intHash32 function. */
export const intHash32 = defineScalar({
  name: 'intHash32',
  minArgs: 1,
  type: ([t]) => {
    if (!isInteger(t!) && t!.kind !== 'Bool' && t!.kind !== 'Date' && t!.kind !== 'DateTime') throw illegalType('intHash32', t!, 0, 'an integer');
    return T.UInt32;
  },
  kernel: ([x], n, rt) => {
    const { hi, lo, m } = readI64(x!, n);
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = hash32(hi[i & m]! >>> 0, lo[i & m]!);
    return flatVector(rt, out);
  },
});

registerScalar(intHash32);
