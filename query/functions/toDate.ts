/** `toDate(x)`: Date from DateTime (in its zone), DateTime64, date text ('2013-07-01') or a day number. */
import { T, withNullable } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import { castVector } from '../expr/cast.ts';
import { defineScalar } from '../expr/define.ts';
import { localSeconds } from '../expr/temporal.ts';
import { registerScalar } from './registry.ts';

/** The toDate function. */
export const toDate = defineScalar({
  name: 'toDate',
  aliases: ['DATE'],
  caseInsensitive: true,
  minArgs: 1,
  maxArgs: 2,
  type: () => T.Date,
  kernel: ([x], n, rt) => {
    if (x!.type.kind === 'DateTime' || x!.type.kind === 'DateTime64') {
      const local = localSeconds(x!, n);
      const out = new Int32Array(n);
      for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 86400);
      return flatVector(rt, out);
    }
    return castVector(x!, withNullable(rt), n);
  },
});

registerScalar(toDate);
