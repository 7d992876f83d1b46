/** `upper(s)`: ASCII letters converted to upper case (ClickHouse's upper; non-ASCII bytes unchanged). */
import { T } from '../../src/core/types.ts';
import { stringVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The upper function. */
export const upper = defineStringFn({
  name: 'upper',
  aliases: ['ucase'],
  caseInsensitive: true,
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => {
    const src = s.bytes, out = new Uint8Array(src.length);
    for (let k = 0; k < src.length; k++) { const c = src[k]!; out[k] = c >= 97 && c <= 122 ? c + (-32) : c; }
    return stringVector(rt, s.offsets, out);
  },
});

registerScalar(upper);
