/** `nullIf(a, b)`: NULL where a = b, else a (Nullable of a's type). */
import { withNullable } from '../../src/core/types.ts';
import { checkComparable, compareVectors } from '../expr/compare.ts';
import { defineScalar, stripType } from '../expr/define.ts';
import { nullsOf } from '../expr/read.ts';
import { selectBranches } from '../expr/select.ts';
import { registerScalar } from './registry.ts';

/** The nullIf function. */
export const nullIf = defineScalar({
  name: 'nullIf',
  caseInsensitive: true,
  minArgs: 2,
  nulls: 'custom',
  type: ([a, b], [ca, cb]) => {
    checkComparable('nullIf', stripType(a!), stripType(b!), ca, cb);
    return withNullable(a!);
  },
  kernel: ([a, b], n, rt) => {
    const eq = compareVectors('equals', a!, b!, n);
    const bn = nullsOf(b!, n);
    const choice = new Int32Array(n);
    for (let i = 0; i < n; i++) choice[i] = eq[i] === 1 && (bn === null || bn[i] === 0) ? -1 : 0;
    return selectBranches([a!], choice, n, rt);
  },
});

registerScalar(nullIf);
