/** `startsWith(s, x)`: 1 when s starts with prefix (byte-wise), else 0. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { illegalType } from '../expr/errors.ts';
import { readStr } from '../expr/read.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The startsWith function. */
export const startsWith = defineStringFn({
  name: 'startsWith',
  minArgs: 2,
  type: ([x]) => {
    if (x!.kind !== 'String') throw illegalType('startsWith', x!, 1);
    return T.UInt8;
  },
  kernel: (s, [x], rt) => {
    const n = s.length, o = s.offsets, b = s.bytes;
    const v = readStr(x!);
    const out = new Uint8Array(n);
    for (let i = 0; i < n; i++) {
      const j = v.codes === null ? i & v.m : v.codes[i]!;
      const ps = v.offsets[j]!, l = v.offsets[j + 1]! - ps;
      const st = o[i]!, e = o[i + 1]!;
      if (e - st < l) continue;
      const at = st;
      let ok = 1;
      for (let k = 0; k < l; k++) if (b[at + k] !== v.bytes[ps + k]) { ok = 0; break; }
      out[i] = ok;
    }
    return flatVector(rt, out);
  },
});

registerScalar(startsWith);
