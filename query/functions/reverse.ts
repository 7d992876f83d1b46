/** `reverse(s)`: the bytes of a string in reverse order (reverseUTF8 keeps characters whole). */
import { T } from '../../src/core/types.ts';
import { stringVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The reverse function. */
export const reverse = defineStringFn({
  name: 'reverse',
  caseInsensitive: true,
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => {
    const n = s.length, o = s.offsets, b = s.bytes, out = new Uint8Array(b.length);
    const base = o[0]!;
    for (let i = 0; i < n; i++) {
      const from = o[i]!, to = o[i + 1]!;
      for (let k = from; k < to; k++) out[from - base + (to - 1 - k)] = b[k]!;
    }
    const offsets = base === 0 ? o : o.map((x) => x - base);
    return stringVector(rt, offsets, out.subarray(0, o[n]! - base));
  },
});

registerScalar(reverse);
