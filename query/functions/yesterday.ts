/** `yesterday()`: the day before today() (UTC) as Date; volatile. */
import { T } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The yesterday function. */
export const yesterday = defineScalar({
  name: 'yesterday',
  volatile: true,
  minArgs: 0,
  type: () => T.Date,
  kernel: (_args, n, rt) => constVector(rt, Math.floor(Date.now() / 86400000) - 1, n),
});

registerScalar(yesterday);
