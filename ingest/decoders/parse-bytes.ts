/**
 * Parsing numbers, dates and date-times straight from input bytes (no substrings, no BigInt on the
 * usual paths). Integers and day/second counts come back as JS numbers, NaN meaning "does not parse";
 * 64-bit integers are written as two Int32 words; floats throw {@link ParseFailure} (NaN is a value).
 */
import { daysFromCivil, isUtc, localToUtc } from './time-zone.ts';

/** A value did not parse as the column's type (caught and reported by the decoder). */
export class ParseFailure extends Error {
  /**
   * @param expected what the value should have been, for the message
   * @param index position of the failing value within a bulk append (-1 when not bulk)
   */
  constructor(readonly expected: string, readonly index = -1) {
    super(`expected ${expected}`);
  }
}

const latin1 = new TextDecoder('latin1');
const TWO32 = 4294967296;

/** Powers of ten exactly representable as doubles. */
export const POW10 = [1, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15, 1e16, 1e17,
  1e18, 1e19, 1e20, 1e21, 1e22];

/** An optionally signed decimal integer of at most 15 digits, or NaN. */
export function parseInt53(b: Uint8Array, s: number, e: number): number {
  let p = s;
  let neg = false;
  if (p < e) {
    const c = b[p]!;
    if (c === 0x2d) { neg = true; p++; } else if (c === 0x2b) p++;
  }
  if (p >= e || e - p > 15) return NaN;
  let n = 0;
  for (; p < e; p++) {
    const d = b[p]! - 0x30;
    if (d < 0 || d > 9) return NaN;
    n = n * 10 + d;
  }
  return neg ? -n : n;
}

/**
 * Parse a 64-bit integer into words[2i] (low) and words[2i+1] (high), two's complement; false when the
 * text is not an integer or is out of range (Int64, or UInt64 when `unsigned`).
 */
export function parseInt64Words(b: Uint8Array, s: number, e: number, unsigned: boolean, words: Int32Array, i: number): boolean {
  let p = s;
  let neg = false;
  if (p < e) {
    const c = b[p]!;
    if (c === 0x2d) { neg = true; p++; } else if (c === 0x2b) p++;
  }
  while (e - p > 1 && b[p] === 0x30) p++;
  const digits = e - p;
  if (digits <= 0 || digits > 20) return false;
  const head = digits > 15 ? p + digits - 15 : p;
  // the first (digits - 15) digits, then 15 more: value = top * 1e15 + low15
  let top = 0;
  for (let q = p; q < head; q++) {
    const d = b[q]! - 0x30;
    if (d < 0 || d > 9) return false;
    top = top * 10 + d;
  }
  let low = 0;
  for (let q = head; q < e; q++) {
    const d = b[q]! - 0x30;
    if (d < 0 || d > 9) return false;
    low = low * 10 + d;
  }
  // low < 1e15 < 2^50: split into 32-bit words, then add top * 1e15 (top < 1e5) word-wise
  let hi = Math.floor(low / TWO32);
  let lo = low - hi * TWO32;
  if (top > 0) {
    // 1e15 = 232830 * 2^32 + 2764472320
    const loProd = top * 2764472320 + lo; // < 1e5 * 2^32 + 2^32, exact
    const carry = Math.floor(loProd / TWO32);
    lo = loProd - carry * TWO32;
    hi = hi + top * 232830 + carry;
  }
  if (unsigned) {
    if (neg && (hi !== 0 || lo !== 0)) return false;
    if (hi >= TWO32) return false;
  } else if (neg ? hi > 0x80000000 || (hi === 0x80000000 && lo !== 0) : hi >= 0x80000000) return false;
  if (neg && (hi !== 0 || lo !== 0)) {
    lo = TWO32 - lo;
    hi = TWO32 - 1 - hi;
    if (lo === TWO32) { lo = 0; hi += 1; }
  }
  words[2 * i] = lo | 0;
  words[2 * i + 1] = hi | 0;
  return true;
}

/** True when b[s, e) spells `word` (lower case) ignoring ASCII case. */
export function lowerEquals(b: Uint8Array, s: number, e: number, word: string): boolean {
  if (e - s !== word.length) return false;
  for (let i = 0; i < word.length; i++) if ((b[s + i]! | 0x20) !== word.charCodeAt(i)) return false;
  return true;
}

function isDigit(c: number | undefined): boolean {
  return c !== undefined && c >= 0x30 && c <= 0x39;
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

/** `YYYY-MM-DD` at p (needs 10 bytes before e) → day number, or NaN. */
function dateAt(b: Uint8Array, p: number, e: number): number {
  if (e - p < 10 || b[p + 4] !== 0x2d || b[p + 7] !== 0x2d) return NaN;
  const y1 = twoDigits(b, p);
  const y2 = twoDigits(b, p + 2);
  const m = twoDigits(b, p + 5);
  const d = twoDigits(b, p + 8);
  if (y1 < 0 || y2 < 0 || m < 1 || m > 12 || d < 1 || d > 31) return NaN;
  return daysFromCivil(y1 * 100 + y2, m, d);
}

/** A Date: `YYYY-MM-DD` or a day number; NaN when neither. */
export function parseDate(b: Uint8Array, s: number, e: number): number {
  if (e - s === 10) {
    const d = dateAt(b, s, e);
    if (d === d) return d;
  }
  return parseInt53(b, s, e);
}

/** Where the fractional digits of the last {@link parseDateTime} lie (start = end when none). */
export const lastFraction = { start: 0, end: 0 };

/**
 * A date-time as unix seconds, or NaN: `YYYY-MM-DD[ T]hh:mm:ss[.fff][Z]` (wall clock in `tz` unless it
 * ends in Z), `YYYY-MM-DD`, or unix seconds `N[.fff]`. The fraction's digits are left in {@link lastFraction}.
 */
export function parseDateTime(b: Uint8Array, s: number, e: number, tz: string): number {
  lastFraction.start = 0;
  lastFraction.end = 0;
  if (e - s >= 10 && b[s + 4] === 0x2d) {
    const days = dateAt(b, s, e);
    if (days !== days) return NaN;
    let p = s + 10;
    let sod = 0;
    let zone = tz;
    if (p < e) {
      if ((b[p] !== 0x20 && b[p] !== 0x54) || e - p < 9 || b[p + 3] !== 0x3a || b[p + 6] !== 0x3a) return NaN;
      const h = twoDigits(b, p + 1);
      const mi = twoDigits(b, p + 4);
      const se = twoDigits(b, p + 7);
      if (h < 0 || h > 23 || mi < 0 || mi > 59 || se < 0 || se > 59) return NaN;
      sod = h * 3600 + mi * 60 + se;
      p += 9;
      if (p < e && b[p] === 0x2e) {
        lastFraction.start = ++p;
        while (p < e && isDigit(b[p])) p++;
        lastFraction.end = p;
      }
      if (p < e && b[p] === 0x5a) { zone = 'UTC'; p++; }
      if (p !== e) return NaN;
    }
    const local = days * 86400 + sod;
    return isUtc(zone) ? local : localToUtc(local, zone);
  }
  let p = s;
  while (p < e && b[p] !== 0x2e) p++;
  const n = parseInt53(b, s, p);
  if (n !== n) return NaN;
  if (p < e) {
    for (let q = p + 1; q < e; q++) if (!isDigit(b[q])) return NaN;
    lastFraction.start = p + 1;
    lastFraction.end = e;
  }
  return n;
}
