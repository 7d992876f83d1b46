/**
 * `intHash64(x)`: ClickHouse's 64-bit integer hash (the murmur3 finaliser) of an integer, Date or
 * DateTime taken as UInt64 (negatives sign-extended) — bit-identical to ClickHouse. UInt64 result.
 */
import { T, isInteger } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { halves } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { readI64 } from '../expr/read.ts';
import { U64, intHash64 as hash64 } from '../expr/u64.ts';
import { registerScalar } from './registry.ts';

/** The intHash64 function. */
export const intHash64 = defineScalar({
  name: 'intHash64',
  minArgs: 1,
  type: ([t]) => {
    if (!isInteger(t!) && t!.kind !== 'Bool' && t!.kind !== 'Date' && t!.kind !== 'DateTime') throw illegalType('intHash64', t!, 0, 'an integer');
    return T.UInt64;
  },
  kernel: ([x], n, rt) => {
    const { hi, lo, m } = readI64(x!, n);
    const out = new BigUint64Array(n);
    const w = halves(out);
    for (let i = 0; i < n; i++) {
      hash64(hi[i & m]! >>> 0, lo[i & m]!);
      w[2 * i] = U64[0]!;
      w[2 * i + 1] = U64[1]!;
    }
    return flatVector(rt, out);
  },
});

registerScalar(intHash64);
