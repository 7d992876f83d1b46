/**
 * Date and time values as text: Date `YYYY-MM-DD`, DateTime `YYYY-MM-DD hh:mm:ss` in the column's
 * (or session's) time zone, DateTime64(p) with `.fff…` digits. UTC uses arithmetic only; other zones
 * ask Intl for the offset, cached per quarter hour.
 */

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
  if (n >= 1000) return String(n);
  if (n >= 0) return ('000' + n).slice(-4);
  return '-' + ('000' + -n).slice(-4);
}

/** Civil date of a day number (days since 1970-01-01), as `YYYY-MM-DD`. */
export function dateText(days: number): string {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp < 10 ? mp + 3 : mp - 9;
  const y = yoe + era * 400 + (m <= 2 ? 1 : 0);
  return pad4(y) + '-' + pad2(m) + '-' + pad2(d);
}

const formatters = new Map<string, Intl.DateTimeFormat>();
const offsets = new Map<string, number>();

/** Offset of `tz` from UTC in seconds at the instant `epochSeconds`. */
export function tzOffsetSeconds(tz: string, epochSeconds: number): number {
  if (tz === 'UTC' || tz === '' || tz === 'Etc/UTC') return 0;
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

/** `YYYY-MM-DD hh:mm:ss` for unix seconds in `tz`. */
export function dateTimeText(epochSeconds: number, tz: string): string {
  const local = epochSeconds + tzOffsetSeconds(tz, epochSeconds);
  const days = Math.floor(local / 86400);
  const sod = local - days * 86400;
  const h = Math.floor(sod / 3600);
  const mi = Math.floor((sod - h * 3600) / 60);
  const s = sod - h * 3600 - mi * 60;
  return dateText(days) + ' ' + pad2(h) + ':' + pad2(mi) + ':' + pad2(s);
}

/** ISO 8601 in UTC, `YYYY-MM-DDThh:mm:ssZ` (date_time_output_format = 'iso'). */
export function dateTimeIsoText(epochSeconds: number): string {
  return dateTimeText(epochSeconds, 'UTC').replace(' ', 'T') + 'Z';
}

const POW10: readonly bigint[] = Array.from({ length: 10 }, (_, i) => 10n ** BigInt(i));

/** Split DateTime64 ticks at `precision` into whole seconds and the fraction digits. */
export function splitTicks(ticks: bigint, precision: number): { seconds: number; fraction: string } {
  if (precision === 0) return { seconds: Number(ticks), fraction: '' };
  const scale = POW10[precision]!;
  let sec = ticks / scale;
  let frac = ticks % scale;
  if (frac < 0n) { frac += scale; sec -= 1n; }
  return { seconds: Number(sec), fraction: String(frac).padStart(precision, '0') };
}

/** `YYYY-MM-DD hh:mm:ss.fff` for DateTime64 ticks. */
export function dateTime64Text(ticks: bigint, precision: number, tz: string): string {
  const { seconds, fraction } = splitTicks(ticks, precision);
  return precision === 0 ? dateTimeText(seconds, tz) : dateTimeText(seconds, tz) + '.' + fraction;
}
