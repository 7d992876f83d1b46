/**
 * Typing literals and converting constants between representations: integer literals get the
 * smallest fitting ClickHouse type, strings compared with dates become day numbers, `{name:Type}`
 * parameters are parsed from their raw text.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType, Scalar } from '../../src/core/types.ts';
import { T, is64Bit, isInteger, makeType, quoteToken, typeName } from '../../src/core/types.ts';

const RANGES: readonly [DataType, bigint, bigint][] = [
  [T.UInt8, 0n, 255n], [T.UInt16, 0n, 65535n], [T.UInt32, 0n, 4294967295n], [T.UInt64, 0n, 18446744073709551615n],
  [T.Int8, -128n, 127n], [T.Int16, -32768n, 32767n], [T.Int32, -2147483648n, 2147483647n],
  [T.Int64, -9223372036854775808n, 9223372036854775807n],
];

/** The type and normalized value of a literal (64-bit integers become bigint). */
export function typeLiteral(value: Scalar, isFloat: boolean): { type: DataType; value: Scalar } {
  if (value === null) return { type: T.Nothing, value: null };
  if (typeof value === 'string') return { type: T.String, value };
  if (typeof value === 'boolean') return { type: T.Bool, value };
  if (typeof value === 'number' && (isFloat || !Number.isInteger(value))) return { type: T.Float64, value };
  const big = BigInt(value);
  for (const [type, lo, hi] of RANGES) {
    if (big >= lo && big <= hi) return { type, value: is64Bit(type) ? big : Number(big) };
  }
  if (big > 0n) return { type: T.UInt64, value: BigInt.asUintN(64, big) };
  return { type: T.Int64, value: BigInt.asIntN(64, big) };
}

/** Days since the epoch of 'YYYY-MM-DD' (also accepts a trailing time), or undefined. */
export function parseDate(s: string): number | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T].*)?$/.exec(s);
  if (!m) return undefined;
  return Math.floor(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3])) / 86400000);
}

/** Ticks of 10^-precision seconds since the epoch of 'YYYY-MM-DD[ hh:mm:ss[.fff]]' (UTC), or undefined. */
export function parseDateTimeTicks(s: string, precision: number): bigint | undefined {
  const m = /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T](\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?)?\s*(Z)?$/.exec(s);
  if (!m) {
    if (/^\s*\d+\s*$/.test(s)) return BigInt(s.trim()) * 10n ** BigInt(precision);
    return undefined;
  }
  const secs = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0)) / 1000;
  const frac = (m[7] ?? '').padEnd(precision, '0').slice(0, precision);
  return BigInt(secs) * 10n ** BigInt(precision) + BigInt(frac === '' ? 0 : Number(frac));
}

/**
 * Convert a constant to `to`'s representation, or return undefined when it cannot be represented
 * (e.g. -1 as UInt8, 'abc' as Date). Strings parse as numbers, dates and date-times.
 */
export function convertConstant(value: Scalar, to: DataType): Scalar | undefined {
  if (value === null) return to.nullable || to.kind === 'Nothing' ? null : undefined;
  switch (to.kind) {
    case 'String': return typeof value === 'string' ? value : typeof value === 'boolean' ? (value ? 'true' : 'false') : String(value);
    case 'Bool':
      if (typeof value === 'boolean') return value;
      if (typeof value === 'string') return /^(true|1)$/i.test(value) ? true : /^(false|0)$/i.test(value) ? false : undefined;
      return Number(value) !== 0;
    case 'Date':
      if (typeof value === 'string') return parseDate(value);
      return typeof value === 'boolean' ? undefined : Number(value);
    case 'DateTime': {
      if (typeof value === 'string') {
        const t = parseDateTimeTicks(value, 0);
        return t === undefined ? undefined : Number(t);
      }
      return typeof value === 'boolean' ? undefined : Number(value);
    }
    case 'DateTime64': {
      if (typeof value === 'string') return parseDateTimeTicks(value, to.precision ?? 3);
      return typeof value === 'boolean' ? undefined : BigInt(Math.trunc(Number(value)));
    }
    case 'Float32': case 'Float64': {
      const x = typeof value === 'string' ? Number(value.trim()) : Number(value);
      return typeof value === 'string' && (value.trim() === '' || Number.isNaN(x)) && !/^\s*nan\s*$/i.test(value) ? undefined : x;
    }
    case 'Nothing': return undefined;
    default: {
      if (!isInteger(to)) return undefined;
      let big: bigint;
      if (typeof value === 'boolean') big = value ? 1n : 0n;
      else if (typeof value === 'bigint') big = value;
      else if (typeof value === 'number') { if (!Number.isInteger(value)) return undefined; big = BigInt(value); }
      else { const s = value.trim(); if (!/^[-+]?\d+$/.test(s)) return undefined; big = BigInt(s); }
      const r = RANGES.find(([t]) => t.kind === to.kind)!;
      if (big < r[1] || big > r[2]) return undefined;
      return is64Bit(to) ? big : Number(big);
    }
  }
}

/** Parse a `{name:Type}` parameter's raw text into a typed constant. */
export function parseParam(name: string, typeText: string, raw: string | undefined, parse: (t: string) => DataType): { type: DataType; value: Scalar } {
  if (raw === undefined) {
    throw new EddyError('UNKNOWN_QUERY', `Substitution ${quoteToken(name)} is not set`);
  }
  const type = parse(typeText);
  if (type.nullable && (raw === '\\N' || raw === 'NULL')) return { type, value: null };
  const v = convertConstant(raw, type);
  if (v === undefined) {
    throw new EddyError('CANNOT_PARSE_TEXT', `Cannot parse value ${quoteToken(raw)} of parameter ${quoteToken(name)} as ${typeName(type)}`);
  }
  return { type: type.lowCardinality ? makeType(type.kind, { ...type, lowCardinality: false }) : type, value: v };
}
