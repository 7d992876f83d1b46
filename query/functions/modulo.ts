/** `modulo(a, b)`: remainder with the dividend's sign (throws ILLEGAL_DIVISION on zero for integers), with ClickHouse's result-type rules. */
import { arith } from '../expr/arith.ts';
import { defineScalar } from '../expr/define.ts';
import { arithmeticType } from '../expr/promote.ts';
import { registerScalar } from './registry.ts';

/** The modulo function. */
export const modulo = defineScalar({
  name: 'modulo',
  aliases: ['mod'],
  caseInsensitive: true,
  minArgs: 2,
  type: ([a, b]) => arithmeticType('modulo', 'modulo', a!, b!),
  kernel: (args, n, rt) => arith('modulo', 'modulo', args, n, rt),
});

registerScalar(modulo);
