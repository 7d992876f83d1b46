/** `or(a, b, ...)`: a OR b OR ...: 1 if any argument is non-zero, else NULL if any is NULL, else 0. */
import { defineScalar } from '../expr/define.ts';
import { logicKernel, logicType } from '../expr/logic.ts';
import { registerScalar } from './registry.ts';

/** The or function. */
export const or = defineScalar({
  name: 'or',
  caseInsensitive: true,
  minArgs: 2,
  maxArgs: Infinity,
  nulls: 'custom',
  type: (args) => logicType('or', args),
  kernel: (args, n, rt) => logicKernel(false, args, n, rt),
});

registerScalar(or);
