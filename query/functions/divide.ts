/** `divide(a, b)`: a / b (always Float64), with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The divide function. */
export const divide = defineScalar({
  name: 'divide',
  minArgs: 2,
  type: ([a, b]) => arithmeticType('divide', 'divide', a!, b!),
  kernel: (args, n, rt) => arith('divide', 'divide', args, n, rt),
});

registerScalar(divide);
