/** `lowerUTF8(s)`: s in lower case, Unicode-aware for characters whose other case has the same UTF-8 length. */
import { T } from '../../src/core/types.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { convertCaseUtf8 } from '../expr/utf8Case.ts';
import { registerScalar } from './registry.ts';

/** The lowerUTF8 function. */
export const lowerUTF8 = defineStringFn({
  name: 'lowerUTF8',
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => ({ ...convertCaseUtf8(s, false), type: rt }),
});

registerScalar(lowerUTF8);
