/** `negate(x)` (unary minus): UInt8 → Int16 and so on, Int64 wraps at its minimum as in ClickHouse. */
import type { TypedArray } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, halves, storeI64 } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic, negateType } from '../expr/promote.ts';
import { readF64, readI64 } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The negate function. */
export const negate = defineScalar({
  name: 'negate',
  minArgs: 1,
  type: ([a]) => {
    if (!isArithmetic(a!)) throw illegalType('negate', a!, 0);
    return negateType(a!);
  },
  kernel: ([x], n, rt) => {
    const out = allocValues(rt, n);
    if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
      const { hi, lo, m } = readI64(x!, n);
      const w = halves(out);
      for (let i = 0; i < n; i++) storeI64(w, i, -hi[i & m]!, -lo[i & m]!);
    } else {
      const { a, m } = readF64(x!, n);
      const o = out as Exclude<TypedArray, BigInt64Array | BigUint64Array>;
      for (let i = 0; i < n; i++) o[i] = -a[i & m]!;
    }
    return flatVector(rt, out);
  },
});

registerScalar(negate);
