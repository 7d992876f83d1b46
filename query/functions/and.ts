/** `and(a, b, ...)`: a AND b AND ...: 0 if any argument is 0, else NULL if any is NULL, else 1. */
import { defineScalar } from '../expr/define.ts';
import { logicKernel, logicType } from '../expr/logic.ts';
import { registerScalar } from './registry.ts';

/** The and function. */
export const and = defineScalar({
  name: 'and',
  caseInsensitive: true,
  minArgs: 2,
  maxArgs: Infinity,
  nulls: 'custom',
  type: (args) => logicType('and', args),
  kernel: (args, n, rt) => logicKernel(true, args, n, rt),
});

registerScalar(and);
