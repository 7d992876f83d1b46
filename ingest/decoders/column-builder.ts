/**
 * Column builders: typed-array (or UTF-8 bytes + offsets) columns that text decoders append to
 * straight from input bytes. Numbers, dates and times are parsed from the bytes in place; no
 * substring is made except on the rare fallback paths (very long integers, unusual float spellings).
 * A value that cannot be parsed throws {@link ParseFailure}; the decoder adds the row and column.
 */
import type { DataType, Field, Scalar, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector, utf8 } from '../../src/core/vector.ts';
import { daysFromCivil, localToUtc } from './time-zone.ts';

/** A value did not parse as the column's type (caught and reported by the decoder). */
export class ParseFailure extends Error {
  constructor(readonly expected: string) {
    super(`expected ${expected}`);
  }
}

/** Options every builder of one insert shares. */
export interface BuilderOptions {
  /** Insert the column default for NULL into a non-Nullable column (input_format_null_as_default). */
  readonly nullAsDefault: boolean;
  /** Time zone for DateTime text without one (the column's own zone wins). */
  readonly timezone: string;
}

/** A growing column. */
export interface ColumnBuilder {
  readonly field: Field;
  /** Rows appended so far. */
  readonly length: number;
  /** Append the value spelled by bytes[s, e) (already unescaped). */
  appendText(b: Uint8Array, s: number, e: number): void;
  /** Append NULL (the default when the column is not Nullable and NULL-as-default is on). */
  appendNull(): void;
  /** Append the column's default value. */
  appendDefault(): void;
  /** Append a Scalar (Arrow/Parquet slow paths, tests). */
  appendScalar(v: Scalar): void;
  /** Drop rows past `n` (a row that turned out incomplete). */
  truncate(n: number): void;
  /** The column so far as a vector; the builder starts over empty. */
  finish(): Vector;
}

const latin1 = new TextDecoder('latin1');

/** The bytes as text, for error messages and fallbacks. */
export function bytesText(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder().decode(b.subarray(s, e));
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
}

/** Parse a decimal integer from bytes; returns a JS number (exact up to 2^53) or a bigint beyond. */
function parseInteger(b: Uint8Array, s: number, e: number, what: string): number | bigint {
  let p = s;
  let neg = false;
  if (p < e && (b[p] === 0x2d || b[p] === 0x2b)) { neg = b[p] === 0x2d; p++; }
  if (p >= e) throw new ParseFailure(what);
  const digits = e - p;
  if (digits > 15) {
    for (let q = p; q < e; q++) if (!isDigit(b[q])) throw new ParseFailure(what);
    const big = BigInt(latin1.decode(b.subarray(p, e)));
    return neg ? -big : big;
  }
  let n = 0;
  for (; p < e; p++) {
    const c = b[p]! - 0x30;
    if (c < 0 || c > 9) throw new ParseFailure(what);
    n = n * 10 + c;
  }
  return neg ? -n : n;
}

const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22];

function lowerEquals(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if ((b[s + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

/** Parse a float from bytes: decimal, exponent, inf/nan; exact via Clinger's fast path or Number(). */
export function parseFloatBytes(b: Uint8Array, s: number, e: number): number {
  let p = s;
  let neg = false;
  if (p < e && (b[p] === 0x2d || b[p] === 0x2b)) { neg = b[p] === 0x2d; p++; }
  if (p >= e) throw new ParseFailure('a number');
  const c0 = b[p]! | 0x20;
  if (c0 === 0x69 || c0 === 0x6e) {
    if (lowerEquals(b, p, e, 'inf') || lowerEquals(b, p, e, 'infinity')) return neg ? -Infinity : Infinity;
    if (lowerEquals(b, p, e, 'nan')) return NaN;
    throw new ParseFailure('a number');
  }
  let mant = 0;
  let digits = 0;
  let scale = 0;
  let sawDigit = false;
  for (; p < e && isDigit(b[p]); p++) {
    sawDigit = true;
    if (digits < 16) { mant = mant * 10 + (b[p]! - 0x30); if (mant > 0) digits++; } else scale++;
  }
  if (p < e && b[p] === 0x2e) {
    p++;
    for (; p < e && isDigit(b[p]); p++) {
      sawDigit = true;
      if (digits < 16) { mant = mant * 10 + (b[p]! - 0x30); scale--; if (mant > 0) digits++; }
    }
  }
  if (!sawDigit) throw new ParseFailure('a number');
  let exp = 0;
  if (p < e && (b[p]! | 0x20) === 0x65) {
    p++;
    let eneg = false;
    if (p < e && (b[p] === 0x2d || b[p] === 0x2b)) { eneg = b[p] === 0x2d; p++; }
    if (p >= e) throw new ParseFailure('a number');
    for (; p < e; p++) {
      if (!isDigit(b[p])) throw new ParseFailure('a number');
      exp = exp * 10 + (b[p]! - 0x30);
      if (exp > 100000) exp = 100000;
    }
    if (eneg) exp = -exp;
  }
  if (p !== e) throw new ParseFailure('a number');
  const k = scale + exp;
  if (digits > 15 || k < -22 || k > 22) return Number(latin1.decode(b.subarray(neg || b[s] !== 0x2b ? s : s + 1, e)));
  const x = k < 0 ? mant / POW10[-k]! : mant * POW10[k]!;
  return neg ? -x : x;
}

function twoDigits(b: Uint8Array, p: number): number {
  const a = b[p]! - 0x30;
  const c = b[p + 1]! - 0x30;
  if (a < 0 || a > 9 || c < 0 || c > 9) return -1;
  return a * 10 + c;
}

/** `YYYY-MM-DD` at p (needs 10 bytes) → day number, or NaN. */
function dateAt(b: Uint8Array, p: number, e: number): number {
  if (e - p < 10 || b[p + 4] !== 0x2d || b[p + 7] !== 0x2d) return NaN;
  const y1 = twoDigits(b, p);
  const y2 = twoDigits(b, p + 2);
  const m = twoDigits(b, p + 5);
  const d = twoDigits(b, p + 8);
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return daysFromCivil(y1 * 100 + y2, m, d);
}

/** Parse a Date: `YYYY-MM-DD` or a day number. */
function parseDate(b: Uint8Array, s: number, e: number): number {
  if (e - s === 10) {
    const d = dateAt(b, s, e);
    if (d === d) return d;
  }
  const n = parseInteger(b, s, e, 'a date (YYYY-MM-DD)');
  if (typeof n !== 'number') throw new ParseFailure('a date (YYYY-MM-DD)');
  return n;
}

/**
 * Parse a date-time into unix seconds plus a fraction string: `YYYY-MM-DD[ T]hh:mm:ss[.fff][Z]`,
 * `YYYY-MM-DD`, or unix seconds `N[.fff]`.
 */
function parseDateTime(b: Uint8Array, s: number, e: number, tz: string): { sec: number; fs: number; fe: number } {
  const what = 'a date-time (YYYY-MM-DD hh:mm:ss)';
  if (e - s >= 10 && b[s + 4] === 0x2d) {
    const days = dateAt(b, s, e);
    if (days !== days) throw new ParseFailure(what);
    let p = s + 10;
    let sod = 0;
    let fs = 0;
    let fe = 0;
    let zone = tz;
    if (p < e) {
      if ((b[p] !== 0x20 && b[p] !== 0x54) || e - p < 9 || b[p + 3] !== 0x3a || b[p + 6] !== 0x3a) throw new ParseFailure(what);
      const h = twoDigits(b, p + 1);
      const mi = twoDigits(b, p + 4);
      const se = twoDigits(b, p + 7);
      if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) throw new ParseFailure(what);
      sod = h * 3600 + mi * 60 + se;
      p += 9;
      if (p < e && b[p] === 0x2e) {
        fs = ++p;
        while (p < e && isDigit(b[p])) p++;
        fe = p;
      }
      if (p < e && b[p] === 0x5a) { zone = 'UTC'; p++; }
      if (p !== e) throw new ParseFailure(what);
    }
    return { sec: localToUtc(days * 86400 + sod, zone), fs, fe };
  }
  let p = s;
  while (p < e && b[p] !== 0x2e) p++;
  const n = parseInteger(b, s, p, what);
  if (typeof n !== 'number') throw new ParseFailure(what);
  const fs = p < e ? p + 1 : 0;
  if (fs) for (let q = fs; q < e; q++) if (!isDigit(b[q])) throw new ParseFailure(what);
  return { sec: n, fs, fe: fs ? e : 0 };
}

function parseBool(b: Uint8Array, s: number, e: number): number {
  if (e - s === 1) {
    const c = b[s]! | 0x20;
    if (c === 0x31 || c === 0x74 || c === 0x79) return 1;
    if (c === 0x30 || c === 0x66 || c === 0x6e) return 0;
  }
  if (lowerEquals(b, s, e, 'true') || lowerEquals(b, s, e, 'yes') || lowerEquals(b, s, e, 'on') || lowerEquals(b, s, e, 'enable')) return 1;
  if (lowerEquals(b, s, e, 'false') || lowerEquals(b, s, e, 'no') || lowerEquals(b, s, e, 'off') || lowerEquals(b, s, e, 'disable')) return 0;
  throw new ParseFailure('a Bool (true or false)');
}

const INT_RANGE: Readonly<Record<string, readonly [number, number]>> = {
  Int8: [-128, 127], Int16: [-32768, 32767], Int32: [-2147483648, 2147483647],
  UInt8: [0, 255], UInt16: [0, 65535], UInt32: [0, 4294967295],
};

/** The implicit default of a type: 0, '', epoch, false; NULL for Nullable. */
export function implicitDefault(t: DataType): Scalar {
  if (t.nullable) return null;
  switch (t.kind) {
    case 'String': return '';
    case 'Int64': case 'UInt64': case 'DateTime64': return 0n;
    case 'Bool': return false;
    default: return 0;
  }
}

class FixedBuilder implements ColumnBuilder {
  private values: TypedArray;
  private view32: Int32Array | null;
  private nulls: Uint8Array | null = null;
  private len = 0;
  private readonly kind: DataType['kind'];
  private readonly range: readonly [number, number] | undefined;
  private readonly precision: number;
  private readonly tz: string;
  private readonly dflt: Scalar;

  constructor(readonly field: Field, private readonly opts: BuilderOptions) {
    const t = field.type;
    this.kind = t.kind;
    this.range = INT_RANGE[t.kind];
    this.precision = t.precision ?? 3;
    this.tz = t.timezone ?? opts.timezone;
    const d = (field as { default?: Scalar }).default;
    this.dflt = d !== undefined ? d : implicitDefault({ ...t, nullable: false });
    this.values = new (arrayTypeOf(t))(1024);
    this.view32 = this.values instanceof BigInt64Array || this.values instanceof BigUint64Array
      ? new Int32Array(this.values.buffer) : null;
  }

  get length(): number {
    return this.len;
  }

  private grow(): void {
    const next = new (this.values.constructor as new (n: number) => TypedArray)(this.values.length * 2);
    (next as Uint8Array).set(this.values as Uint8Array);
    this.values = next;
    if (this.view32) this.view32 = new Int32Array(next.buffer);
    if (this.nulls) {
      const n = new Uint8Array(next.length);
      n.set(this.nulls);
      this.nulls = n;
    }
  }

  /** Store a safe integer in a 64-bit slot without a BigInt. */
  private put64(i: number, n: number): void {
    const hi = Math.floor(n / 4294967296);
    const v = this.view32!;
    v[2 * i] = (n - hi * 4294967296) | 0;
    v[2 * i + 1] = hi | 0;
  }

  private putNumber(i: number, n: number | bigint): void {
    if (this.view32) {
      if (typeof n === 'number') {
        if (this.kind === 'UInt64' && n < 0) throw new ParseFailure('a UInt64');
        this.put64(i, n);
      } else {
        const lim = this.kind === 'UInt64' ? n < 0n || n > 0xffffffffffffffffn : n < -(2n ** 63n) || n >= 2n ** 63n;
        if (lim) throw new ParseFailure(`a ${this.kind}`);
        (this.values as BigInt64Array)[i] = n as never;
      }
    } else (this.values as Float64Array)[i] = Number(n);
  }

  appendText(b: Uint8Array, s: number, e: number): void {
    if (this.len === this.values.length) this.grow();
    const i = this.len;
    switch (this.kind) {
      case 'Float32': case 'Float64':
        (this.values as Float64Array)[i] = parseFloatBytes(b, s, e);
        break;
      case 'Bool':
        (this.values as Uint8Array)[i] = parseBool(b, s, e);
        break;
      case 'Date':
        (this.values as Int32Array)[i] = parseDate(b, s, e);
        break;
      case 'DateTime': {
        const r = parseDateTime(b, s, e, this.tz);
        if (r.sec < 0 || r.sec > 4294967295) throw new ParseFailure('a DateTime between 1970 and 2106');
        (this.values as Uint32Array)[i] = r.sec;
        break;
      }
      case 'DateTime64': {
        const r = parseDateTime(b, s, e, this.tz);
        const p = this.precision;
        let frac = 0;
        for (let k = 0; k < p; k++) frac = frac * 10 + (r.fs + k < r.fe ? b[r.fs + k]! - 0x30 : 0);
        const ticks = r.sec * POW10[p]! + frac;
        if (Number.isSafeInteger(ticks)) this.put64(i, ticks);
        else (this.values as BigInt64Array)[i] = BigInt(r.sec) * BigInt(POW10[p]!) + BigInt(frac);
        break;
      }
      case 'Nothing':
        break;
      default: {
        const what = `a ${this.kind}`;
        const n = parseInteger(b, s, e, what);
        if (this.range && (typeof n !== 'number' || n < this.range[0] || n > this.range[1])) throw new ParseFailure(what);
        this.putNumber(i, n);
      }
    }
    if (this.nulls) this.nulls[i] = 0;
    this.len++;
  }

  appendNull(): void {
    if (!this.field.type.nullable) {
      if (!this.opts.nullAsDefault) throw new ParseFailure(`a non-NULL ${this.kind} (the column is not Nullable)`);
      this.appendDefault();
      return;
    }
    if (this.len === this.values.length) this.grow();
    this.nulls ??= new Uint8Array(this.values.length);
    this.putNumber(this.len, 0);
    this.nulls[this.len++] = 1;
  }

  appendDefault(): void {
    if (this.dflt === null) { this.appendNull(); return; }
    this.appendScalar(this.dflt);
  }

  appendScalar(v: Scalar): void {
    if (v === null) { this.appendNull(); return; }
    if (typeof v === 'string') { const b = utf8(v); this.appendText(b, 0, b.length); return; }
    if (this.len === this.values.length) this.grow();
    if (typeof v === 'boolean') this.putNumber(this.len, v ? 1 : 0);
    else if (this.view32) this.putNumber(this.len, typeof v === 'number' && !Number.isSafeInteger(v) ? BigInt(Math.trunc(v)) : v);
    else (this.values as Float64Array)[this.len] = Number(v);
    if (this.nulls) this.nulls[this.len] = 0;
    this.len++;
  }

  truncate(n: number): void {
    if (n < this.len) this.len = n;
  }

  finish(): Vector {
    const values = this.values.slice(0, this.len) as TypedArray;
    const nulls = this.nulls ? this.nulls.slice(0, this.len) : null;
    this.values = new (this.values.constructor as new (n: number) => TypedArray)(1024);
    if (this.view32) this.view32 = new Int32Array(this.values.buffer);
    this.nulls = null;
    this.len = 0;
    if (this.kind === 'Nothing') return flatVector(this.field.type, values, new Uint8Array(values.length).fill(1));
    return flatVector(this.field.type, values, nulls);
  }
}

class StringBuilder implements ColumnBuilder {
  private bytes = new Uint8Array(1 << 16);
  private offsets = new Int32Array(1025);
  private nulls: Uint8Array | null = null;
  private len = 0;
  private readonly dflt: Uint8Array | null;

  constructor(readonly field: Field, private readonly opts: BuilderOptions) {
    const d = (field as { default?: Scalar }).default;
    this.dflt = d === null ? null : utf8(d === undefined ? '' : String(d));
  }

  get length(): number {
    return this.len;
  }

  private room(rows: number, bytes: number): void {
    if (this.len + rows >= this.offsets.length) {
      const o = new Int32Array(this.offsets.length * 2);
      o.set(this.offsets);
      this.offsets = o;
      if (this.nulls) {
        const n = new Uint8Array(o.length);
        n.set(this.nulls);
        this.nulls = n;
      }
    }
    const used = this.offsets[this.len]!;
    if (used + bytes > this.bytes.length) {
      let cap = this.bytes.length * 2;
      while (cap < used + bytes) cap *= 2;
      const b = new Uint8Array(cap);
      b.set(this.bytes.subarray(0, used));
      this.bytes = b;
    }
  }

  appendText(b: Uint8Array, s: number, e: number): void {
    this.room(1, e - s);
    const at = this.offsets[this.len]!;
    this.bytes.set(b.subarray(s, e), at);
    if (this.nulls) this.nulls[this.len] = 0;
    this.offsets[++this.len] = at + e - s;
  }

  appendNull(): void {
    if (!this.field.type.nullable) {
      if (!this.opts.nullAsDefault) throw new ParseFailure('a non-NULL String (the column is not Nullable)');
      this.appendDefault();
      return;
    }
    this.room(1, 0);
    this.nulls ??= new Uint8Array(this.offsets.length);
    this.nulls[this.len] = 1;
    this.offsets[this.len + 1] = this.offsets[this.len]!;
    this.len++;
  }

  appendDefault(): void {
    if (this.dflt === null) this.appendNull();
    else this.appendText(this.dflt, 0, this.dflt.length);
  }

  appendScalar(v: Scalar): void {
    if (v === null) { this.appendNull(); return; }
    const b = utf8(String(v));
    this.appendText(b, 0, b.length);
  }

  truncate(n: number): void {
    if (n < this.len) this.len = n;
  }

  finish(): Vector {
    const offsets = this.offsets.slice(0, this.len + 1);
    const bytes = this.bytes.slice(0, offsets[this.len]!);
    const nulls = this.nulls ? this.nulls.slice(0, this.len) : null;
    this.offsets = new Int32Array(1025);
    this.bytes = new Uint8Array(1 << 16);
    this.nulls = null;
    this.len = 0;
    return stringVector(this.field.type, offsets, bytes, nulls);
  }
}

/** A builder for one target column. */
export function makeBuilder(field: Field, opts: BuilderOptions): ColumnBuilder {
  return field.type.kind === 'String' ? new StringBuilder(field, opts) : new FixedBuilder(field, opts);
}
