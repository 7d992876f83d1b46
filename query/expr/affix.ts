/** The shared kernel of startsWith / endsWith: a byte-wise comparison of each row's prefix or suffix. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { illegalType } from './errors.ts';
import { readStr } from './read.ts';
import { defineStringFn } from './unaryString.ts';

/** A function returning 1 when s starts (`atEnd` false) or ends (`atEnd` true) with x, else 0. */
export function defineAffixTest(name: string, atEnd: boolean) {
  return defineStringFn({
    name,
    minArgs: 2,
    type: ([x]) => {
      if (x!.kind !== 'String') throw illegalType(name, x!, 1);
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
        const at = atEnd ? e - l : st;
        let ok = 1;
        for (let k = 0; k < l; k++) if (b[at + k] !== v.bytes[ps + k]) { ok = 0; break; }
        out[i] = ok;
      }
      return flatVector(rt, out);
    },
  });
}
