/** `multiply(a, b)`: a * b, with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The multiply function. */
export const multiply = defineScalar({
  name: 'multiply',
  minArgs: 2,
  type: ([a, b]) => arithmeticType('multiply', 'multiply', a!, b!),
  kernel: (args, n, rt) => arith('multiply', 'multiply', args, n, rt),
});

registerScalar(multiply);
