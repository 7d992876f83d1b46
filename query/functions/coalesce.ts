/**
 * `coalesce(a, b, ...)`: the first non-NULL argument per row; Nullable only when every argument is.
 * `ifNull(a, b)` is its two-argument form.
 */
import type { DataType } from '../../src/core/types.ts';
import { withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { defineScalar } from '../expr/define.ts';
import { leastSupertype } from '../expr/promote.ts';
import { nullsOf } from '../expr/read.ts';
import { selectBranches } from '../expr/select.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

function coalesceType(fn: string, args: readonly DataType[]): DataType {
  let t = args[0]!;
  for (let k = 1; k < args.length; k++) t = leastSupertype(fn, t, args[k]!, k);
  return withNullable(t, args.every((a) => a.nullable));
}

function coalesceKernel(args: readonly Vector[], n: number, rt: DataType): Vector {
  const choice = new Int32Array(n).fill(-1);
  args.forEach((v, k) => {
    const nulls = nullsOf(v, n);
    for (let i = 0; i < n; i++) if (choice[i] === -1 && (nulls === null || nulls[i] === 0)) choice[i] = k;
  });
  return selectBranches(args, choice, n, rt);
}

function make(name: string, min: number, max: number): ScalarFunction {
  return defineScalar({
    name,
    caseInsensitive: true,
    minArgs: min,
    maxArgs: max,
    nulls: 'custom',
    type: (args) => coalesceType(name, args),
    kernel: coalesceKernel,
  });
}

/** The coalesce function. */
export const coalesce = make('coalesce', 1, Infinity);
/** The ifNull function. */
export const ifNull = make('ifNull', 2, 2);

registerScalar(coalesce);
registerScalar(ifNull);
