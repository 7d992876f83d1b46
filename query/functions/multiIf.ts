/**
 * `multiIf(c1, a1, c2, a2, ..., else)` (CASE WHEN): the first branch whose condition is true (non-zero,
 * not NULL); the result type is the least supertype of the branches.
 */
import type { DataType } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { EddyError } from '../../src/core/errors.ts';
import { defineScalar } from '../expr/define.ts';
import { illegalType } from '../expr/errors.ts';
import { isArithmetic, leastSupertype } from '../expr/promote.ts';
import { nullsOf, readBool } from '../expr/read.ts';
import { selectBranches } from '../expr/select.ts';
import { registerScalar } from './registry.ts';

/** Result type of if/multiIf over [c1, a1, ..., else]. */
export function branchesType(fn: string, args: readonly DataType[]): DataType {
  if (args.length < 3 || args.length % 2 === 0) {
    throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH', `Invalid number of arguments for function '${fn}': ${args.length}`);
  }
  let t = args[1]!;
  for (let k = 0; k + 1 < args.length; k += 2) {
    const c = args[k]!;
    if (!isArithmetic(c) && c.kind !== 'Nothing') throw illegalType(fn, c, k);
    if (k > 0) t = leastSupertype(fn, t, args[k + 1]!, k + 1);
  }
  return leastSupertype(fn, t, args[args.length - 1]!, args.length - 1);
}

/** Evaluate if/multiIf over [c1, a1, ..., else]. */
export function branchesKernel(args: readonly Vector[], n: number, rt: DataType): Vector {
  const choice = new Int32Array(n).fill(-1);
  const branches: Vector[] = [];
  for (let k = 0; k + 1 < args.length; k += 2) {
    const b = branches.length;
    branches.push(args[k + 1]!);
    const cond = args[k]!;
    if (cond.kind === 'const' && cond.value === null) continue;
    const { a, m } = readBool(cond, n);
    const nulls = nullsOf(cond, n);
    for (let i = 0; i < n; i++) if (choice[i] === -1 && a[i & m] === 1 && (nulls === null || nulls[i] === 0)) choice[i] = b;
  }
  const e = branches.length;
  branches.push(args[args.length - 1]!);
  for (let i = 0; i < n; i++) if (choice[i] === -1) choice[i] = e;
  return selectBranches(branches, choice, n, rt);
}

/** The multiIf function. */
export const multiIf = defineScalar({
  name: 'multiIf',
  minArgs: 3,
  maxArgs: Infinity,
  nulls: 'custom',
  type: (args) => branchesType('multiIf', args),
  kernel: branchesKernel,
});

registerScalar(multiIf);
