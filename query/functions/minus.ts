/** `minus(a, b)`: a - b, with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The minus function. */
export const minus = defineScalar({
  name: 'minus',
  minArgs: 2,
  type: ([a, b]) => arithmeticType('minus', 'minus', a!, b!),
  kernel: (args, n, rt) => arith('minus', 'minus', args, n, rt),
});

registerScalar(minus);
