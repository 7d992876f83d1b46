/** `today()` (alias curdate, current_date): the current date (UTC) as Date; volatile. */
import { T } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { registerScalar } from './registry.ts';

/** The today function. */
export const today = defineScalar({
  name: 'today',
  aliases: ['curdate', 'current_date'],
  caseInsensitive: true,
  volatile: true,
  minArgs: 0,
  type: () => T.Date,
  kernel: (_args, n, rt) => constVector(rt, Math.floor(Date.now() / 86400000), n),
});

registerScalar(today);
