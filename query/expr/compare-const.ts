/**
 * The common filter shape `column op constant` over a flat numeric column, compared in place: narrow
 * values straight from their typed array, 64-bit values through their Int32 halves against the
 * constant's halves. Same results as the general kernels, without first widening the whole column
 * into doubles or hi/lo arrays.
 */
import type { ConstVector, FlatVector, Vector } from '../../src/core/vector.ts';
import type { CmpOp } from './compare.ts';
import { domainOf } from './promote.ts';
import { readF64, readI64 } from './read.ts';

type Narrow = Exclude<FlatVector['values'], BigInt64Array | BigUint64Array>;

function narrowLoop(op: CmpOp, a: Narrow, c: number, out: Uint8Array, n: number): void {
  switch (op) {
    case 'equals': for (let i = 0; i < n; i++) out[i] = a[i] === c ? 1 : 0; break;
    case 'notEquals': for (let i = 0; i < n; i++) out[i] = a[i] !== c ? 1 : 0; break;
    case 'less': for (let i = 0; i < n; i++) out[i] = a[i]! < c ? 1 : 0; break;
    case 'greater': for (let i = 0; i < n; i++) out[i] = a[i]! > c ? 1 : 0; break;
    case 'lessOrEquals': for (let i = 0; i < n; i++) out[i] = a[i]! <= c ? 1 : 0; break;
    case 'greaterOrEquals': for (let i = 0; i < n; i++) out[i] = a[i]! >= c ? 1 : 0; break;
  }
}

/** Result bits of an operator for (less, equal, greater) outcomes. */
function bits(op: CmpOp): [number, number, number] {
  switch (op) {
    case 'equals': return [0, 1, 0];
    case 'notEquals': return [1, 0, 1];
    case 'less': return [1, 0, 0];
    case 'greater': return [0, 0, 1];
    case 'lessOrEquals': return [1, 1, 0];
    case 'greaterOrEquals': return [0, 1, 1];
  }
}

function wideLoop(op: CmpOp, w: Int32Array, unsigned: boolean, ch: number, cl: number, out: Uint8Array, n: number): void {
  if (op === 'equals' || op === 'notEquals') {
    // Equality needs no sign handling: compare the raw halves.
    const hi = ch | 0, lo = cl | 0, yes = op === 'equals' ? 1 : 0;
    for (let i = 0; i < n; i++) out[i] = w[2 * i] === lo && w[2 * i + 1] === hi ? yes : 1 - yes;
    return;
  }
  const [lt, eq, gt] = bits(op);
  if (unsigned) {
    for (let i = 0; i < n; i++) {
      const d = (w[2 * i + 1]! >>> 0) - ch || (w[2 * i]! >>> 0) - cl;
      out[i] = d < 0 ? lt : d > 0 ? gt : eq;
    }
  } else {
    for (let i = 0; i < n; i++) {
      const d = w[2 * i + 1]! - ch || (w[2 * i]! >>> 0) - cl;
      out[i] = d < 0 ? lt : d > 0 ? gt : eq;
    }
  }
}

/**
 * `a op b` for a flat numeric column a and a non-NULL numeric constant b of a comparable type (no
 * string or mixed-temporal conversions), or null when another kernel must handle the pair.
 */
export function compareFlatConst(op: CmpOp, a: Vector, b: Vector, n: number): Uint8Array | null {
  if (a.kind !== 'flat' || b.kind !== 'const' || b.value === null || typeof b.value === 'string') return null;
  const flat = a as FlatVector;
  const c = b as ConstVector;
  const out = new Uint8Array(n);
  if (domainOf(a.type, b.type) === 'i64') {
    if (!(flat.values instanceof BigInt64Array || flat.values instanceof BigUint64Array)) return null;
    const k = readI64(c, 1);
    // Equality on raw halves needs the constant in the column's own 64-bit representation.
    const inRange = a.type.kind === 'UInt64' ? k.hi[0]! >= 0 : k.hi[0]! < 2 ** 31;
    if ((op === 'equals' || op === 'notEquals') && !inRange) return null;
    const w = new Int32Array(flat.values.buffer, flat.values.byteOffset, 2 * n);
    wideLoop(op, w, a.type.kind === 'UInt64', k.hi[0]!, k.lo[0]!, out, n);
    return out;
  }
  if (flat.values instanceof BigInt64Array || flat.values instanceof BigUint64Array) return null;
  narrowLoop(op, flat.values, readF64(c, 1).a[0]!, out, n);
  return out;
}
