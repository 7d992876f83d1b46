/** `match(s, pattern)`: 1 when the regexp matches somewhere in s (bytes, RE2-style syntax), else 0. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { illegalType } from '../expr/errors.ts';
import { readStr } from '../expr/read.ts';
import { compileRegex, utf8Text } from '../expr/regex.ts';
import { latin1 } from '../expr/strings.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The match function. */
export const match = defineStringFn({
  name: 'match',
  aliases: ['REGEXP_MATCHES'],
  minArgs: 2,
  type: ([p]) => {
    if (p!.kind !== 'String') throw illegalType('match', p!, 1);
    return T.UInt8;
  },
  kernel: (s, [p], rt) => {
    const n = s.length, o = s.offsets, pv = readStr(p!);
    const text = latin1(s.bytes), ptext = latin1(pv.bytes);
    const out = new Uint8Array(n);
    let last = -1, re = /$^/;
    for (let i = 0; i < n; i++) {
      const j = pv.codes === null ? i & pv.m : pv.codes[i]!;
      if (j !== last) { re = compileRegex(utf8Text(ptext, pv.offsets[j]!, pv.offsets[j + 1]!)); last = j; }
      out[i] = re.test(text.slice(o[i]!, o[i + 1]!)) ? 1 : 0;
    }
    return flatVector(rt, out);
  },
});

registerScalar(match);
