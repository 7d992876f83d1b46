/**
 * Row selection across branches (if, multiIf, coalesce, ifNull, nullIf): convert each branch to the
 * result type once per batch, then copy the chosen branch's value per row — typed-array copies for
 * numbers (64-bit through Int32 halves), byte copies for strings.
 */
import type { DataType, TypedArray } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { StringBuilder, allocValues, halves, storeI64 } from './build.ts';
import { nullsOf, readF64, readI64, readStr } from './read.ts';

/** Values of a numeric/temporal vector converted to type t: a typed array (length 1 for constants) and mask. */
export function convertNumeric(v: Vector, t: DataType, n: number): { a: TypedArray; m: number } {
  if (v.kind === 'flat' && v.type.kind === t.kind && (v.type.precision ?? 3) === (t.precision ?? 3)) return { a: v.values, m: -1 };
  const out = allocValues(t, v.kind === 'const' ? 1 : n);
  const len = out.length;
  const scale = temporalScale(v.type, t);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const { hi, lo, m } = readI64(v, n);
    const w = halves(out);
    if (scale === 1) for (let i = 0; i < len; i++) storeI64(w, i, hi[i]!, lo[i]!);
    else for (let i = 0; i < len; i++) storeI64(w, i, 0, (hi[i]! * 4294967296 + lo[i]!) * scale);
    return { a: out, m };
  }
  const { a, m } = readF64(v, n);
  if (out instanceof Float64Array || out instanceof Float32Array) for (let i = 0; i < len; i++) out[i] = a[i]! * scale;
  else { const o = out as Exclude<TypedArray, BigInt64Array | BigUint64Array>; for (let i = 0; i < len; i++) o[i] = Math.trunc(a[i]! * scale) || 0; }
  return { a: out, m };
}

/** Factor converting values of temporal `from` into temporal `to` units (1 for non-temporal pairs). */
function temporalScale(from: DataType, to: DataType): number {
  const unit = (t: DataType): number => (t.kind === 'Date' ? 86400 : t.kind === 'DateTime' ? 1 : t.kind === 'DateTime64' ? 10 ** -(t.precision ?? 3) : 0);
  const f = unit(from), g = unit(to);
  return f === 0 || g === 0 ? 1 : f / g;
}

/**
 * Build the result of type t where row i takes branch choice[i] (an index into branches), or NULL
 * where choice[i] = -1. NULLs of the chosen branch carry over.
 */
export function selectBranches(branches: readonly Vector[], choice: Int32Array, n: number, t: DataType): Vector {
  const bn = branches.map((b) => nullsOf(b, n));
  let nulls: Uint8Array | null = null;
  if (t.nullable) {
    nulls = new Uint8Array(n);
    let any = false;
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      const z = c < 0 ? 1 : bn[c]?.[i] ?? 0;
      nulls[i] = z;
      any ||= z === 1;
    }
    if (!any) nulls = null;
  }
  if (t.kind === 'String') {
    const views = branches.map((b) => readStr(b));
    const sb = new StringBuilder(n);
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      if (c >= 0) {
        const v = views[c]!;
        const j = v.codes === null ? i & v.m : v.codes[i]!;
        sb.pushRange(v.bytes, v.offsets[j]!, v.offsets[j + 1]!);
      }
      sb.endRow();
    }
    return sb.finish(t, nulls);
  }
  const conv = branches.map((b) => convertNumeric(b, t, n));
  const out = allocValues(t, n);
  if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
    const w = halves(out);
    const srcs = conv.map((c) => halves(c.a as BigInt64Array));
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      if (c < 0) continue;
      const j = i & conv[c]!.m, s = srcs[c]!;
      w[2 * i] = s[2 * j]!;
      w[2 * i + 1] = s[2 * j + 1]!;
    }
  } else {
    const o = out as Float64Array;
    const arrs = conv.map((c) => c.a as Float64Array), masks = conv.map((c) => c.m);
    for (let i = 0; i < n; i++) {
      const c = choice[i]!;
      if (c >= 0) o[i] = arrs[c]![i & masks[c]!]!;
    }
  }
  return flatVector(t, out, nulls);
}
