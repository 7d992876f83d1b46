/**
 * Calendar and time-zone arithmetic shared by text decoders and output formats: day numbers from
 * civil dates and back, and a zone's UTC offset at an instant (Intl, cached per quarter hour; UTC is
 * pure arithmetic).
 */

/** Days since 1970-01-01 of a proleptic Gregorian date (month 1..12). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

/** The civil date of a day number. */
export function civilFromDays(days: number): { y: number; m: number; d: number } {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  return { y: yoe + era * 400 + (m <= 2 ? 1 : 0), m, d };
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
