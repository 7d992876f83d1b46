/** `position(haystack, needle)`: 1-based byte position of the first occurrence, 0 if absent (UInt64). */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { halves } from '../expr/build.ts';
import { illegalType } from '../expr/errors.ts';
import { readStr } from '../expr/read.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The position function. */
export const position = defineStringFn({
  name: 'position',
  caseInsensitive: true,
  minArgs: 2,
  type: ([needle]) => {
    if (needle!.kind !== 'String') throw illegalType('position', needle!, 1);
    return T.UInt64;
  },
  kernel: (s, [needle], rt) => {
    const n = s.length, o = s.offsets;
    const buf = Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
    const nv = readStr(needle!);
    const out = new BigUint64Array(n);
    const w = halves(out);
    for (let i = 0; i < n; i++) {
      const j = nv.codes === null ? i & nv.m : nv.codes[i]!;
      const ns = nv.offsets[j]!, ne = nv.offsets[j + 1]!;
      const st = o[i]!, e = o[i + 1]!;
      if (ne === ns) { w[2 * i] = 1; continue; }
      const p = buf.subarray(st, e).indexOf(nv.bytes.subarray(ns, ne));
      w[2 * i] = p + 1;
    }
    return flatVector(rt, out);
  },
});

registerScalar(position);
