/**
 * Calendar and time-zone arithmetic shared by text decoders and output formats: day numbers from
 * civil dates and back, and a zone's UTC offset at an instant (Intl, cached per quarter hour; UTC is
 * pure arithmetic).
 */
import { civilOfDays, daysFromCivil } from '../../src/core/calendar.ts';

export { daysFromCivil };

/** The civil date of a day number. */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const c = civilOfDays(days);
  return { y: Math.floor(c / 10000), m: Math.floor(c / 100) % 100, d: c % 100 };
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** True for the names of UTC. */
export function isUtc(tz: string): boolean {
  return tz === 'UTC' || tz === '' || tz === 'Etc/UTC' || tz === 'GMT' || tz === 'Etc/GMT' || tz === 'Z';
}

/** Offset of `tz` from UTC in seconds at the instant `epochSeconds`. */
export function tzOffsetSeconds(tz: string, epochSeconds: number): number {
  if (isUtc(tz)) return 0;
  const bucket = Math.floor(epochSeconds / 900);
  const key = tz + '@' + bucket;
  const hit = offsets.get(key);
  if (hit !== undefined) return hit;
  let f = formatters.get(tz);
  if (!f) {
    f = new Intl.DateTimeFormat('en-US', {
      timeZone: tz, hourCycle: 'h23', year: 'numeric', month: 'numeric', day: 'numeric',
      hour: 'numeric', minute: 'numeric', second: 'numeric',
    });
    formatters.set(tz, f);
  }
  const at = bucket * 900;
  const parts: Record<string, number> = {};
  for (const p of f.formatToParts(new Date(at * 1000))) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  const local = Date.UTC(parts.year!, parts.month! - 1, parts.day!, parts.hour!, parts.minute!, parts.second!) / 1000;
  const off = local - at;
  if (offsets.size > 100_000) offsets.clear();
  offsets.set(key, off);
  return off;
}

/** Unix seconds of a wall-clock time (seconds since the epoch as if the wall clock were UTC) in `tz`. */
export function localToUtc(localSeconds: number, tz: string): number {
  if (isUtc(tz)) return localSeconds;
  const guess = localSeconds - tzOffsetSeconds(tz, localSeconds);
  return localSeconds - tzOffsetSeconds(tz, guess);
}
