/** `notEmpty(s)`: 1 when the string is not empty, else 0 (per dictionary entry for dictionaries). */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The notEmpty function. */
export const notEmpty = defineStringFn({
  name: 'notEmpty',
  minArgs: 1,
  type: () => T.UInt8,
  kernel: (s, _rest, rt) => {
    const o = s.offsets, out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = (o[i + 1] === o[i]) === false ? 1 : 0;
    return flatVector(rt, out);
  },
});

registerScalar(notEmpty);
