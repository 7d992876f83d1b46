/**
 * A growable byte buffer that writes text without creating strings: integers (including 64-bit ones
 * given as two 32-bit halves), dates and timestamps in ClickHouse's text form, and byte ranges.
 */
import { civilOfDays } from '../../src/core/calendar.ts';

const DAY = 86400;

/** Bytes appended at `pos`; `buf` is replaced (not resized in place) when it grows. */
export class ByteBuilder {
  /** Backing store; valid bytes are `buf[0..pos)`. */
  buf: Uint8Array;
  /** Number of valid bytes. */
  pos = 0;

  /** Start with `capacity` bytes of room. */
  constructor(capacity = 1 << 16) {
    this.buf = new Uint8Array(capacity);
  }

  /** Make room for `n` more bytes. */
  ensure(n: number): void {
    if (this.pos + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.pos + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.pos));
    this.buf = next;
  }

  /** Forget the contents, keep the capacity. */
  reset(): void {
    this.pos = 0;
  }

  /** A copy of the valid bytes. */
  toBytes(): Uint8Array {
    return this.buf.slice(0, this.pos);
  }

  /** Append one byte (0..255). */
  byte(b: number): void {
    if (this.pos === this.buf.length) this.ensure(1);
    this.buf[this.pos++] = b;
  }

  /** Append src[start..end) unchanged. */
  bytes(src: Uint8Array, start: number, end: number): void {
    const n = end - start;
    this.ensure(n);
    const buf = this.buf;
    let p = this.pos;
    if (n < 32) {
      for (let i = start; i < end; i++) buf[p++] = src[i]!;
    } else {
      buf.set(src.subarray(start, end), p);
      p += n;
    }
    this.pos = p;
  }

  /** Append a signed integer that is exact as a double (|v| < 2^53). */
  int(v: number): void {
    this.ensure(17);
    if (v < 0) {
      this.buf[this.pos++] = 45;
      v = -v;
    }
    if (v < 10) this.buf[this.pos++] = 48 + v;
    else if (v < 4294967296) this.uint32(v);
    else this.uint53(v);
  }

  /** Append a signed 64-bit integer given as its high and low 32-bit halves (two's complement). */
  int64(hi: number, lo: number): void {
    this.ensure(20);
    hi |= 0;
    lo >>>= 0;
    if (hi < 0) {
      this.buf[this.pos++] = 45;
      // negate: ~x + 1 over the 64 bits
      lo = (~lo + 1) >>> 0;
      hi = (~hi + (lo === 0 ? 1 : 0)) >>> 0;
    } else {
      hi >>>= 0;
    }
    if (hi === 0) {
      if (lo < 10) this.buf[this.pos++] = 48 + lo;
      else this.uint32(lo);
      return;
    }
    // Long division of (hi, lo) by 1e8 over 16-bit limbs; every intermediate stays below 2^53.
    let r = hi >>> 16;
    let cur = r * 65536 + (hi & 0xffff);
    const q2 = Math.floor(cur / 1e8);
    r = cur - q2 * 1e8;
    cur = r * 65536 + (lo >>> 16);
    const q1 = Math.floor(cur / 1e8);
    r = cur - q1 * 1e8;
    cur = r * 65536 + (lo & 0xffff);
    const q0 = Math.floor(cur / 1e8);
    r = cur - q0 * 1e8;
    const q = (q2 * 65536 + q1) * 65536 + q0; // < 2^64 / 1e8 ≈ 1.8e11, exact
    this.uint53(q);
    this.digits8(r);
  }

  /** Append a date given as days since 1970-01-01 (years 0..9999): `YYYY-MM-DD`. */
  date(days: number): void {
    this.ensure(10);
    this.writeDate(days);
  }

  /** Append a timestamp given as seconds since the epoch: `YYYY-MM-DD hh:mm:ss` (UTC wall clock). */
  dateTime(seconds: number): void {
    this.ensure(19);
    const days = Math.floor(seconds / DAY);
    let s = seconds - days * DAY;
    this.writeDate(days);
    const buf = this.buf;
    let p = this.pos;
    const h = (s / 3600) | 0;
    s -= h * 3600;
    const m = (s / 60) | 0;
    s -= m * 60;
    buf[p++] = 32;
    buf[p++] = PAIRS[2 * h]!; buf[p++] = PAIRS[2 * h + 1]!; buf[p++] = 58;
    buf[p++] = PAIRS[2 * m]!; buf[p++] = PAIRS[2 * m + 1]!; buf[p++] = 58;
    buf[p++] = PAIRS[2 * s]!; buf[p++] = PAIRS[2 * s + 1]!;
    this.pos = p;
  }

  /** Unsigned integer < 2^32 without leading zeros; room already ensured. */
  private uint32(v: number): void {
    const n = v < 100 ? 2 : v < 1000 ? 3 : v < 10000 ? 4 : v < 100000 ? 5 : v < 1000000 ? 6
      : v < 10000000 ? 7 : v < 100000000 ? 8 : v < 1000000000 ? 9 : 10;
    const buf = this.buf;
    let p = this.pos + n;
    this.pos = p;
    while (v >= 100) {
      const q = (v / 100) >>> 0;
      const d = 2 * (v - q * 100);
      buf[--p] = PAIRS[d + 1]!;
      buf[--p] = PAIRS[d]!;
      v = q;
    }
    if (v >= 10) {
      buf[--p] = PAIRS[2 * v + 1]!;
      buf[--p] = PAIRS[2 * v]!;
    } else {
      buf[--p] = 48 + v;
    }
  }

  /** Unsigned integer < 2^53 without leading zeros; room already ensured. */
  private uint53(v: number): void {
    if (v < 4294967296) {
      if (v < 10) this.buf[this.pos++] = 48 + v;
      else this.uint32(v);
      return;
    }
    const high = Math.floor(v / 1e8);
    this.uint53(high);
    this.digits8(v - high * 1e8);
  }

  /** Exactly eight digits of v < 1e8 (leading zeros kept); room already ensured. */
  private digits8(v: number): void {
    const buf = this.buf;
    const p = this.pos;
    const a = (v / 10000) | 0;
    const b = v - a * 10000;
    const a1 = (a / 100) | 0;
    const a2 = a - a1 * 100;
    const b1 = (b / 100) | 0;
    const b2 = b - b1 * 100;
    buf[p] = PAIRS[2 * a1]!; buf[p + 1] = PAIRS[2 * a1 + 1]!;
    buf[p + 2] = PAIRS[2 * a2]!; buf[p + 3] = PAIRS[2 * a2 + 1]!;
    buf[p + 4] = PAIRS[2 * b1]!; buf[p + 5] = PAIRS[2 * b1 + 1]!;
    buf[p + 6] = PAIRS[2 * b2]!; buf[p + 7] = PAIRS[2 * b2 + 1]!;
    this.pos = p + 8;
  }

  /** `YYYY-MM-DD` of days since the epoch, memoized per day; room already ensured. */
  private writeDate(days: number): void {
    const slot = days & (DATE_CACHE - 1);
    if (dateCacheDay[slot] !== days) fillDate(days, slot);
    const buf = this.buf;
    const p = this.pos;
    const from = slot * 10;
    for (let i = 0; i < 10; i++) buf[p + i] = dateCache[from + i]!;
    this.pos = p + 10;
  }
}

/** ASCII digits of 00..99, two bytes each. */
const PAIRS = Uint8Array.from({ length: 200 }, (_, i) => 48 + (i % 2 === 0 ? Math.floor(i / 20) : (i >> 1) % 10));

const DATE_CACHE = 4096;
const dateCache = new Uint8Array(DATE_CACHE * 10);
const dateCacheDay = new Int32Array(DATE_CACHE).fill(-0x80000000);

/** Civil date of `days` (Howard Hinnant's days-to-civil algorithm) into the cache slot. */
function fillDate(days: number, slot: number): void {
  const c = civilOfDays(days);
  const y = Math.floor(c / 10000);
  const m = Math.floor(c / 100) % 100;
  const d = c % 100;
  const text = `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
  for (let i = 0; i < 10; i++) dateCache[slot * 10 + i] = text.charCodeAt(i);
  dateCacheDay[slot] = days;
}
