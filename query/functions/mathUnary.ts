/**
 * The one-argument math functions (ClickHouse's FunctionMathUnary family): sqrt, cbrt, exp, exp2,
 * exp10, log (alias ln), log2, log10, sin, cos, tan, asin, acos, atan. Float32 in gives Float32,
 * any other number gives Float64; NaN/inf follow IEEE (log(0) = -inf, sqrt(-1) = nan).
 */
import { defineMathUnary } from '../expr/mathUnary.ts';
import type { ScalarFunction } from './registry.ts';
import { registerScalar } from './registry.ts';

/** Every math function of this family, by name. */
export const mathFunctions: readonly ScalarFunction[] = [
  defineMathUnary('sqrt', Math.sqrt),
  defineMathUnary('cbrt', Math.cbrt),
  defineMathUnary('exp', Math.exp),
  defineMathUnary('exp2', (x) => 2 ** x),
  defineMathUnary('exp10', (x) => 10 ** x),
  defineMathUnary('log', Math.log, ['ln']),
  defineMathUnary('log2', Math.log2),
  defineMathUnary('log10', Math.log10),
  defineMathUnary('sin', Math.sin),
  defineMathUnary('cos', Math.cos),
  defineMathUnary('tan', Math.tan),
  defineMathUnary('asin', Math.asin),
  defineMathUnary('acos', Math.acos),
  defineMathUnary('atan', Math.atan),
];

for (const f of mathFunctions) registerScalar(f);
