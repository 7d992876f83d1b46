/** `concat(a, b, ...)` (also `a || b`): strings joined byte-wise; numbers are formatted as by toString. */
import { T } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { StringBuilder } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { readStr } from '../expr/read.ts';
import { registerScalar } from './registry.ts';
import { toString } from './toString.ts';

/** The concat function. */
export const concat = defineScalar({
  name: 'concat',
  caseInsensitive: true,
  minArgs: 1,
  maxArgs: Infinity,
  type: () => T.String,
  kernel: (args, n, rt) => {
    const views = args.map((a: Vector) => readStr(a.type.kind === 'String' ? a : toString.evaluate([a], n, T.String)));
    const sb = new StringBuilder(n);
    for (let i = 0; i < n; i++) {
      for (const v of views) {
        const j = v.codes === null ? i & v.m : v.codes[i]!;
        sb.pushRange(v.bytes, v.offsets[j]!, v.offsets[j + 1]!);
      }
      sb.endRow();
    }
    return sb.finish(rt);
  },
});

registerScalar(concat);
