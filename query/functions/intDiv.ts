/** `intDiv(a, b)`: integer division truncating toward zero (throws ILLEGAL_DIVISION on zero), with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The intDiv function. */
export const intDiv = defineScalar({
  name: 'intDiv',
  minArgs: 2,
  type: ([a, b]) => arithmeticType('intDiv', 'intDiv', a!, b!),
  kernel: (args, n, rt) => arith('intDiv', 'intDiv', args, n, rt),
});

registerScalar(intDiv);
