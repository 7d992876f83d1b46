/** `substringUTF8(s, offset[, length])`: like substring but offset and length count UTF-8 code points. */
import { T, isInteger } from '../../src/core/types.ts';
import { StringBuilder } from '../expr/build.ts';
import { illegalType } from '../expr/errors.ts';
import { readF64 } from '../expr/read.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';
import { substringRange } from './substring.ts';

/** Byte index of code point `cp` in b[s..e) (e when past the end). */
function byteOfChar(b: Uint8Array, s: number, e: number, cp: number): number {
  let k = s, c = 0;
  while (k < e && c < cp) { k++; while (k < e && (b[k]! & 0xc0) === 0x80) k++; c++; }
  return k;
}

/** The substringUTF8 function. */
export const substringUTF8 = defineStringFn({
  name: 'substringUTF8',
  minArgs: 2,
  maxArgs: 3,
  type: (rest) => {
    rest.forEach((t, i) => { if (!isInteger(t)) throw illegalType('substringUTF8', t, i + 1); });
    return T.String;
  },
  kernel: (s, rest, rt) => {
    const n = s.length, o = s.offsets, b = s.bytes;
    const off = readF64(rest[0]!, n), len = rest[1] ? readF64(rest[1], n) : null;
    const sb = new StringBuilder(n, b.length);
    for (let i = 0; i < n; i++) {
      const st = o[i]!, e = o[i + 1]!;
      let chars = 0;
      for (let k = st; k < e; k++) chars += (b[k]! & 0xc0) !== 0x80 ? 1 : 0;
      const [x, y] = substringRange(chars, off.a[i & off.m]!, len ? len.a[i & len.m]! : undefined);
      const bx = byteOfChar(b, st, e, x);
      sb.appendRange(b, bx, byteOfChar(b, bx, e, y - x));
    }
    return sb.finish(rt);
  },
});

registerScalar(substringUTF8);
