/** `reverseUTF8(s)`: the characters (UTF-8 code points) of a string in reverse order. */
import { T } from '../../src/core/types.ts';
import { stringVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The reverseUTF8 function. */
export const reverseUTF8 = defineStringFn({
  name: 'reverseUTF8',
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => {
    const n = s.length, o = s.offsets, b = s.bytes, out = new Uint8Array(b.length);
    const base = o[0]!;
    for (let i = 0; i < n; i++) {
      const from = o[i]!, to = o[i + 1]!;
      let k = from;
      while (k < to) {
        const c = b[k]!;
        const len = c < 0x80 ? 1 : c < 0xe0 ? 2 : c < 0xf0 ? 3 : 4;
        const end = Math.min(k + len, to);
        const dst = from - base + (to - end);
        for (let j = k; j < end; j++) out[dst + (j - k)] = b[j]!;
        k = end;
      }
    }
    const offsets = base === 0 ? o : o.map((x) => x - base);
    return stringVector(rt, offsets, out.subarray(0, o[n]! - base));
  },
});

registerScalar(reverseUTF8);
