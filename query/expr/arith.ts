/**
 * Binary arithmetic kernels (plus, minus, multiply, divide, intDiv, modulo) over any numeric encodings.
 * Float and narrow-integer results compute in doubles (exact: narrow results come from narrower inputs);
 * 64-bit results compute exactly on hi/lo halves, with wrap-around as in ClickHouse. intDiv/modulo of
 * 64-bit values beyond 2^53 fall back to BigInt for that batch only.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, halves, storeF64AsI64, storeI64 } from './build.ts';
import type { I64View } from './read.ts';
import { TWO32, readF64, readI64, unionNulls } from './read.ts';

/** The arithmetic operators the kernel implements. */
export type ArithOp = 'plus' | 'minus' | 'multiply' | 'divide' | 'intDiv' | 'modulo';

function isWide(t: DataType): boolean {
  return t.kind === 'Int64' || t.kind === 'UInt64' || t.kind === 'DateTime64';
}

function f64Loop(op: ArithOp, a: Float64Array, ma: number, b: Float64Array, mb: number, out: Float64Array, n: number): void {
  switch (op) {
    case 'plus': for (let i = 0; i < n; i++) out[i] = a[i & ma]! + b[i & mb]!; break;
    case 'minus': for (let i = 0; i < n; i++) out[i] = a[i & ma]! - b[i & mb]!; break;
    case 'multiply': for (let i = 0; i < n; i++) out[i] = a[i & ma]! * b[i & mb]!; break;
    case 'divide': for (let i = 0; i < n; i++) out[i] = a[i & ma]! / b[i & mb]!; break;
    case 'intDiv': for (let i = 0; i < n; i++) out[i] = Math.trunc(a[i & ma]! / b[i & mb]!); break;
    case 'modulo': for (let i = 0; i < n; i++) out[i] = a[i & ma]! % b[i & mb]!; break;
  }
}

function checkDivisors(fn: string, b: Float64Array, mb: number, nulls: Uint8Array | null, n: number): void {
  for (let i = 0; i < n; i++) {
    if (b[i & mb] === 0 && (nulls === null || nulls[i] === 0)) {
      throw new EddyError('ILLEGAL_DIVISION', `Division by zero in function ${fn}`);
    }
  }
}

/** 64-bit wrap-around product of two hi/lo values, written to row i of the Int32 view w. */
function mul64(w: Int32Array, i: number, ahi: number, alo: number, bhi: number, blo: number): void {
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const mid = a0 * b1 + a1 * b0;
  const midLo = mid % 65536;
  const low = a0 * b0 + midLo * 65536;
  const carry = Math.floor(low / TWO32) + (mid - midLo) / 65536 + a1 * b1;
  w[2 * i] = low;
  w[2 * i + 1] = carry + Math.imul(ahi, blo) + Math.imul(alo, bhi);
}

function i64Loop(op: 'plus' | 'minus' | 'multiply', x: I64View, y: I64View, w: Int32Array, n: number): void {
  const { hi: ah, lo: al, m: ma } = x;
  const { hi: bh, lo: bl, m: mb } = y;
  switch (op) {
    case 'plus': for (let i = 0; i < n; i++) storeI64(w, i, ah[i & ma]! + bh[i & mb]!, al[i & ma]! + bl[i & mb]!); break;
    case 'minus': for (let i = 0; i < n; i++) storeI64(w, i, ah[i & ma]! - bh[i & mb]!, al[i & ma]! - bl[i & mb]!); break;
    case 'multiply': for (let i = 0; i < n; i++) mul64(w, i, ah[i & ma]!, al[i & ma]!, bh[i & mb]!, bl[i & mb]!); break;
  }
}

const SAFE_HI = 2 ** 21; // |hi| < 2^21 ⇔ |value| < 2^53

function fitsF64(v: I64View, n: number): boolean {
  const h = v.hi;
  const len = v.m === 0 ? 1 : n;
  for (let i = 0; i < len; i++) if (h[i]! >= SAFE_HI || h[i]! < -SAFE_HI) return false;
  return true;
}

function joinF64(v: I64View, n: number): Float64Array {
  const len = v.m === 0 ? 1 : n;
  const out = new Float64Array(len);
  for (let i = 0; i < len; i++) out[i] = v.hi[i]! * TWO32 + v.lo[i]!;
  return out;
}

/** Exact intDiv/modulo for 64-bit values beyond 2^53: BigInt, once per batch that needs it. */
function bigDivLoop(op: 'intDiv' | 'modulo', x: I64View, y: I64View, out: BigInt64Array | BigUint64Array,
  nulls: Uint8Array | null, n: number): void {
  const big = (v: I64View, i: number): bigint => BigInt(v.hi[i & v.m]!) * 4294967296n + BigInt(v.lo[i & v.m]!);
  const signed = out instanceof BigInt64Array;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    const a = big(x, i), b = big(y, i);
    const r = op === 'intDiv' ? a / b : a % b;
    out[i] = signed ? BigInt.asIntN(64, r) : BigInt.asUintN(64, r);
  }
}

/** Evaluate `op` over two numeric vectors into a flat vector of type rt (non-nullable values). */
export function arith(op: ArithOp, fn: string, args: readonly Vector[], n: number, rt: DataType): Vector {
  const [x, y] = args as [Vector, Vector];
  const out = allocValues(rt, n);
  const checked = op === 'intDiv' || op === 'modulo';
  const wideOut = out instanceof BigInt64Array || out instanceof BigUint64Array;
  const wideIn = isWide(x.type) || isWide(y.type);
  // A narrow modulo result can still come from a 64-bit dividend, which doubles do not hold exactly.
  const exactInF64 = (!wideOut && !(checked && wideIn)) || ((op === 'plus' || op === 'minus') && !wideIn) ||
    x.type.kind.startsWith('Float') || y.type.kind.startsWith('Float');
  if (exactInF64) {
    const a = readF64(x, n), b = readF64(y, n);
    if (checked && rt.kind !== 'Float64') checkDivisors(fn, b.a, b.m, unionNulls(args, n), n);
    const tmp = out instanceof Float64Array ? out : new Float64Array(n);
    f64Loop(op, a.a, a.m, b.a, b.m, tmp, n);
    if (wideOut) {
      const w = halves(out);
      for (let i = 0; i < n; i++) storeF64AsI64(w, i, tmp[i]!);
    } else if (tmp !== out) {
      if (rt.kind === 'Float32') out.set(tmp);
      else for (let i = 0; i < n; i++) out[i] = tmp[i]! || 0; // NaN/inf under NULL rows only
    }
    return flatVector(rt, out);
  }
  const a = readI64(x, n), b = readI64(y, n);
  if (op === 'plus' || op === 'minus' || op === 'multiply') {
    i64Loop(op, a, b, halves(out as BigInt64Array), n);
    return flatVector(rt, out);
  }
  if (op === 'divide') throw new EddyError('LOGICAL_ERROR', 'divide returns Float64');
  const nulls = unionNulls(args, n);
  const { hi: bh, lo: blo, m: mb } = b;
  const safeHi = bh.slice(), safeLo = blo.slice();
  for (let i = 0; i < n; i++) {
    const j = i & mb;
    if (bh[j] === 0 && blo[j] === 0) {
      if (nulls === null || nulls[i] === 0) throw new EddyError('ILLEGAL_DIVISION', `Division by zero in function ${fn}`);
      safeLo[j] = 1;
    }
  }
  const safe: I64View = { hi: safeHi, lo: safeLo, m: mb };
  const wide = wideOut ? out : new BigInt64Array(n);
  if (fitsF64(a, n) && fitsF64(safe, n)) {
    const tmp = new Float64Array(n);
    f64Loop(op, joinF64(a, n), a.m, joinF64(safe, n), mb, tmp, n);
    const w = halves(wide);
    for (let i = 0; i < n; i++) storeF64AsI64(w, i, tmp[i]!);
  } else {
    bigDivLoop(op, a, safe, wide, nulls, n);
  }
  if (wide !== out) {
    // A narrow modulo result: it fits the output type, so its low 32 bits are the value.
    const w = halves(wide);
    for (let i = 0; i < n; i++) out[i] = w[2 * i]!;
  }
  return flatVector(rt, out);
}
