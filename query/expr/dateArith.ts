/**
 * Calendar arithmetic kernels behind addSeconds … addYears / subtract* (what `t ± INTERVAL n unit`
 * lowers to) and dateDiff. Seconds, minutes and hours move the instant; days and weeks move the local
 * wall-clock date (time of day kept across DST changes); months, quarters and years move the civil
 * month and clamp the day to the month's length (Jan 31 + 1 month = Feb 28/29), as ClickHouse's DateLUT.
 * dateDiff counts unit boundaries crossed between the two local times (ClickHouse's toRelative*Num).
 */
import type { DataType } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, fromF64, halves, storeI64 } from './build.ts';
import { civilOfDays, dayOfWeek, daysFromCivil } from './datetime.ts';
import { TWO32, readF64, readI64 } from './read.ts';
import type { Unit } from './temporal.ts';
import { localSeconds, localToUtc } from './temporal.ts';

/** The interval units the add and subtract functions take. */
export type IntervalUnit = 'second' | 'minute' | 'hour' | 'day' | 'week' | 'month' | 'quarter' | 'year';

/** Seconds in a fixed-length unit (0 for calendar units). */
function unitSeconds(u: IntervalUnit): number {
  return u === 'second' ? 1 : u === 'minute' ? 60 : u === 'hour' ? 3600 : 0;
}

/** Months in a calendar unit, days in day/week. */
function unitCount(u: IntervalUnit): number {
  return u === 'week' ? 7 : u === 'quarter' ? 3 : u === 'year' ? 12 : 1;
}

/** Day number `d` moved by `months` civil months, the day clamped to the target month's length. */
export function addMonthsToDay(d: number, months: number): number {
  const c = civilOfDays(d);
  const y = Math.floor(c / 10000), m = Math.floor(c / 100) % 100, day = c % 100;
  const total = y * 12 + (m - 1) + months;
  const ny = Math.floor(total / 12), nm = total - ny * 12 + 1;
  const first = daysFromCivil(ny, nm, 1);
  const len = (nm === 12 ? daysFromCivil(ny + 1, 1, 1) : daysFromCivil(ny, nm + 1, 1)) - first;
  return first + Math.min(day, len) - 1;
}

/** Result type of add<unit>(t, n): Date stays Date for day-or-longer units and becomes DateTime otherwise. */
export function addResultKind(t: DataType, u: IntervalUnit): 'Date' | 'DateTime' | 'DateTime64' {
  if (t.kind === 'Date') return unitSeconds(u) > 0 ? 'DateTime' : 'Date';
  return t.kind === 'DateTime64' ? 'DateTime64' : 'DateTime';
}

/** Shift local seconds by `k` units (k per row), in place. */
function shiftLocal(u: IntervalUnit, local: Float64Array, k: Float64Array, mk: number, n: number): void {
  if (u === 'day' || u === 'week') {
    const per = 86400 * unitCount(u);
    for (let i = 0; i < n; i++) local[i] = local[i]! + Math.trunc(k[i & mk]!) * per;
    return;
  }
  const months = unitCount(u);
  for (let i = 0; i < n; i++) {
    const l = local[i]!, day = Math.floor(l / 86400);
    local[i] = addMonthsToDay(day, Math.trunc(k[i & mk]!) * months) * 86400 + (l - day * 86400);
  }
}

/** add<unit>(t, sign * n) over n rows, into a vector of type rt (Date, DateTime or DateTime64). */
export function addInterval(u: IntervalUnit, sign: number, t: Vector, delta: Vector, n: number, rt: DataType): Vector {
  const { a: k0, m: mk } = readF64(delta, n);
  const k = sign === 1 ? k0 : k0.map((x) => -x);
  const secs = unitSeconds(u);
  if (rt.kind === 'DateTime64') {
    const scale = 10 ** (t.type.precision ?? 3);
    const { hi, lo, m } = readI64(t, n);
    const out = allocValues(rt, n) as BigInt64Array;
    const w = halves(out);
    if (secs > 0) {
      for (let i = 0; i < n; i++) storeI64(w, i, hi[i & m]!, lo[i & m]! + Math.trunc(k[i & mk]!) * secs * scale);
      return flatVector(rt, out);
    }
    const local = localSeconds(t, n);
    const before = new Float64Array(n);
    for (let i = 0; i < n; i++) { local[i] = Math.floor(local[i]!); before[i] = local[i]!; }
    const utcBefore = localToUtc(before.slice(), n, rt.timezone);
    shiftLocal(u, local, k, mk, n);
    const utcAfter = localToUtc(local, n, rt.timezone);
    for (let i = 0; i < n; i++) storeI64(w, i, hi[i & m]!, lo[i & m]! + (utcAfter[i]! - utcBefore[i]!) * scale);
    return flatVector(rt, out);
  }
  if (rt.kind === 'Date') {
    const { a, m } = readF64(t, n);
    const out = new Int32Array(n);
    if (u === 'day' || u === 'week') {
      const per = unitCount(u);
      for (let i = 0; i < n; i++) out[i] = a[i & m]! + Math.trunc(k[i & mk]!) * per;
    } else {
      const months = unitCount(u);
      for (let i = 0; i < n; i++) out[i] = addMonthsToDay(a[i & m]!, Math.trunc(k[i & mk]!) * months);
    }
    return flatVector(rt, out);
  }
  // DateTime result (from Date or DateTime).
  if (secs > 0) {
    const { a, m } = readF64(t, n);
    const base = t.type.kind === 'Date' ? 86400 : 1;
    const out = new Float64Array(n);
    for (let i = 0; i < n; i++) out[i] = a[i & m]! * base + Math.trunc(k[i & mk]!) * secs;
    return flatVector(rt, fromF64(rt, out));
  }
  const local = localSeconds(t, n);
  shiftLocal(u, local, k, mk, n);
  return flatVector(rt, fromF64(rt, localToUtc(local, n, rt.timezone)));
}

/** Relative number of `unit` boundaries (toRelative*Num) of local seconds, into out. */
function relativeNum(unit: Unit, local: Float64Array, n: number, out: Float64Array): void {
  switch (unit) {
    case 'nanosecond': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! * 1e9 + 1e-3); return;
    case 'microsecond': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! * 1e6 + 1e-6); return;
    case 'millisecond': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! * 1e3 + 1e-7); return;
    case 'second': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]!); return;
    case 'minute': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 60); return;
    case 'hour': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 3600); return;
    case 'day': for (let i = 0; i < n; i++) out[i] = Math.floor(local[i]! / 86400); return;
    case 'week':
      for (let i = 0; i < n; i++) { const d = Math.floor(local[i]! / 86400); out[i] = (d - dayOfWeek(d) + 1 - 4) / 7; }
      return;
    default: {
      const perYear = unit === 'month' ? 12 : unit === 'quarter' ? 4 : 1;
      let lastDay = NaN, last = 0;
      for (let i = 0; i < n; i++) {
        const d = Math.floor(local[i]! / 86400);
        if (d !== lastDay) {
          const c = civilOfDays(d);
          const y = Math.floor(c / 10000), mo = Math.floor(c / 100) % 100;
          last = y * perYear + (unit === 'month' ? mo - 1 : unit === 'quarter' ? Math.floor((mo - 1) / 3) : 0);
          lastDay = d;
        }
        out[i] = last;
      }
    }
  }
}

/** dateDiff(unit, a, b) per row: relative numbers of b minus a's (seconds and below from UTC instants). */
export function dateDiffValues(unit: Unit, a: Vector, b: Vector, n: number): Float64Array {
  const subSecond = unit === 'second' || unit === 'millisecond' || unit === 'microsecond' || unit === 'nanosecond';
  const la = subSecond ? utcSeconds(a, n) : localSeconds(a, n);
  const lb = subSecond ? utcSeconds(b, n) : localSeconds(b, n);
  const ra = new Float64Array(n), rb = new Float64Array(n);
  relativeNum(unit, la, n, ra);
  relativeNum(unit, lb, n, rb);
  for (let i = 0; i < n; i++) rb[i] = rb[i]! - ra[i]!;
  return rb;
}

/** UTC epoch seconds (fractional for DateTime64) of a temporal vector. */
export function utcSeconds(v: Vector, n: number): Float64Array {
  const out = new Float64Array(n);
  if (v.type.kind === 'DateTime64') {
    const scale = 10 ** (v.type.precision ?? 3);
    const { hi, lo, m } = readI64(v, n);
    for (let i = 0; i < n; i++) out[i] = (hi[i & m]! * TWO32 + lo[i & m]!) / scale;
    return out;
  }
  const { a, m } = readF64(v, n);
  const base = v.type.kind === 'Date' ? 86400 : 1;
  for (let i = 0; i < n; i++) out[i] = a[i & m]! * base;
  return out;
}
