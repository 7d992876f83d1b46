/** `if(cond, then, else)` (also `cond ? a : b`): then where cond is true (non-zero, not NULL), else otherwise. */
import { defineScalar } from '../expr/define.ts';
import { branchesKernel, branchesType } from './multiIf.ts';
import { registerScalar } from './registry.ts';

/** The if function. */
export const ifFn = defineScalar({
  name: 'if',
  caseInsensitive: true,
  minArgs: 3,
  nulls: 'custom',
  type: (args) => branchesType('if', args),
  kernel: branchesKernel,
});

registerScalar(ifFn);
