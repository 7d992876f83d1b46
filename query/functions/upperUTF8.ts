/** `upperUTF8(s)`: s in upper case, Unicode-aware for characters whose other case has the same UTF-8 length. */
import { T } from '../../src/core/types.ts';
import { defineStringFn } from '../expr/unaryString.ts';
import { convertCaseUtf8 } from '../expr/utf8Case.ts';
import { registerScalar } from './registry.ts';

/** The upperUTF8 function. */
export const upperUTF8 = defineStringFn({
  name: 'upperUTF8',
  minArgs: 1,
  type: () => T.String,
  kernel: (s, _rest, rt) => ({ ...convertCaseUtf8(s, true), type: rt }),
});

registerScalar(upperUTF8);
