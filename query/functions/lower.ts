/** `lower(s)`: ASCII letters converted to lower case (ClickHouse's lower; non-ASCII bytes unchanged). */
import { T } from '../../src/core/types.ts';
import { stringVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The lower function. */
export const lower = defineStringFn({
  name: 'lower',
  aliases: ['lcase'],
  caseInsensitive: true,
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => {
    const src = s.bytes, out = new Uint8Array(src.length);
    for (let k = 0; k < src.length; k++) { const c = src[k]!; out[k] = c >= 65 && c <= 90 ? c + (32) : c; }
    return stringVector(rt, s.offsets, out);
  },
});

registerScalar(lower);
