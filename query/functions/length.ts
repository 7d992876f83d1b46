/** `length(s)`: bytes in a string (UInt64), computed once per dictionary entry. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { halves } from '../expr/build.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The length function. */
export const length = defineStringFn({
  name: 'length',
  caseInsensitive: true,
  aliases: ['OCTET_LENGTH'],
  minArgs: 1,
  type: () => T.UInt64,
  kernel: (s, _rest, rt) => {
    const out = new BigUint64Array(s.length);
    const w = halves(out), o = s.offsets;
    for (let i = 0; i < s.length; i++) w[2 * i] = o[i + 1]! - o[i]!;
    return flatVector(rt, out);
  },
});

registerScalar(length);
