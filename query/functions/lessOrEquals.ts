/** `lessOrEquals(a, b)` (a <= b): UInt8 0/1; numbers with promotion, strings by bytes, dates against date text. */
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { checkComparable, compareVectors } from '../expr/compare.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The lessOrEquals function. */
export const lessOrEquals = defineScalar({
  name: 'lessOrEquals',
  minArgs: 2,
  type: ([a, b], [ca, cb]) => {
    checkComparable('lessOrEquals', a!, b!, ca, cb);
    return T.UInt8;
  },
  kernel: ([a, b], n, rt) => flatVector(rt, compareVectors('lessOrEquals', a!, b!, n)),
});

registerScalar(lessOrEquals);
