/**
 * Column builders: columns that text decoders append to straight from input bytes. Values are staged
 * in buffers that are reused block after block (numbers of up to 32 bits as Float64, 64-bit ones as
 * Int32 word pairs, strings as UTF-8 bytes + offsets), and finish() copies them into exact-size
 * vectors, so a block costs a handful of allocations whatever its row count. Numbers, dates and times
 * are parsed from the bytes in place (see parse-bytes.ts); a value that cannot be parsed throws
 * {@link ParseFailure}, and the decoder adds the row and column.
 */
import type { DataType, Field, Scalar, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector, utf8 } from '../../src/core/vector.ts';
import {
  lastFraction, lowerEquals, parseDate, parseDateTime, parseFloatBytes, parseInt53, parseInt64Words, ParseFailure, POW10,
} from './parse-bytes.ts';

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
  /**
   * Append `rows` values whose bytes need no unescaping: value r is b[ends[at + r·stride] + 1,
   * ends[at + r·stride + 1]) (fields between separators). A failure carries the value's index.
   */
  appendSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number): void;
  /** Append NULL (the default when the column is not Nullable and NULL-as-default is on). */
  appendNull(): void;
  /** Append the column's default value. */
  appendDefault(): void;
  /** Append a Scalar (Arrow/Parquet slow paths, tests). */
  appendScalar(v: Scalar): void;
  /** Drop rows past `n` (a row that turned out incomplete). */
  truncate(n: number): void;
  /** The column so far as a vector; the builder starts over empty (keeping its buffers). */
  finish(): Vector;
}

/** The bytes as text, for error messages and fallbacks. */
export function bytesText(b: Uint8Array, s: number, e: number): string {
  return new TextDecoder().decode(b.subarray(s, e));
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

// Value kinds of a FixedBuilder (a small-integer switch in the hot path).
const K_INT = 0;
const K_I64 = 1;
const K_U64 = 2;
const K_FLOAT = 3;
const K_BOOL = 4;
const K_DATE = 5;
const K_DATETIME = 6;
const K_DT64 = 7;
const K_NOTHING = 8;

function kindCode(kind: DataType['kind']): number {
  switch (kind) {
    case 'Int64': return K_I64;
    case 'UInt64': return K_U64;
    case 'Float32': case 'Float64': return K_FLOAT;
    case 'Bool': return K_BOOL;
    case 'Date': return K_DATE;
    case 'DateTime': return K_DATETIME;
    case 'DateTime64': return K_DT64;
    case 'Nothing': return K_NOTHING;
    default: return K_INT;
  }
}

const TWO32 = 4294967296;
const INT64_MIN = -(2n ** 63n);
const UINT64_END = 2n ** 64n;

// Bulk parsers, one per kind (separate functions keep each loop's type feedback to itself).

function intSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number, out: Float64Array, base: number,
  min: number, max: number, what: string): void {
  for (let r = 0, j = at; r < rows; r++, j += stride) {
    const n = parseInt53(b, ends[j]! + 1, ends[j + 1]!);
    if (!(n >= min && n <= max)) throw new ParseFailure(what, r);
    out[base + r] = n;
  }
}

function int64Spans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number, words: Int32Array, base: number,
  unsigned: boolean, what: string): void {
  for (let r = 0, j = at; r < rows; r++, j += stride) {
    if (!parseInt64Words(b, ends[j]! + 1, ends[j + 1]!, unsigned, words, base + r)) throw new ParseFailure(what, r);
  }
}

function dateSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number, out: Float64Array, base: number): void {
  for (let r = 0, j = at; r < rows; r++, j += stride) {
    const d = parseDate(b, ends[j]! + 1, ends[j + 1]!);
    if (d !== d) throw new ParseFailure('a date (YYYY-MM-DD)', r);
    out[base + r] = d;
  }
}

function dateTimeSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number, out: Float64Array, base: number,
  tz: string): void {
  for (let r = 0, j = at; r < rows; r++, j += stride) {
    const sec = parseDateTime(b, ends[j]! + 1, ends[j + 1]!, tz);
    if (!(sec >= 0 && sec <= 4294967295)) {
      throw new ParseFailure(sec !== sec ? 'a date-time (YYYY-MM-DD hh:mm:ss)' : 'a DateTime between 1970 and 2106', r);
    }
    out[base + r] = sec;
  }
}

class FixedBuilder implements ColumnBuilder {
  /** Staged values of kinds up to 32 bits. */
  private vals: Float64Array;
  /** Staged 64-bit values as (low, high) Int32 words. */
  private words: Int32Array;
  /** Staged NULL flags (allocated at the first NULL, then kept). */
  private nulls: Uint8Array | null = null;
  private nullCount = 0;
  private cap: number;
  private len = 0;
  private readonly code: number;
  private readonly wide: boolean;
  private readonly min: number;
  private readonly max: number;
  private readonly what: string;
  private readonly scale: number;
  private readonly precision: number;
  private readonly tz: string;
  private readonly dflt: Scalar;

  constructor(readonly field: Field, private readonly opts: BuilderOptions, capacity: number) {
    const t = field.type;
    this.code = kindCode(t.kind);
    this.wide = this.code === K_I64 || this.code === K_U64 || this.code === K_DT64;
    const range = INT_RANGE[t.kind];
    this.min = range ? range[0] : -Infinity;
    this.max = range ? range[1] : Infinity;
    this.what = `a ${t.kind}`;
    this.precision = t.precision ?? 3;
    this.scale = POW10[this.precision]!;
    this.tz = t.timezone ?? opts.timezone;
    const d = (field as { default?: Scalar }).default;
    this.dflt = d !== undefined ? d : implicitDefault({ ...t, nullable: false });
    this.cap = Math.max(16, capacity);
    this.vals = new Float64Array(this.wide ? 0 : this.cap);
    this.words = new Int32Array(this.wide ? 2 * this.cap : 0);
  }

  get length(): number {
    return this.len;
  }

  private grow(): void {
    this.cap *= 2;
    if (this.wide) {
      const w = new Int32Array(2 * this.cap);
      w.set(this.words);
      this.words = w;
    } else {
      const v = new Float64Array(this.cap);
      v.set(this.vals);
      this.vals = v;
    }
    if (this.nulls !== null) {
      const n = new Uint8Array(this.cap);
      n.set(this.nulls);
      this.nulls = n;
    }
  }

  /** Store a safe integer as a 64-bit word pair. */
  private put64(i: number, n: number): void {
    const hi = Math.floor(n / TWO32);
    this.words[2 * i] = (n - hi * TWO32) | 0;
    this.words[2 * i + 1] = hi | 0;
  }

  /** Store a BigInt (range-checked) as a 64-bit word pair. */
  private putBig(i: number, n: bigint): void {
    const bad = this.code === K_U64 ? n < 0n || n >= UINT64_END : n < INT64_MIN || n > -INT64_MIN - 1n;
    if (bad) throw new ParseFailure(this.what);
    new BigInt64Array(this.words.buffer, 8 * i, 1)[0] = BigInt.asIntN(64, n);
  }

  appendText(b: Uint8Array, s: number, e: number): void {
    if (this.len === this.cap) this.grow();
    const i = this.len;
    switch (this.code) {
      case K_INT: {
        const n = parseInt53(b, s, e);
        if (!(n >= this.min && n <= this.max)) throw new ParseFailure(this.what);
        this.vals[i] = n;
        break;
      }
      case K_I64: case K_U64:
        if (!parseInt64Words(b, s, e, this.code === K_U64, this.words, i)) throw new ParseFailure(this.what);
        break;
      case K_FLOAT:
        this.vals[i] = parseFloatBytes(b, s, e);
        break;
      case K_BOOL:
        this.vals[i] = parseBool(b, s, e);
        break;
      case K_DATE: {
        const d = parseDate(b, s, e);
        if (d !== d) throw new ParseFailure('a date (YYYY-MM-DD)');
        this.vals[i] = d;
        break;
      }
      case K_DATETIME: {
        const sec = parseDateTime(b, s, e, this.tz);
        if (sec !== sec) throw new ParseFailure('a date-time (YYYY-MM-DD hh:mm:ss)');
        if (sec < 0 || sec > 4294967295) throw new ParseFailure('a DateTime between 1970 and 2106');
        this.vals[i] = sec;
        break;
      }
      case K_DT64: {
        const sec = parseDateTime(b, s, e, this.tz);
        if (sec !== sec) throw new ParseFailure('a date-time (YYYY-MM-DD hh:mm:ss)');
        const fs = lastFraction.start;
        const fe = lastFraction.end;
        let frac = 0;
        for (let k = 0; k < this.precision; k++) frac = frac * 10 + (fs + k < fe ? b[fs + k]! - 0x30 : 0);
        const ticks = sec * this.scale + frac;
        if (Number.isSafeInteger(ticks)) this.put64(i, ticks);
        else this.putBig(i, BigInt(sec) * BigInt(this.scale) + BigInt(frac));
        break;
      }
      default:
        break;
    }
    if (this.nulls !== null) this.nulls[i] = 0;
    this.len++;
  }

  appendSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number): void {
    while (this.len + rows > this.cap) this.grow();
    const base = this.len;
    switch (this.code) {
      case K_INT:
        intSpans(b, ends, at, stride, rows, this.vals, base, this.min, this.max, this.what);
        break;
      case K_I64: case K_U64:
        int64Spans(b, ends, at, stride, rows, this.words, base, this.code === K_U64, this.what);
        break;
      case K_DATE:
        dateSpans(b, ends, at, stride, rows, this.vals, base);
        break;
      case K_DATETIME:
        dateTimeSpans(b, ends, at, stride, rows, this.vals, base, this.tz);
        break;
      default:
        for (let r = 0, j = at; r < rows; r++, j += stride) {
          try {
            this.appendText(b, ends[j]! + 1, ends[j + 1]!);
          } catch (err) {
            throw err instanceof ParseFailure ? new ParseFailure(err.expected, r) : err;
          }
        }
        return;
    }
    if (this.nulls !== null) this.nulls.fill(0, base, base + rows);
    this.len = base + rows;
  }

  appendNull(): void {
    if (!this.field.type.nullable) {
      if (!this.opts.nullAsDefault) throw new ParseFailure(`a non-NULL ${this.field.type.kind} (the column is not Nullable)`);
      this.appendDefault();
      return;
    }
    if (this.len === this.cap) this.grow();
    this.nulls ??= new Uint8Array(this.cap);
    const i = this.len++;
    if (this.wide) this.put64(i, 0);
    else this.vals[i] = 0;
    this.nulls[i] = 1;
    this.nullCount++;
  }

  appendDefault(): void {
    if (this.dflt === null) this.appendNull();
    else this.appendScalar(this.dflt);
  }

  appendScalar(v: Scalar): void {
    if (v === null) { this.appendNull(); return; }
    if (typeof v === 'string') { const b = utf8(v); this.appendText(b, 0, b.length); return; }
    if (this.len === this.cap) this.grow();
    const i = this.len;
    const x = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    if (this.wide) {
      if (typeof x === 'bigint') this.putBig(i, x);
      else if (Number.isSafeInteger(x)) {
        if (this.code === K_U64 && x < 0) throw new ParseFailure(this.what);
        this.put64(i, x);
      } else this.putBig(i, BigInt(Math.trunc(x)));
    } else this.vals[i] = Number(x);
    if (this.nulls !== null) this.nulls[i] = 0;
    this.len++;
  }

  truncate(n: number): void {
    if (n >= this.len) return;
    if (this.nulls !== null) for (let i = n; i < this.len; i++) this.nullCount -= this.nulls[i]!;
    this.len = n;
  }

  finish(): Vector {
    const n = this.len;
    const Ctor = arrayTypeOf(this.field.type);
    const values = new Ctor(n);
    if (this.wide) new Int32Array(values.buffer).set(this.words.subarray(0, 2 * n));
    else if (this.code !== K_NOTHING) (values as Float64Array).set(this.vals.subarray(0, n));
    let nulls: Uint8Array | null = null;
    if (this.code === K_NOTHING) nulls = new Uint8Array(n).fill(1);
    else if (this.nulls !== null && this.nullCount > 0) nulls = this.nulls.slice(0, n);
    this.len = 0;
    this.nullCount = 0;
    return flatVector(this.field.type, values as TypedArray, nulls);
  }
}

/** Strings shorter than this are copied byte by byte (cheaper than a subarray + set). */
const SHORT_COPY = 64;

class StringBuilder implements ColumnBuilder {
  private bytes: Uint8Array;
  private offsets: Int32Array;
  private nulls: Uint8Array | null = null;
  private nullCount = 0;
  private cap: number;
  private len = 0;
  private readonly dflt: Uint8Array | null;

  constructor(readonly field: Field, private readonly opts: BuilderOptions, capacity: number) {
    const d = (field as { default?: Scalar }).default;
    this.dflt = d === null ? null : utf8(d === undefined ? '' : String(d));
    this.cap = Math.max(16, capacity);
    this.offsets = new Int32Array(this.cap + 1);
    this.bytes = new Uint8Array(Math.max(1024, 8 * this.cap));
  }

  get length(): number {
    return this.len;
  }

  private growRows(): void {
    this.cap *= 2;
    const o = new Int32Array(this.cap + 1);
    o.set(this.offsets);
    this.offsets = o;
    if (this.nulls !== null) {
      const n = new Uint8Array(this.cap);
      n.set(this.nulls);
      this.nulls = n;
    }
  }

  private growBytes(need: number): void {
    let size = this.bytes.length * 2;
    while (size < need) size *= 2;
    const b = new Uint8Array(size);
    b.set(this.bytes.subarray(0, this.offsets[this.len]!));
    this.bytes = b;
  }

  appendText(b: Uint8Array, s: number, e: number): void {
    if (this.len === this.cap) this.growRows();
    const n = e - s;
    const at = this.offsets[this.len]!;
    if (at + n > this.bytes.length) this.growBytes(at + n);
    const dst = this.bytes;
    if (n < SHORT_COPY) for (let k = 0; k < n; k++) dst[at + k] = b[s + k]!;
    else dst.set(b.subarray(s, e), at);
    if (this.nulls !== null) this.nulls[this.len] = 0;
    this.offsets[++this.len] = at + n;
  }

  appendSpans(b: Uint8Array, ends: Int32Array, at: number, stride: number, rows: number): void {
    while (this.len + rows > this.cap) this.growRows();
    let j = at;
    let total = 0;
    for (let r = 0; r < rows; r++, j += stride) total += ends[j + 1]! - ends[j]! - 1;
    const base = this.len;
    let pos = this.offsets[base]!;
    if (pos + total > this.bytes.length) this.growBytes(pos + total);
    const dst = this.bytes;
    const offsets = this.offsets;
    j = at;
    for (let r = 0; r < rows; r++, j += stride) {
      const s = ends[j]! + 1;
      const e = ends[j + 1]!;
      const n = e - s;
      if (n < SHORT_COPY) for (let k = 0; k < n; k++) dst[pos + k] = b[s + k]!;
      else dst.set(b.subarray(s, e), pos);
      pos += n;
      offsets[base + r + 1] = pos;
    }
    if (this.nulls !== null) this.nulls.fill(0, base, base + rows);
    this.len = base + rows;
  }

  appendNull(): void {
    if (!this.field.type.nullable) {
      if (!this.opts.nullAsDefault) throw new ParseFailure('a non-NULL String (the column is not Nullable)');
      this.appendDefault();
      return;
    }
    if (this.len === this.cap) this.growRows();
    this.nulls ??= new Uint8Array(this.cap);
    this.nulls[this.len] = 1;
    this.nullCount++;
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
    if (n >= this.len) return;
    if (this.nulls !== null) for (let i = n; i < this.len; i++) this.nullCount -= this.nulls[i]!;
    this.len = n;
  }

  finish(): Vector {
    const n = this.len;
    const offsets = this.offsets.slice(0, n + 1);
    const bytes = this.bytes.slice(0, offsets[n]!);
    const nulls = this.nulls !== null && this.nullCount > 0 ? this.nulls.slice(0, n) : null;
    this.len = 0;
    this.nullCount = 0;
    return stringVector(this.field.type, offsets, bytes, nulls);
  }
}

/** A builder for one target column, with room for `capacity` rows before it grows. */
export function makeBuilder(field: Field, opts: BuilderOptions, capacity = 1024): ColumnBuilder {
  return field.type.kind === 'String' ? new StringBuilder(field, opts, capacity) : new FixedBuilder(field, opts, capacity);
}
