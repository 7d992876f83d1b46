/** `now([timezone])`: the current time as DateTime (volatile: read per batch, never constant-folded). */
import { makeType } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { badArguments, illegalType } from '../expr/errors.ts';
import { registerScalar } from './registry.ts';

/** The now function. */
export const now = defineScalar({
  name: 'now',
  aliases: ['current_timestamp'],
  caseInsensitive: true,
  volatile: true,
  minArgs: 0,
  maxArgs: 1,
  type: (args, constants) => {
    if (args.length === 0) return makeType('DateTime');
    if (args[0]!.kind !== 'String') throw illegalType('now', args[0]!, 0, 'a constant String time zone');
    if (typeof constants[0] !== 'string') throw badArguments('now', 'the time zone must be a constant string');
    return makeType('DateTime', { timezone: constants[0] });
  },
  kernel: (_args, n, rt) => constVector(rt, Math.floor(Date.now() / 1000), n),
});

registerScalar(now);
