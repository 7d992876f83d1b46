/** `isFinite(x)`: 1 (UInt8) when the number x is finite (not NaN and not ±inf), else 0. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { readF64 } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The isFinite function. */
export const isFinite = defineScalar({
  name: 'isFinite',
  minArgs: 1,
  type: ([t]) => {
    if (!isArithmetic(t!)) throw illegalType('isFinite', t!, 0);
    return T.UInt8;
  },
  kernel: ([x], n, rt) => {
    const { a, m } = readF64(x!, n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) { const v = a[i & m]!; out[i] = Number.isFinite(v) ? 1 : 0; }
    return flatVector(rt, out);
  },
});

registerScalar(isFinite);
