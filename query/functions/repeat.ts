/** `repeat(s, n)`: s repeated n times (n an unsigned or non-negative integer; n <= 0 gives ''). */
import { T, isInteger } from '../../src/core/types.ts';
import { StringBuilder } from '../expr/build.ts';
import { illegalType } from '../expr/errors.ts';
import { readF64 } from '../expr/read.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The repeat function. */
export const repeat = defineStringFn({
  name: 'repeat',
  caseInsensitive: true,
  minArgs: 2,
  type: ([t]) => {
    if (!isInteger(t!)) throw illegalType('repeat', t!, 1, 'an integer');
    return T.String;
  },
  kernel: (s, [times], rt) => {
    const n = s.length, o = s.offsets, b = s.bytes;
    const { a, m } = readF64(times!, n);
    const sb = new StringBuilder(n, b.length);
    for (let i = 0; i < n; i++) {
      const k = a[i & m]!;
      for (let r = 0; r < k; r++) sb.pushRange(b, o[i]!, o[i + 1]!);
      sb.endRow();
    }
    return sb.finish(rt);
  },
});

registerScalar(repeat);
