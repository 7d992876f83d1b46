/**
 * Date and time values as text: Date `YYYY-MM-DD`, DateTime `YYYY-MM-DD hh:mm:ss` in the column's
 * (or session's) time zone, DateTime64(p) with `.fff…` digits.
 */
import { civilFromDays, tzOffsetSeconds } from '../../../ingest/decoders/time-zone.ts';

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

function pad4(n: number): string {
  if (n >= 1000) return String(n);
  if (n >= 0) return ('000' + n).slice(-4);
  return '-' + ('000' + -n).slice(-4);
}

/** `YYYY-MM-DD` of a day number (days since 1970-01-01). */
export function dateText(days: number): string {
  const { y, m, d } = civilFromDays(days);
  return pad4(y) + '-' + pad2(m) + '-' + pad2(d);
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
