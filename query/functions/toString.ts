/** `toString(x)`: the text form of any value (see expr/format.ts); strings pass through. */
import { T } from '../../src/core/types.ts';
import { defineScalar } from '../expr/define.ts';
import { formatVector } from '../expr/format.ts';
import { registerScalar } from './registry.ts';

/** The toString function. */
export const toString = defineScalar({
  name: 'toString',
  minArgs: 1,
  maxArgs: 2,
  type: () => T.String,
  kernel: ([x], n, rt) => formatVector(x!, n, rt),
});

registerScalar(toString);
