/** `lengthUTF8(s)` / `char_length`: UTF-8 code points in a string (UInt64), counting non-continuation bytes. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { halves } from '../expr/build.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The lengthUTF8 function. */
export const lengthUTF8 = defineStringFn({
  name: 'lengthUTF8',
  aliases: ['char_length', 'CHAR_LENGTH', 'character_length', 'CHARACTER_LENGTH'],
  minArgs: 1,
  type: () => T.UInt64,
  kernel: (s, _rest, rt) => {
    const out = new BigUint64Array(s.length);
    const w = halves(out), o = s.offsets, b = s.bytes;
    for (let i = 0; i < s.length; i++) {
      let c = 0;
      for (let k = o[i]!; k < o[i + 1]!; k++) c += (b[k]! & 0xc0) !== 0x80 ? 1 : 0;
      w[2 * i] = c;
    }
    return flatVector(rt, out);
  },
});

registerScalar(lengthUTF8);
