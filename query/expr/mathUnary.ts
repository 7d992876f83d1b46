/**
 * defineMathUnary: the shell of ClickHouse's FunctionMathUnary (sqrt, exp, log, …): any number in,
 * Float32 for Float32 input and Float64 otherwise, computed per row in doubles (dictionaries once per
 * entry through readF64's gather, constants folded by defineScalar).
 */
import type { DataType } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { defineScalar } from './define.ts';
import { illegalType } from './errors.ts';
import { isArithmetic } from './promote.ts';
import { readF64 } from './read.ts';

/** Float result type of a math function over a number (ILLEGAL_TYPE_OF_ARGUMENT otherwise). */
export function mathType(fn: string, t: DataType, index = 0): DataType {
  if (!isArithmetic(t)) throw illegalType(fn, t, index);
  return t.kind === 'Float32' ? T.Float32 : T.Float64;
}

/** A one-argument math function computing `f` on doubles. */
export function defineMathUnary(name: string, f: (x: number) => number, aliases: readonly string[] = []): ScalarFunction {
  return defineScalar({
    name,
    aliases,
    caseInsensitive: true,
    minArgs: 1,
    type: ([t]) => mathType(name, t!),
    kernel: ([x], n, rt) => {
      const { a, m } = readF64(x!, n);
      const out = rt.kind === 'Float32' ? new Float32Array(n) : new Float64Array(n);
      for (let i = 0; i < n; i++) out[i] = f(a[i & m]!);
      return flatVector(rt, out);
    },
  });
}
