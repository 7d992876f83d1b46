/** `notEquals(a, b)` (a != b, a <> b): UInt8 0/1; numbers with promotion, strings by bytes, dates against date text. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { checkComparable, compareVectors } from '../expr/compare.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The notEquals function. */
export const notEquals = defineScalar({
  name: 'notEquals',
  minArgs: 2,
  type: ([a, b], [ca, cb]) => {
    checkComparable('notEquals', a!, b!, ca, cb);
    return T.UInt8;
  },
  kernel: ([a, b], n, rt) => flatVector(rt, compareVectors('notEquals', a!, b!, n)),
});

registerScalar(notEquals);
