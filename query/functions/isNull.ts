/** `isNull(x)` (x IS NULL): 1 for NULL rows, else 0; never NULL itself. */
import { T } from '../../src/core/types.ts';
import { constVector, flatVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { nullsOf } from '../expr/read.ts';
import { registerScalar } from './registry.ts';

/** The isNull function. */
export const isNull = defineScalar({
  name: 'isNull',
  minArgs: 1,
  nulls: 'custom',
  type: () => T.UInt8,
  kernel: ([x], n, rt) => {
    const nulls = nullsOf(x!, n);
    if (nulls === null) return constVector(rt, 0, n);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) out[i] = nulls[i]!;
    return flatVector(rt, out);
  },
});

registerScalar(isNull);
