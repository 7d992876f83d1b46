/**
 * `CAST(x, 'Type')` / `_CAST(x, 'Type')`: conversion between all types (see expr/cast.ts). The target
 * must be a constant type name; Nullable targets turn NULL through, non-Nullable targets reject NULLs.
 */
import { parseType } from '../../src/core/types.ts';
import { castVector } from '../expr/cast.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { registerScalar } from './registry.ts';

/** The CAST function. */
export const cast = defineScalar({
  name: 'CAST',
  aliases: ['_CAST'],
  caseInsensitive: true,
  minArgs: 2,
  nulls: 'custom',
  type: ([, t], [, name]) => {
    if (typeof name !== 'string') throw illegalType('CAST', t!, 1, 'a constant String type name');
    return parseType(name);
  },
  kernel: ([x], n, rt) => castVector(x!, rt, n),
});

registerScalar(cast);
