/** `toNullable(x)`: x as Nullable (values unchanged). */
import { withNullable } from '../../src/core/types.ts';
import { retype } from '../expr/build.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The toNullable function. */
export const toNullable = defineScalar({
  name: 'toNullable',
  minArgs: 1,
  nulls: 'custom',
  type: ([a]) => withNullable(a!),
  kernel: ([x], _n, rt) => retype(x!, rt, null),
});

registerScalar(toNullable);
