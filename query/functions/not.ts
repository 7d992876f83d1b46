/** `not(x)`: 1 when x is zero, else 0; NULL stays NULL. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic } from '../expr/promote.ts';
import { readBool } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The not function. */
export const not = defineScalar({
  name: 'not',
  caseInsensitive: true,
  minArgs: 1,
  type: ([a]) => {
    if (!isArithmetic(a!)) throw illegalType('not', a!, 0);
    return T.UInt8;
  },
  kernel: ([x], n, rt) => {
    const { a, m } = readBool(x!, n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = 1 - a[i & m]!;
    return flatVector(rt, out);
  },
});

registerScalar(not);
