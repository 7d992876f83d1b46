/**
 * ClickHouse's rounding functions round/floor/ceil/trunc(x[, N]): the result keeps x's type; N is a
 * constant number of decimal places (negative: tens, hundreds…). Floats scale by 10^|N| and round in
 * doubles — round() ties to even, as ClickHouse's SSE rounding does; integers are unchanged for N >= 0
 * and rounded to a multiple of 10^-N otherwise (round() ties away from zero), exactly on hi/lo halves
 * when they are 64-bit and beyond 2^53 only through the double path (documented approximation).
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { isInteger } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import type { ScalarFunction } from '../functions/registry.ts';
import { fromF64 } from './build.ts';
import { defineScalar, stripType } from './define.ts';
import { badArguments, illegalType } from './errors.ts';
import { isFloat } from './promote.ts';
import { readF64 } from './read.ts';

/** How a value is brought to a multiple of the scale. */
export type RoundingMode = 'round' | 'floor' | 'ceil' | 'trunc';

/** Round half to even (the CPU's default rounding, C's nearbyint). */
export function roundHalfEven(v: number): number {
  const r = Math.round(v);
  return r - v === 0.5 && r % 2 !== 0 ? r - 1 : r;
}

function apply(mode: RoundingMode, v: number): number {
  switch (mode) {
    case 'round': return roundHalfEven(v);
    case 'floor': return Math.floor(v);
    case 'ceil': return Math.ceil(v);
    case 'trunc': return Math.trunc(v);
  }
}

/** Integer rounding to a multiple of `scale` (> 1), as ClickHouse's IntegerRoundingComputation. */
function applyInt(mode: RoundingMode, x: number, scale: number): number {
  switch (mode) {
    case 'trunc': return Math.trunc(x / scale) * scale;
    case 'floor': return Math.floor(x / scale) * scale;
    case 'ceil': return Math.ceil(x / scale) * scale;
    case 'round': { const q = Math.trunc((Math.abs(x) + scale / 2) / scale) * scale; return x < 0 ? -q : q; }
  }
}

function digitsOf(fn: string, t: DataType | undefined, c: Scalar | undefined): number {
  if (t === undefined) return 0;
  if (!isInteger(t)) throw illegalType(fn, t, 1, 'an integer');
  if (c === undefined || c === null) throw badArguments(fn, 'the scale (second argument) must be a constant integer');
  return Number(c);
}

function roundKernel(mode: RoundingMode, args: readonly Vector[], n: number, rt: DataType): Vector {
  const [x, d] = args as [Vector, Vector | undefined];
  const digits = d === undefined ? 0 : Number((d as { value: Scalar }).value);
  const { a, m } = readF64(x, n);
  const tmp = new Float64Array(n);
  if (isFloat(rt)) {
    if (digits === 0) for (let i = 0; i < n; i++) tmp[i] = apply(mode, a[i & m]!);
    else if (digits > 0) { const s = 10 ** digits; for (let i = 0; i < n; i++) tmp[i] = apply(mode, a[i & m]! * s) / s; }
    else { const s = 10 ** -digits; for (let i = 0; i < n; i++) tmp[i] = apply(mode, a[i & m]! / s) * s; }
    return flatVector(rt, rt.kind === 'Float32' ? Float32Array.from(tmp) : tmp);
  }
  if (digits >= 0) for (let i = 0; i < n; i++) tmp[i] = a[i & m]!;
  else { const s = 10 ** -digits; for (let i = 0; i < n; i++) tmp[i] = applyInt(mode, a[i & m]!, s); }
  return flatVector(rt, fromF64(rt, tmp));
}

/** A rounding function `name` with mode `mode`. */
export function defineRounding(name: string, mode: RoundingMode, aliases: readonly string[] = []): ScalarFunction {
  return defineScalar({
    name,
    aliases,
    caseInsensitive: true,
    minArgs: 1,
    maxArgs: 2,
    type: (args, constants) => {
      const t = args[0]!;
      if (!isInteger(t) && !isFloat(t)) throw illegalType(name, t, 0, 'a number');
      digitsOf(name, args[1], constants[1]);
      return stripType(t);
    },
    kernel: (args, n, rt) => roundKernel(mode, args, n, rt),
  });
}
