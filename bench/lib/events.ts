/**
 * The 10-column event table of the ingest benchmark: its DDL for Eddy and for DuckDB, and
 * deterministic rows (row i is the same in every run and every format) held column by column.
 */

/** Columns: name, Eddy type, DuckDB type. */
const COLUMNS = [
  ['ts', 'DateTime', 'TIMESTAMP'],
  ['user_id', 'UInt64', 'UBIGINT'],
  ['event', 'LowCardinality(String)', 'VARCHAR'],
  ['url', 'String', 'VARCHAR'],
  ['country', 'LowCardinality(String)', 'VARCHAR'],
  ['duration_ms', 'UInt32', 'UINTEGER'],
  ['value', 'Float64', 'DOUBLE'],
  ['session_id', 'UInt64', 'UBIGINT'],
  ['is_mobile', 'UInt8', 'UTINYINT'],
  ['referrer', 'String', 'VARCHAR'],
] as const;

/** `CREATE TABLE <name>` for Eddy: a MergeTree sorted by (event, ts). */
export function eddyEventsDdl(name: string): string {
  return `CREATE TABLE ${name} (${COLUMNS.map(([c, t]) => `${c} ${t}`).join(', ')}) ENGINE = MergeTree ORDER BY (event, ts)`;
}

/** `CREATE TABLE <name>` for DuckDB with the same columns. */
export function duckEventsDdl(name: string): string {
  return `CREATE TABLE ${name} (${COLUMNS.map(([c, , t]) => `${c} ${t}`).join(', ')})`;
}

/** Rows of the event table, column by column. */
export interface EventRows {
  readonly count: number;
  /** Seconds since the epoch. */
  readonly ts: Uint32Array;
  readonly userId: BigUint64Array;
  readonly event: readonly string[];
  readonly url: readonly string[];
  readonly country: readonly string[];
  readonly durationMs: Uint32Array;
  readonly value: Float64Array;
  readonly sessionId: BigUint64Array;
  readonly isMobile: Uint8Array;
  readonly referrer: readonly string[];
}

const EVENTS = ['page_view', 'click', 'scroll', 'add_to_cart', 'remove_from_cart', 'checkout', 'purchase', 'search'];
const COUNTRIES = ['US', 'DE', 'FR', 'GB', 'JP', 'BR', 'IN', 'CN', 'RU', 'NL', 'SE', 'ES', 'IT', 'CA', 'AU', 'MX'];
const REFERRERS = ['', '', '', 'https://www.google.com/', 'https://news.ycombinator.com/', 'https://t.co/x1', 'https://www.bing.com/search'];
const START = 1_700_000_000;

/** Session ids of generated rows are below this; benchmarks use ids above it as markers. */
export const MARKER_SESSION_BASE = 1n << 40n;

/** A small deterministic hash of a row number (32 bits). */
function mix(i: number, salt: number): number {
  let h = Math.imul(i ^ salt, 0x9e3779b1);
  h ^= h >>> 15;
  h = Math.imul(h, 0x85ebca77);
  return (h ^ (h >>> 13)) >>> 0;
}

/** Rows [start, start + count) of the data set. */
export function generateEvents(start: number, count: number): EventRows {
  const ts = new Uint32Array(count);
  const userId = new BigUint64Array(count);
  const event = new Array<string>(count);
  const url = new Array<string>(count);
  const country = new Array<string>(count);
  const durationMs = new Uint32Array(count);
  const value = new Float64Array(count);
  const sessionId = new BigUint64Array(count);
  const isMobile = new Uint8Array(count);
  const referrer = new Array<string>(count);
  for (let k = 0; k < count; k++) {
    const i = start + k;
    const h = mix(i, 0x1234567);
    const user = mix(i >>> 3, 0xabcdef) % 200_000;
    ts[k] = START + Math.floor(i / 20);
    userId[k] = BigInt(user) * 1_000_003n + 17n;
    event[k] = EVENTS[h & 7]!;
    url[k] = `https://shop.example.com/${['p', 'c', 'search'][h % 3]}/${(h >>> 4) % 50_000}?utm=${(h >>> 20) & 15}`;
    country[k] = COUNTRIES[user & 15]!;
    durationMs[k] = (h >>> 8) % 60_000;
    value[k] = ((h >>> 12) % 100_000) / 100;
    sessionId[k] = BigInt(Math.floor(i / 50));
    isMobile[k] = (user >>> 4) & 1;
    referrer[k] = REFERRERS[(h >>> 24) % REFERRERS.length]!;
  }
  return { count, ts, userId, event, url, country, durationMs, value, sessionId, isMobile, referrer };
}
