/** `pow(x, y)` (alias power): x raised to y, Float64 for any numbers. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { readF64 } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The pow function. */
export const pow = defineScalar({
  name: 'pow',
  aliases: ['power'],
  caseInsensitive: true,
  minArgs: 2,
  type: ([x, y]) => {
    if (!isArithmetic(x!)) throw illegalType('pow', x!, 0);
    if (!isArithmetic(y!)) throw illegalType('pow', y!, 1);
    return T.Float64;
  },
  kernel: ([x, y], n, rt) => {
    const a = readF64(x!, n), b = readF64(y!, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a.a[i & a.m]! ** b.a[i & b.m]!;
    return flatVector(rt, out);
  },
});

registerScalar(pow);
