/**
 * Selection kernels for the filter shape `column op constant` on flat integer columns: instead of a
 * 0/1 byte per row that a second pass turns into indexes, they write the indexes of the passing rows
 * straight into a selection vector, either over every row or over an incoming selection (a conjunct
 * after the first one). Every integer comparison is a range test `lo <= x <= hi` (or its negation), so
 * one loop per typed-array type covers all six operators; each loop reads one array type only, which
 * keeps V8's element access monomorphic however many column types a process filters on. The loops
 * are branch-free (`+(bool)`), as the outcome of a filter is rarely predictable row by row.
 */
import type { TypedArray } from '../../src/core/types.ts';
import type { CmpOp } from './compare.ts';

/** Rows pass when `(lo <= x && x <= hi) !== neg`; lo > hi is the empty range. */
export interface IntRange {
  readonly lo: number;
  readonly hi: number;
  readonly neg: 0 | 1;
}

/** `x op c` for integer x as a range test, c any double (fractions, NaN and infinities included). */
export function intRange(op: CmpOp, c: number): IntRange {
  const whole = Number.isInteger(c);
  switch (op) {
    case 'equals': return whole ? { lo: c, hi: c, neg: 0 } : { lo: 1, hi: 0, neg: 0 };
    case 'notEquals': return whole ? { lo: c, hi: c, neg: 1 } : { lo: 1, hi: 0, neg: 1 };
    case 'less': return { lo: -Infinity, hi: Math.ceil(c) - 1, neg: 0 };
    case 'lessOrEquals': return { lo: -Infinity, hi: Math.floor(c), neg: 0 };
    case 'greater': return { lo: Math.floor(c) + 1, hi: Infinity, neg: 0 };
    case 'greaterOrEquals': return { lo: Math.ceil(c), hi: Infinity, neg: 0 };
  }
}

/** The operator with its operands swapped (`c op x` ≡ `x swapped(op) c`). */
export function swapOp(op: CmpOp): CmpOp {
  switch (op) {
    case 'less': return 'greater';
    case 'greater': return 'less';
    case 'lessOrEquals': return 'greaterOrEquals';
    case 'greaterOrEquals': return 'lessOrEquals';
    default: return op;
  }
}

/**
 * Indexes of the rows of `values` in range `r` written to `out`, their count returned. Over rows 0..n
 * when `sel` is null, else over the `n` rows `sel[0..n)` (`out` may be `sel`: it is written behind the
 * read position). Returns -1 for a typed array without a kernel (floats, 64-bit): use another path.
 */
export function selectRange(values: TypedArray, r: IntRange, sel: Uint32Array | null, n: number, out: Uint32Array): number {
  // Clamp to the widest integer domain (Int32 ∪ UInt32) so the bounds are finite numbers.
  const lo = Math.max(r.lo, -2147483648);
  const hi = Math.min(r.hi, 4294967295);
  const neg = r.neg;
  if (lo > hi) return neg === 0 ? 0 : copyRows(sel, n, out);
  if (values instanceof Uint8Array) return sel === null ? all(U8, values, lo, hi, neg, n, out) : selU8(values, lo, hi, neg, sel, n, out);
  if (values instanceof Int8Array) return sel === null ? all(I8, values, lo, hi, neg, n, out) : selI8(values, lo, hi, neg, sel, n, out);
  if (values instanceof Uint16Array) return sel === null ? all(U16, values, lo, hi, neg, n, out) : selU16(values, lo, hi, neg, sel, n, out);
  if (values instanceof Int16Array) return sel === null ? all(I16, values, lo, hi, neg, n, out) : selI16(values, lo, hi, neg, sel, n, out);
  if (values instanceof Int32Array) return sel === null ? all(I32, values, lo, hi, neg, n, out) : selI32(values, lo, hi, neg, sel, n, out);
  if (values instanceof Uint32Array) return sel === null ? all(U32, values, lo, hi, neg, n, out) : selU32(values, lo, hi, neg, sel, n, out);
  return -1;
}

/**
 * Rows looked at branch-free before choosing the loop for the rest of an `= c` / `!= c` batch: when
 * almost none (or almost all) of them pass, a loop that branches on each row — the branch is then
 * predictable — and stores only passing rows is about twice as fast (`AdvEngineID <> 0`).
 */
const SAMPLE = 512;

/** True when `m` of {@link SAMPLE} rows passing is lopsided enough for the branchy loops. */
function skewed(m: number): boolean {
  return m * 16 <= SAMPLE || m * 16 >= SAMPLE * 15;
}

/** The loops over every row of one array type: branch-free range test, branchy `= c` and `!= c`. */
interface Loops<A> {
  /** Rows [from, n) with `(lo <= x <= hi) !== neg`, appended at out[m]; returns the new count. */
  range(a: A, lo: number, hi: number, neg: number, from: number, n: number, out: Uint32Array, m: number): number;
  eq(a: A, c: number, from: number, n: number, out: Uint32Array, m: number): number;
  ne(a: A, c: number, from: number, n: number, out: Uint32Array, m: number): number;
}

function all<A>(loops: Loops<A>, a: A, lo: number, hi: number, neg: number, n: number, out: Uint32Array): number {
  if (lo !== hi || n <= SAMPLE) return loops.range(a, lo, hi, neg, 0, n, out, 0);
  const m = loops.range(a, lo, hi, neg, 0, SAMPLE, out, 0);
  if (!skewed(m)) return loops.range(a, lo, hi, neg, SAMPLE, n, out, m);
  return neg === 0 ? loops.eq(a, lo, SAMPLE, n, out, m) : loops.ne(a, lo, SAMPLE, n, out, m);
}

// Small functions per array type and input shape: a function whose loops see one array type each
// is optimised once, whereas one function holding every loop deoptimises each time a new one runs.
// The branchy `= c` / `!= c` loops of 8- and 16-bit types go a 32-bit word (4 or 2 rows) at a time.
const U8: Loops<Uint8Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { return c >= 0 && c <= 255 ? byWords(a, 8, c, 0, from, n, out, m) : m; },
  ne(a, c, from, n, out, m) { if (c >= 0 && c <= 255) return byWords(a, 8, c, 1, from, n, out, m); for (let i = from; i < n; i++) out[m++] = i; return m; },
};
const I8: Loops<Int8Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { return c >= -128 && c <= 127 ? byWords(a, 8, c, 0, from, n, out, m) : m; },
  ne(a, c, from, n, out, m) { if (c >= -128 && c <= 127) return byWords(a, 8, c, 1, from, n, out, m); for (let i = from; i < n; i++) out[m++] = i; return m; },
};
const U16: Loops<Uint16Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { return c >= 0 && c <= 65535 ? byWords(a, 16, c, 0, from, n, out, m) : m; },
  ne(a, c, from, n, out, m) { if (c >= 0 && c <= 65535) return byWords(a, 16, c, 1, from, n, out, m); for (let i = from; i < n; i++) out[m++] = i; return m; },
};
const I16: Loops<Int16Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { return c >= -32768 && c <= 32767 ? byWords(a, 16, c, 0, from, n, out, m) : m; },
  ne(a, c, from, n, out, m) { if (c >= -32768 && c <= 32767) return byWords(a, 16, c, 1, from, n, out, m); for (let i = from; i < n; i++) out[m++] = i; return m; },
};
const I32: Loops<Int32Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { for (let i = from; i < n; i++) if (a[i] === c) out[m++] = i; return m; },
  ne(a, c, from, n, out, m) { for (let i = from; i < n; i++) if (a[i] !== c) out[m++] = i; return m; },
};
const U32: Loops<Uint32Array> = {
  range(a, lo, hi, neg, from, n, out, m) { for (let i = from; i < n; i++) { const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m; },
  eq(a, c, from, n, out, m) { for (let i = from; i < n; i++) if (a[i] === c) out[m++] = i; return m; },
  ne(a, c, from, n, out, m) { for (let i = from; i < n; i++) if (a[i] !== c) out[m++] = i; return m; },
};

/** True where typed arrays store their elements little-endian (lane 0 is a word's low bits). */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Rows [from, n) of an 8- or 16-bit array `a` whose value equals `c` (`neg` 0) or differs from it
 * (`neg` 1), c within the array's range, appended at out[m]; returns the new count. The aligned middle
 * is read as 32-bit words: a word whose lanes all differ from c (`= c`, the SWAR zero-lane test on
 * word ^ c…c) or all equal c (`!= c`) is skipped whole, and the others are split into their lanes.
 * Rows looked at one by one: a few at the ends, and all of them on a big-endian machine.
 */
function byWords(a: Uint8Array | Int8Array | Uint16Array | Int16Array, bits: 8 | 16, c: number, neg: 0 | 1,
  from: number, n: number, out: Uint32Array, m: number): number {
  const bytes = bits >>> 3;
  let i = from;
  if (LITTLE_ENDIAN) {
    for (; i < n && ((a.byteOffset + i * bytes) & 3) !== 0; i++) if (+(a[i] !== c) === neg) out[m++] = i;
    const words = ((n - i) * bytes) >>> 2;
    if (words > 0) {
      const w = new Int32Array(a.buffer, a.byteOffset + i * bytes, words);
      m = bits === 8 ? lanes8(w, words, c & 0xff, neg, i, out, m) : lanes16(w, words, c & 0xffff, neg, i, out, m);
      i += (words << 2) / bytes;
    }
  }
  for (; i < n; i++) if (+(a[i] !== c) === neg) out[m++] = i;
  return m;
}

/** byWords over words of four 8-bit lanes; row `first` is lane 0 of w[0]. */
function lanes8(w: Int32Array, words: number, c: number, neg: 0 | 1, first: number, out: Uint32Array, m: number): number {
  const rep = Math.imul(c, 0x01010101);
  for (let j = 0; j < words; j++) {
    const x = w[j]! ^ rep; // a lane is zero where the row equals c
    if (neg === 0 ? (((x - 0x01010101) & ~x & 0x80808080) === 0) : x === 0) continue;
    const r = first + 4 * j;
    if (+((x & 0xff) !== 0) === neg) out[m++] = r;
    if (+((x & 0xff00) !== 0) === neg) out[m++] = r + 1;
    if (+((x & 0xff0000) !== 0) === neg) out[m++] = r + 2;
    if (+((x & 0xff000000) !== 0) === neg) out[m++] = r + 3;
  }
  return m;
}

/** byWords over words of two 16-bit lanes; row `first` is lane 0 of w[0]. Two words (four rows) a step. */
function lanes16(w: Int32Array, words: number, c: number, neg: 0 | 1, first: number, out: Uint32Array, m: number): number {
  const rep = Math.imul(c, 0x00010001);
  let j = 0;
  for (; j + 1 < words; j += 2) {
    const x = w[j]! ^ rep;
    const y = w[j + 1]! ^ rep;
    if (neg === 0 ? ((((x - 0x00010001) & ~x) | ((y - 0x00010001) & ~y)) & 0x80008000) === 0 : (x | y) === 0) continue;
    const r = first + 2 * j;
    if (+((x & 0xffff) !== 0) === neg) out[m++] = r;
    if (+((x >>> 16) !== 0) === neg) out[m++] = r + 1;
    if (+((y & 0xffff) !== 0) === neg) out[m++] = r + 2;
    if (+((y >>> 16) !== 0) === neg) out[m++] = r + 3;
  }
  if (j < words) {
    const x = w[j]! ^ rep;
    const r = first + 2 * j;
    if (+((x & 0xffff) !== 0) === neg) out[m++] = r;
    if (+((x >>> 16) !== 0) === neg) out[m++] = r + 1;
  }
  return m;
}

function selU8(a: Uint8Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}
function selI8(a: Int8Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}
function selU16(a: Uint16Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}
function selI16(a: Int16Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}
function selI32(a: Int32Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}
function selU32(a: Uint32Array, lo: number, hi: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; const x = a[i]!; out[m] = i; m += (+(x >= lo) & +(x <= hi)) ^ neg; } return m;
}

/**
 * Like {@link selectRange} for `x = c` (`neg` 0) or `x != c` (`neg` 1) on 64-bit integers seen as
 * Int32 halves `w` (little-endian: low word first), the constant given as its raw halves.
 */
export function selectWideEquals(w: Int32Array, lo: number, hi: number, neg: 0 | 1, sel: Uint32Array | null, n: number,
  out: Uint32Array): number {
  const l = lo | 0;
  const h = hi | 0;
  if (sel !== null) return selWide(w, l, h, neg, sel, n, out);
  if (n <= SAMPLE) return allWide(w, l, h, neg, 0, n, out, 0);
  const m = allWide(w, l, h, neg, 0, SAMPLE, out, 0);
  if (!skewed(m)) return allWide(w, l, h, neg, SAMPLE, n, out, m);
  return neg === 0 ? eqWide(w, l, h, SAMPLE, n, out, m) : neWide(w, l, h, SAMPLE, n, out, m);
}

function allWide(w: Int32Array, l: number, h: number, neg: number, from: number, n: number, out: Uint32Array, m: number): number {
  for (let i = from; i < n; i++) { out[m] = i; m += (+(w[2 * i] === l) & +(w[2 * i + 1] === h)) ^ neg; } return m;
}
function eqWide(w: Int32Array, l: number, h: number, from: number, n: number, out: Uint32Array, m: number): number {
  for (let i = from; i < n; i++) if (w[2 * i] === l && w[2 * i + 1] === h) out[m++] = i;
  return m;
}
function neWide(w: Int32Array, l: number, h: number, from: number, n: number, out: Uint32Array, m: number): number {
  for (let i = from; i < n; i++) if (w[2 * i] !== l || w[2 * i + 1] !== h) out[m++] = i;
  return m;
}
function selWide(w: Int32Array, l: number, h: number, neg: number, sel: Uint32Array, n: number, out: Uint32Array): number {
  let m = 0; for (let j = 0; j < n; j++) { const i = sel[j]!; out[m] = i; m += (+(w[2 * i] === l) & +(w[2 * i + 1] === h)) ^ neg; } return m;
}

/** Every row (0..n, or sel[0..n)) into `out`; returns n. */
function copyRows(sel: Uint32Array | null, n: number, out: Uint32Array): number {
  if (sel === null) for (let i = 0; i < n; i++) out[i] = i;
  else if (sel !== out) out.set(sel.subarray(0, n));
  return n;
}

/**
 * `s = c` (`neg` 0) or `s != c` (`neg` 1) on flat strings (`offsets`/`bytes`), the constant as UTF-8
 * bytes; rows and output as in {@link selectRange}. Lengths are compared first, so `s != ''` reads no
 * string bytes at all.
 */
export function selectStringEquals(offsets: Int32Array, bytes: Uint8Array, c: Uint8Array, neg: 0 | 1, sel: Uint32Array | null,
  n: number, out: Uint32Array): number {
  const len = c.length;
  let m = 0;
  if (len === 0) {
    if (sel === null) for (let i = 0; i < n; i++) { out[m] = i; m += +(offsets[i + 1] === offsets[i]) ^ neg; }
    else for (let j = 0; j < n; j++) { const i = sel[j]!; out[m] = i; m += +(offsets[i + 1] === offsets[i]) ^ neg; }
    return m;
  }
  for (let j = 0; j < n; j++) {
    const i = sel === null ? j : sel[j]!;
    out[m] = i;
    m += +bytesAt(bytes, offsets[i]!, offsets[i + 1]!, c) ^ neg;
  }
  return m;
}

/**
 * Like {@link selectStringEquals} on dictionary codes: each entry of the dictionary is compared once,
 * then rows pass by their code.
 */
export function selectDictEquals(codes: Uint8Array | Uint16Array | Uint32Array, dictOffsets: Int32Array, dictBytes: Uint8Array,
  size: number, c: Uint8Array, neg: 0 | 1, sel: Uint32Array | null, n: number, out: Uint32Array): number {
  let matches = 0;
  let code = -1;
  for (let d = 0; d < size; d++) if (bytesAt(dictBytes, dictOffsets[d]!, dictOffsets[d + 1]!, c)) { matches++; code = d; }
  if (matches === 0) return neg === 0 ? 0 : copyRows(sel, n, out);
  if (matches === 1) {
    // One entry holds the constant (as a dictionary built from a block always does): the codes are an
    // integer column compared with that entry's code (a word at a time when lopsided, `SearchPhrase <> ''`).
    return selectRange(codes, { lo: code, hi: code, neg }, sel, n, out);
  }
  const hit = new Uint8Array(size);
  for (let d = 0; d < size; d++) hit[d] = +bytesAt(dictBytes, dictOffsets[d]!, dictOffsets[d + 1]!, c) ^ neg;
  let m = 0;
  if (sel === null) for (let i = 0; i < n; i++) { out[m] = i; m += hit[codes[i]!]!; }
  else for (let j = 0; j < n; j++) { const i = sel[j]!; out[m] = i; m += hit[codes[i]!]!; }
  return m;
}

/** True when bytes[s..e) equals c. */
function bytesAt(bytes: Uint8Array, s: number, e: number, c: Uint8Array): boolean {
  if (e - s !== c.length) return false;
  for (let k = 0; k < c.length; k++) if (bytes[s + k] !== c[k]) return false;
  return true;
}
