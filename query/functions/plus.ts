/** `plus(a, b)`: a + b, with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The plus function. */
export const plus = defineScalar({
  name: 'plus',
  minArgs: 2,
  type: ([a, b]) => arithmeticType('plus', 'plus', a!, b!),
  kernel: (args, n, rt) => arith('plus', 'plus', args, n, rt),
});

registerScalar(plus);
