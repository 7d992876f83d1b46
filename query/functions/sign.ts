/** `sign(x)`: -1, 0 or 1 (Int8) by the sign of a number; 0 for NaN. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { readF64 } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The sign function. */
export const sign = defineScalar({
  name: 'sign',
  minArgs: 1,
  type: ([t]) => {
    if (!isArithmetic(t!)) throw illegalType('sign', t!, 0);
    return T.Int8;
  },
  kernel: ([x], n, rt) => {
    const { a, m } = readF64(x!, n);
    const out = new Int8Array(n);
    for (let i = 0; i < n; i++) { const v = a[i & m]!; out[i] = v > 0 ? 1 : v < 0 ? -1 : 0; }
    return flatVector(rt, out);
  },
});

registerScalar(sign);
