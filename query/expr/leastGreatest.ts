/**
 * greatest/least(a, b, ...): the largest/smallest argument per row. Result type as ClickHouse
 * (before 24.12, whose NULL handling Eddy follows: any NULL argument makes the row NULL): two numbers
 * take `if`'s common type except that Int64 with UInt64 gives Int64 for least and UInt64 for greatest;
 * otherwise the least supertype of all arguments (strings with strings, dates with dates). Rows pick
 * the winning argument by comparing in the arguments' own domains, then convert it to the result type.
 */
import type { DataType } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { checkComparable, compareVectors } from './compare.ts';
import { defineScalar } from './define.ts';
import { leastSupertype } from './promote.ts';
import { selectBranches } from './select.ts';

/** Result type of greatest/least over these (non-nullable) argument types. */
export function leastGreatestType(fn: string, greatest: boolean, args: readonly DataType[]): DataType {
  if (args.length === 2) {
    const [a, b] = args as [DataType, DataType];
    const mixed64 = (a.kind === 'Int64' && b.kind === 'UInt64') || (a.kind === 'UInt64' && b.kind === 'Int64');
    if (mixed64) return greatest ? T.UInt64 : T.Int64;
  }
  let t = args[0]!;
  for (let k = 1; k < args.length; k++) {
    checkComparable(fn, t, args[k]!, undefined, undefined);
    t = leastSupertype(fn, t, args[k]!, k);
  }
  return t;
}

/** The greatest or least function. */
export function defineLeastGreatest(name: string, greatest: boolean): ScalarFunction {
  return defineScalar({
    name,
    caseInsensitive: true,
    minArgs: 1,
    maxArgs: Infinity,
    type: (args) => leastGreatestType(name, greatest, args),
    kernel: (args, n, rt) => {
      const choice = new Int32Array(n);
      let best: Vector = args[0]!;
      for (let k = 1; k < args.length; k++) {
        const better = compareVectors(greatest ? 'greater' : 'less', args[k]!, best, n);
        for (let i = 0; i < n; i++) if (better[i] === 1) choice[i] = k;
        if (k + 1 < args.length) best = selectBranches(args, choice, n, rt);
      }
      return selectBranches(args, choice, n, rt);
    },
  });
}
