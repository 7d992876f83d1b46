/**
 * Kernels over Date/DateTime/DateTime64 values: local wall-clock seconds in the value's zone, truncation
 * to a unit (second … year), calendar parts, unit names as date_trunc/extract/dateDiff spell them, and
 * the result conversions back to Date (days) or DateTime (UTC seconds). Calendar math is per-row integer
 * arithmetic with a one-entry cache for runs of the same day.
 */
import type { DataType } from '../../src/core/types.ts';
import { isTemporal } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { civilOfDays, dayOfWeek, daysFromCivil, fromLocalSeconds, toLocalSeconds } from './datetime.ts';
import { badArguments, illegalType } from './errors.ts';
import { readF64, readI64, TWO32 } from './read.ts';

/** A calendar unit. */
export type Unit = 'nanosecond' | 'microsecond' | 'millisecond' | 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

const UNIT_NAMES: Record<string, Unit> = {
  nanosecond: 'nanosecond', nanoseconds: 'nanosecond', ns: 'nanosecond',
  microsecond: 'microsecond', microseconds: 'microsecond', us: 'microsecond', u: 'microsecond',
  millisecond: 'millisecond', milliseconds: 'millisecond', ms: 'millisecond',
  second: 'second', seconds: 'second', ss: 'second', s: 'second',
  minute: 'minute', minutes: 'minute', mi: 'minute', n: 'minute',
  hour: 'hour', hours: 'hour', hh: 'hour', h: 'hour',
  day: 'day', days: 'day', dd: 'day', d: 'day',
  week: 'week', weeks: 'week', wk: 'week', ww: 'week',
  month: 'month', months: 'month', mm: 'month', m: 'month',
  quarter: 'quarter', quarters: 'quarter', qq: 'quarter', q: 'quarter',
  year: 'year', years: 'year', yyyy: 'year', yy: 'year',
};

/** Parse a unit name (case-insensitive, singular/plural/abbreviations) or throw BAD_ARGUMENTS naming fn. */
export function parseUnit(fn: string, s: unknown): Unit {
  const u = typeof s === 'string' ? UNIT_NAMES[s.toLowerCase()] : undefined;
  if (!u) throw badArguments(fn, `unknown unit ${JSON.stringify(s)}`);
  return u;
}

/** Check that t is Date/DateTime/DateTime64 for argument `index` of fn. */
export function requireTemporal(fn: string, t: DataType, index: number): void {
  if (!isTemporal(t)) throw illegalType(fn, t, index, 'Date, DateTime or DateTime64');
}

/** Local wall-clock seconds (Date: midnight) of each row, in the type's time zone; fractional for DateTime64. */
export function localSeconds(v: Vector, n: number): Float64Array {
  const t = v.type;
  if (t.kind === 'Date') {
    const { a, m } = readF64(v, n);
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a[i & m]! * 86400;
    return out;
  }
  if (t.kind === 'DateTime64') {
    const { hi, lo, m } = readI64(v, n);
    const scale = 10 ** (t.precision ?? 3);
    const secs = new Float64Array(n);
    for (let i = 0; i < n; i++) secs[i] = (hi[i & m]! * TWO32 + lo[i & m]!) / scale;
    return toLocalSeconds(secs, -1, n, t.timezone);
  }
  const { a, m } = readF64(v, n);
  return toLocalSeconds(a, m, n, t.timezone);
}

/** Truncate local seconds to the start of `unit` (week starts Monday); result in local seconds. */
export function truncLocal(unit: Unit, src: Float64Array, n: number, out: Float64Array, stepSeconds = 0): void {
  switch (unit) {
    case 'nanosecond': case 'microsecond': case 'millisecond': {
      const k = unit === 'millisecond' ? 1e3 : unit === 'microsecond' ? 1e6 : 1e9;
      for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]! * k + 1e-7) / k;
      return;
    }
    case 'second': case 'minute': case 'hour': case 'day': {
      const u = stepSeconds || (unit === 'second' ? 1 : unit === 'minute' ? 60 : unit === 'hour' ? 3600 : 86400);
      for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]! / u) * u;
      return;
    }
    case 'week':
      for (let i = 0; i < n; i++) { const d = Math.floor(src[i]! / 86400); out[i] = (d - dayOfWeek(d) + 1) * 86400; }
      return;
    case 'month': case 'quarter': case 'year': {
      let lastDay = NaN, last = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.floor(src[i]! / 86400);
        if (d !== lastDay) {
          const c = civilOfDays(d);
          const y = Math.floor(c / 10000), mo = Math.floor(c / 100) % 100;
          const m0 = unit === 'month' ? mo : unit === 'quarter' ? mo - ((mo - 1) % 3) : 1;
          last = daysFromCivil(y, m0, 1) * 86400;
          lastDay = d;
        }
        out[i] = last;
      }
    }
  }
}

/** A calendar part of local seconds. */
export type Part = 'year' | 'quarter' | 'month' | 'dayOfMonth' | 'dayOfWeek' | 'dayOfYear' | 'hour' | 'minute' | 'second'
  | 'yyyymm' | 'yyyymmdd';

/** Extract `part` of local seconds into out (integers). */
export function partOf(part: Part, src: Float64Array, n: number, out: Float64Array): void {
  switch (part) {
    case 'hour': for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]! / 3600) - Math.floor(src[i]! / 86400) * 24; return;
    case 'minute': for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]! / 60) - Math.floor(src[i]! / 3600) * 60; return;
    case 'second': for (let i = 0; i < n; i++) out[i] = Math.floor(src[i]!) - Math.floor(src[i]! / 60) * 60; return;
    case 'dayOfWeek': for (let i = 0; i < n; i++) out[i] = dayOfWeek(Math.floor(src[i]! / 86400)); return;
    default: {
      let lastDay = NaN, last = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.floor(src[i]! / 86400);
        if (d !== lastDay) {
          const c = civilOfDays(d);
          const y = Math.floor(c / 10000), mo = Math.floor(c / 100) % 100;
          switch (part) {
            case 'year': last = y; break;
            case 'quarter': last = Math.floor((mo - 1) / 3) + 1; break;
            case 'month': last = mo; break;
            case 'dayOfMonth': last = c % 100; break;
            case 'dayOfYear': last = d - daysFromCivil(y, 1, 1) + 1; break;
            case 'yyyymm': last = Math.floor(c / 100); break;
            case 'yyyymmdd': last = c; break;
          }
          lastDay = d;
        }
        out[i] = last;
      }
    }
  }
}

/** Convert local seconds back to UTC epoch seconds in zone tz (identity for UTC). */
export function localToUtc(src: Float64Array, n: number, tz: string | undefined): Float64Array {
  if (tz === undefined || tz === 'UTC' || tz === '') return src;
  const out = new Float64Array(n);
  let lastHour = NaN, lastDelta = 0;
  for (let i = 0; i < n; i++) {
    const h = Math.floor(src[i]! / 3600);
    if (h !== lastHour) { lastDelta = fromLocalSeconds(h * 3600, tz) - h * 3600; lastHour = h; }
    out[i] = src[i]! + lastDelta;
  }
  return out;
}
