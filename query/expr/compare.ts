/**
 * Comparison kernels shared by equals, notEquals, less, greater, lessOrEquals, greaterOrEquals (and
 * greatest/least): numbers with ClickHouse's promotion (exact for 64-bit integers, UInt64 vs Int64
 * included), strings by bytes (dictionaries compared once per entry), Date/DateTime/DateTime64 against
 * each other in a common unit, and temporal or numeric values against a constant string by parsing the
 * constant once.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T, isTemporal } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { constVector } from '../../src/core/vector.ts';
import { compareFlatConst } from './compare-const.ts';
import { parseDateText, parseDateTimeText } from './datetime.ts';
import { illegalType } from './errors.ts';
import { domainOf, isArithmetic } from './promote.ts';
import type { StrView } from './read.ts';
import { readF64, readI64, readStr } from './read.ts';

/** The six comparison operators. */
export type CmpOp = 'equals' | 'notEquals' | 'less' | 'greater' | 'lessOrEquals' | 'greaterOrEquals';

/** Result bits of an operator for (less, equal, greater) outcomes. */
function opBits(op: CmpOp): [number, number, number] {
  switch (op) {
    case 'equals': return [0, 1, 0];
    case 'notEquals': return [1, 0, 1];
    case 'less': return [1, 0, 0];
    case 'greater': return [0, 0, 1];
    case 'lessOrEquals': return [1, 1, 0];
    case 'greaterOrEquals': return [0, 1, 1];
  }
}

/** Three-way byte comparison of a[as..ae) and b[bs..be). */
export function compareBytes(a: Uint8Array, as: number, ae: number, b: Uint8Array, bs: number, be: number): number {
  const la = ae - as, lb = be - bs;
  const l = la < lb ? la : lb;
  for (let k = 0; k < l; k++) {
    const d = a[as + k]! - b[bs + k]!;
    if (d !== 0) return d;
  }
  return la - lb;
}

function isStringish(t: DataType): boolean {
  return t.kind === 'String';
}

/**
 * Validate that two types can be compared (ILLEGAL_TYPE_OF_ARGUMENT naming fn otherwise). A String
 * compares with a temporal or number only when it is a constant.
 */
export function checkComparable(fn: string, a: DataType, b: DataType, ca: Scalar | undefined, cb: Scalar | undefined): void {
  const num = (t: DataType): boolean => isArithmetic(t) || isTemporal(t);
  if (isStringish(a) && isStringish(b)) return;
  if (num(a) && num(b)) return;
  if (isStringish(a) && num(b) && typeof ca === 'string') return;
  if (isStringish(b) && num(a) && typeof cb === 'string') return;
  throw illegalType(fn, isStringish(a) || !num(a) ? a : b, isStringish(a) || !num(a) ? 0 : 1,
    `a type comparable with ${isStringish(a) ? b.kind : a.kind}`);
}

/** A constant string parsed into the value domain of type t (temporal units, or a number). */
function parseConstFor(s: string, t: DataType, n: number): Vector {
  switch (t.kind) {
    case 'Date': return constVector(T.Int32, parseDateText(s), n);
    case 'DateTime': return constVector(T.Float64, parseDateTimeText(s, 0, t.timezone), n);
    case 'DateTime64': return constVector(T.Float64, parseDateTimeText(s, t.precision ?? 3, t.timezone), n);
    default: {
      const trimmed = s.trim();
      if (/^-?\d+$/.test(trimmed) && (t.kind === 'Int64' || t.kind === 'UInt64')) return constVector(T.Int64, BigInt(trimmed), n);
      return constVector(T.Float64, Number(trimmed === '' ? NaN : trimmed), n);
    }
  }
}

/** Ticks-per-unit scale for temporal types so that both sides of a comparison share one unit. */
function temporalScale(t: DataType, targetPrecision: number): number {
  switch (t.kind) {
    case 'Date': return 86400 * 10 ** targetPrecision;
    case 'DateTime': return 10 ** targetPrecision;
    case 'DateTime64': return 10 ** (targetPrecision - (t.precision ?? 3));
    default: return 1;
  }
}

function precisionOf(t: DataType): number {
  return t.kind === 'DateTime64' ? t.precision ?? 3 : 0;
}

function numericLoop(op: CmpOp, a: Float64Array, ma: number, b: Float64Array, mb: number, out: Uint8Array, n: number): void {
  switch (op) {
    case 'equals': for (let i = 0; i < n; i++) out[i] = a[i & ma] === b[i & mb] ? 1 : 0; break;
    case 'notEquals': for (let i = 0; i < n; i++) out[i] = a[i & ma] !== b[i & mb] ? 1 : 0; break;
    case 'less': for (let i = 0; i < n; i++) out[i] = a[i & ma]! < b[i & mb]! ? 1 : 0; break;
    case 'greater': for (let i = 0; i < n; i++) out[i] = a[i & ma]! > b[i & mb]! ? 1 : 0; break;
    case 'lessOrEquals': for (let i = 0; i < n; i++) out[i] = a[i & ma]! <= b[i & mb]! ? 1 : 0; break;
    case 'greaterOrEquals': for (let i = 0; i < n; i++) out[i] = a[i & ma]! >= b[i & mb]! ? 1 : 0; break;
  }
}

function scaled(v: Vector, n: number, scale: number): { a: Float64Array; m: number } {
  const r = readF64(v, n);
  if (scale === 1) return r;
  const out = new Float64Array(r.a.length);
  for (let i = 0; i < out.length; i++) out[i] = r.a[i]! * scale;
  return { a: out, m: r.m };
}

function stringRows(op: CmpOp, x: StrView, y: StrView, out: Uint8Array, n: number): void {
  const [lt, eq, gt] = opBits(op);
  const { offsets: ao, bytes: ab, codes: ac, m: am } = x;
  const { offsets: bo, bytes: bb, codes: bc, m: bm } = y;
  for (let i = 0; i < n; i++) {
    const ja = ac === null ? i & am : ac[i]!;
    const jb = bc === null ? i & bm : bc[i]!;
    const c = compareBytes(ab, ao[ja]!, ao[ja + 1]!, bb, bo[jb]!, bo[jb + 1]!);
    out[i] = c < 0 ? lt : c > 0 ? gt : eq;
  }
}

function compareStrings(op: CmpOp, x: Vector, y: Vector, n: number): Uint8Array {
  const out = new Uint8Array(n);
  // A dictionary against a constant: compare each entry once, then gather.
  if (x.kind === 'dict' && y.kind === 'const' || x.kind === 'const' && y.kind === 'dict') {
    const d = x.kind === 'dict' ? x : y as Extract<Vector, { kind: 'dict' }>;
    const dv = d.dict;
    const per = new Uint8Array(dv.length);
    const dView: StrView = { ...readStr(dv), m: -1 };
    const cView = readStr(x.kind === 'const' ? x : y);
    if (x.kind === 'dict') stringRows(op, dView, cView, per, dv.length);
    else stringRows(op, cView, dView, per, dv.length);
    const c = d.codes;
    for (let i = 0; i < n; i++) out[i] = per[c[i]!]!;
    return out;
  }
  const a = readStr(x), b = readStr(y);
  if ((op === 'equals' || op === 'notEquals') && b.m === 0 && a.codes === null) {
    // Flat against a constant: length check first, then bytes.
    const want = op === 'equals' ? 1 : 0;
    const cb = b.bytes, cl = cb.length, o = a.offsets, ab = a.bytes;
    for (let i = 0; i < n; i++) {
      const s = o[i & a.m]!, e = o[(i & a.m) + 1]!;
      let same = e - s === cl ? 1 : 0;
      for (let k = 0; same === 1 && k < cl; k++) if (ab[s + k] !== cb[k]) same = 0;
      out[i] = same === 1 ? want : 1 - want;
    }
    return out;
  }
  stringRows(op, a, b, out, n);
  return out;
}

/** Compare two vectors row by row; returns 0/1 per row (values under NULL rows unspecified). */
export function compareVectors(op: CmpOp, x: Vector, y: Vector, n: number): Uint8Array {
  let a = x, b = y;
  if (isStringish(a.type) && isStringish(b.type)) return compareStrings(op, a, b, n);
  if (isStringish(a.type) && a.kind === 'const') a = parseConstFor(String(a.value), b.type, n);
  if (isStringish(b.type) && b.kind === 'const') b = parseConstFor(String(b.value), a.type, n);
  const out = new Uint8Array(n);
  const ta = a.type, tb = b.type;
  if (isTemporal(ta) && isTemporal(tb) && ta.kind !== tb.kind) {
    const p = Math.max(precisionOf(ta), precisionOf(tb));
    const sa = scaled(a, n, temporalScale(ta, p)), sb = scaled(b, n, temporalScale(tb, p));
    numericLoop(op, sa.a, sa.m, sb.a, sb.m, out, n);
    return out;
  }
  const direct = compareFlatConst(op, a, b, n);
  if (direct !== null) return direct;
  if (domainOf(a.type, b.type) === 'i64') {
    const [lt, eq, gt] = opBits(op);
    const p = readI64(a, n), q = readI64(b, n);
    const { hi: ah, lo: al, m: ma } = p;
    const { hi: bh, lo: bl, m: mb } = q;
    for (let i = 0; i < n; i++) {
      const c = ah[i & ma]! - bh[i & mb]! || al[i & ma]! - bl[i & mb]!;
      out[i] = c < 0 ? lt : c > 0 ? gt : eq;
    }
    return out;
  }
  const p = readF64(a, n), q = readF64(b, n);
  numericLoop(op, p.a, p.m, q.a, q.m, out, n);
  return out;
}
