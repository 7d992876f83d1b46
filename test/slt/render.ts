/**
 * Values as .slt expected output spells them (test/sql/README.md): ClickHouse's text forms, NULL as
 * `NULL`, the empty string as `(empty)`, newline / tab / backslash in strings escaped as `\n`, `\t`, `\\`.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import { isInteger } from '../../src/core/types.ts';

const MS_PER_DAY = 86_400_000;

function pad(n: number, width = 2): string {
  return String(n).padStart(width, '0');
}

function utcDate(d: Date): string {
  return `${pad(d.getUTCFullYear(), 4)}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

function utcDateTime(d: Date): string {
  return `${utcDate(d)} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}`;
}

/** A Date/DateTime instant as text, in `timezone` when the type names one, else UTC. */
function zonedDateTime(epochMs: number, timezone: string | undefined): string {
  if (timezone === undefined) return utcDateTime(new Date(epochMs));
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone: timezone, hourCycle: 'h23', year: 'numeric', month: '2-digit', day: '2-digit',
    hour: '2-digit', minute: '2-digit', second: '2-digit',
  }).formatToParts(new Date(epochMs));
  const get = (t: string): string => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')} ${get('hour')}:${get('minute')}:${get('second')}`;
}

/** Shortest text that reads back as the same Float32 (ClickHouse prints Float32 that way). */
function float32Text(v: number): string {
  if (!Number.isFinite(v) || v === 0) return float64Text(v);
  for (let p = 1; p <= 9; p++) {
    const s = Number(v.toPrecision(p));
    if (Math.fround(s) === v) return float64Text(s);
  }
  return float64Text(v);
}

/** Shortest round-trip text of a double, ClickHouse's way: `inf`, `-inf`, `nan`, `-0`, `1e21`. */
export function float64Text(v: number): string {
  if (Number.isNaN(v)) return 'nan';
  if (v === Infinity) return 'inf';
  if (v === -Infinity) return '-inf';
  if (Object.is(v, -0)) return '-0';
  return String(v).replace('e+', 'e');
}

function escapeString(s: string): string {
  if (s === '') return '(empty)';
  return s.replace(/[\\\n\t]/g, (c) => (c === '\\' ? '\\\\' : c === '\n' ? '\\n' : '\\t'));
}

/** Render one value of a result column of type `type`. */
export function renderValue(v: Scalar, type: DataType): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return escapeString(v);
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  switch (type.kind) {
    case 'Float32': return float32Text(Number(v));
    case 'Float64': return float64Text(Number(v));
    case 'Bool': return Number(v) !== 0 ? 'true' : 'false';
    case 'Date': return utcDate(new Date(Number(v) * MS_PER_DAY));
    case 'DateTime': return zonedDateTime(Number(v) * 1000, type.timezone);
    case 'DateTime64': {
      const p = type.precision ?? 3;
      const ticks = BigInt(v);
      const scale = 10n ** BigInt(p);
      let secs = ticks / scale;
      let frac = ticks % scale;
      if (frac < 0n) { frac += scale; secs -= 1n; }
      const whole = zonedDateTime(Number(secs) * 1000, type.timezone);
      return p === 0 ? whole : `${whole}.${frac.toString().padStart(p, '0')}`;
    }
    default: return String(v);
  }
}

/** True when a column of `type` may stand under the .slt type letter `letter`. */
export function typeMatches(letter: string, type: DataType): boolean {
  switch (letter) {
    case 'I': return isInteger(type) || type.kind === 'Nothing';
    case 'R': return type.kind === 'Float32' || type.kind === 'Float64' || type.kind === 'Nothing';
    case 'T': return type.kind === 'String' || type.kind === 'Nothing';
    case 'B': return type.kind === 'Bool' || type.kind === 'Nothing';
    case 'D': return type.kind === 'Date' || type.kind === 'DateTime' || type.kind === 'DateTime64' || type.kind === 'Nothing';
    default: return true;
  }
}

/** The .slt letter that describes `type` (for messages and for rewriting expected output). */
export function letterOf(type: DataType): string {
  for (const l of ['I', 'R', 'T', 'B', 'D']) if (type.kind !== 'Nothing' && typeMatches(l, type)) return l;
  return '?';
}
