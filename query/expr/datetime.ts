/**
 * Calendar arithmetic on day numbers and epoch seconds without Date objects (Howard Hinnant's civil
 * algorithms), plus parsing of date/time text as ClickHouse accepts it ('2013-07-01', '2013-07-01 12:34:56',
 * '2013-07-01T12:34:56.789Z') and formatting. Time zones: UTC, fixed offsets and named IANA zones via Intl
 * (named zones resolve the offset once per distinct hour, see {@link tzOffsetSeconds}).
 */
import { EddyError } from '../../src/core/errors.ts';
import { quoteToken } from '../../src/core/types.ts';
import { civilOfDays, daysFromCivil, yearOfDays } from '../../src/core/calendar.ts';

export { civilOfDays, daysFromCivil, yearOfDays };

/** ISO day of week of a day number: 1 = Monday .. 7 = Sunday. */
export function dayOfWeek(z: number): number {
  const w = (((z + 3) % 7) + 7) % 7; // 1970-01-01 was a Thursday
  return w + 1;
}

const cache = new Map<string, Intl.DateTimeFormat>();

/**
 * Offset (seconds east of UTC) of zone `tz` at epoch second `t`. UTC and '' give 0; fixed offsets
 * ('+03:00') parse directly; named zones go through Intl (slow path: callers cache per hour).
 */
export function tzOffsetSeconds(tz: string | undefined, t: number): number {
  if (tz === undefined || tz === '' || tz === 'UTC' || tz === 'Etc/UTC' || tz === 'GMT') return 0;
  const fixed = /^(?:UTC|GMT)?([+-])(\d{1,2}):?(\d{2})?$/.exec(tz);
  if (fixed) return (fixed[1] === '-' ? -1 : 1) * (Number(fixed[2]) * 3600 + Number(fixed[3] ?? 0) * 60);
  let f = cache.get(tz);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', { timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric',
        day: 'numeric', hour: 'numeric', minute: 'numeric', second: 'numeric' });
    } catch {
      throw new EddyError('BAD_ARGUMENTS', `Unknown time zone ${quoteToken(tz)}`);
    }
    cache.set(tz, f);
  }
  const p: Record<string, number> = {};
  for (const part of f.formatToParts(new Date(t * 1000))) if (part.type !== 'literal') p[part.type] = Number(part.value);
  const local = daysFromCivil(p.year!, p.month!, p.day!) * 86400 + p.hour! * 3600 + p.minute! * 60 + p.second!;
  return local - Math.floor(t);
}

/**
 * Local wall-clock seconds of epoch seconds `src` in zone tz, for n rows (UTC: a plain copy). Named zones
 * resolve their offset once per distinct hour of the batch.
 */
export function toLocalSeconds(src: Float64Array, m: number, n: number, tz: string | undefined): Float64Array {
  const out = new Float64Array(n);
  if (tz === undefined || tz === 'UTC' || tz === '') { for (let i = 0; i < n; i++) out[i] = src[i & m]!; return out; }
  let lastHour = NaN, off = 0;
  for (let i = 0; i < n; i++) {
    const t = src[i & m]!;
    const h = Math.floor(t / 3600);
    if (h !== lastHour) { off = tzOffsetSeconds(tz, h * 3600); lastHour = h; }
    out[i] = t + off;
  }
  return out;
}

/** Epoch seconds of local wall-clock seconds in zone tz (inverse of the zone offset, two-pass). */
export function fromLocalSeconds(local: number, tz: string | undefined): number {
  if (tz === undefined || tz === 'UTC' || tz === '') return local;
  const guess = local - tzOffsetSeconds(tz, local);
  return local - tzOffsetSeconds(tz, guess);
}

function parseFail(s: string, what: string): EddyError {
  return new EddyError('CANNOT_PARSE_DATETIME', `Cannot parse ${what} from ${quoteToken(s)}`);
}

const DT_RE = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z|[+-]\d{2}:?\d{2})?\s*$/;

/**
 * Parse date/time text into epoch ticks of 10^-precision seconds (precision 0 = seconds), interpreting
 * wall-clock text in zone tz unless the text carries Z or an offset. A bare number is taken as a Unix
 * timestamp in seconds. Throws CANNOT_PARSE_DATETIME; returns NaN instead when `lenient`.
 */
export function parseDateTimeText(s: string, precision = 0, tz?: string, lenient = false): number {
  const scale = 10 ** precision;
  if (/^\s*\d+\s*$/.test(s) && s.trim().length > 8) return Number(s) * scale;
  const m = DT_RE.exec(s);
  if (!m) { if (lenient) return NaN; throw parseFail(s, 'DateTime'); }
  const mo = Number(m[2]), d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > 31) { if (lenient) return NaN; throw parseFail(s, 'DateTime'); }
  const local = daysFromCivil(Number(m[1]), mo, d) * 86400 + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
  let secs: number;
  if (m[8] !== undefined) secs = local - tzOffsetSeconds(m[8] === 'Z' ? 'UTC' : m[8], 0);
  else secs = fromLocalSeconds(local, tz);
  const frac = m[7] !== undefined ? Math.floor(Number(`0.${m[7]}`) * scale + 1e-9) : 0;
  return secs * scale + frac;
}

/** Parse date text ('2013-07-01', also with a time part, ignored) into days since the epoch. */
export function parseDateText(s: string, lenient = false): number {
  const m = DT_RE.exec(s);
  if (!m) {
    if (/^\s*\d{8}\s*$/.test(s)) { const x = Number(s); return daysFromCivil(Math.floor(x / 10000), Math.floor(x / 100) % 100, x % 100); }
    if (lenient) return NaN;
    throw parseFail(s, 'Date');
  }
  return daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3]));
}

function pad(x: number, w: number): string {
  return String(x).padStart(w, '0');
}

/** 'YYYY-MM-DD' of a day number. */
export function formatDate(days: number): string {
  const c = civilOfDays(days);
  return `${pad(Math.floor(c / 10000), 4)}-${pad(Math.floor(c / 100) % 100, 2)}-${pad(c % 100, 2)}`;
}

/** 'YYYY-MM-DD hh:mm:ss[.fff]' of epoch ticks (10^-precision s) in zone tz. */
export function formatDateTime(ticks: number, precision = 0, tz?: string): string {
  const scale = 10 ** precision;
  const secs = Math.floor(ticks / scale);
  const local = secs + tzOffsetSeconds(tz, secs);
  const days = Math.floor(local / 86400);
  const sod = local - days * 86400;
  const base = `${formatDate(days)} ${pad(Math.floor(sod / 3600), 2)}:${pad(Math.floor(sod / 60) % 60, 2)}:${pad(sod % 60, 2)}`;
  return precision > 0 ? `${base}.${pad(ticks - secs * scale, precision)}` : base;
}
