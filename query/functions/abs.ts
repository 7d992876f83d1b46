/** `abs(x)`: absolute value; signed integers become the unsigned type of their size (abs(Int8) is UInt8). */
import { isUnsigned } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, fromF64, halves, retype } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { constructNumeric, isArithmetic, isFloat, numSize } from '../expr/promote.ts';
import { TWO32, readF64, readI64 } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The abs function. */
export const abs = defineScalar({
  name: 'abs',
  caseInsensitive: true,
  minArgs: 1,
  type: ([t]) => {
    if (!isArithmetic(t!)) throw illegalType('abs', t!, 0);
    return constructNumeric(false, isFloat(t!), numSize(t!.kind));
  },
  kernel: ([x], n, rt) => {
    if (isUnsigned(x!.type)) return retype(x!, rt, null);
    if (x!.type.kind === 'Int64') {
      const { hi, lo, m } = readI64(x!, n);
      const out = allocValues(rt, n) as BigUint64Array;
      const w = halves(out);
      for (let i = 0; i < n; i++) {
        const h = hi[i & m]!, l = lo[i & m]!;
        if (h >= 0) { w[2 * i] = l; w[2 * i + 1] = h; continue; }
        w[2 * i] = (TWO32 - l) % TWO32; // two's complement negation of h:l
        w[2 * i + 1] = ~h + (l === 0 ? 1 : 0);
      }
      return flatVector(rt, out);
    }
    const { a, m } = readF64(x!, n);
    const tmp = new Float64Array(n);
    for (let i = 0; i < n; i++) tmp[i] = Math.abs(a[i & m]!);
    return flatVector(rt, fromF64(rt, tmp));
  },
});

registerScalar(abs);
