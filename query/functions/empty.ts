/** `empty(s)`: 1 when the string is empty, else 0 (per dictionary entry for dictionaries). */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { registerScalar } from './registry.ts';

/** The empty function. */
export const empty = defineStringFn({
  name: 'empty',
  minArgs: 1,
  type: () => T.UInt8,
  kernel: (s, _rest, rt) => {
    const o = s.offsets, out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = (o[i + 1] === o[i]) === true ? 1 : 0;
    return flatVector(rt, out);
  },
});

registerScalar(empty);
