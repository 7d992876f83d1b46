/**
 * Eddy's data types and their physical representation.
 *
 * Every type maps to one physical layout (see {@link physicalOf}); kernels switch on the physical
 * layout, never on the SQL spelling. Nullable and LowCardinality are flags on the type, not wrappers,
 * so `Nullable(LowCardinality(String))` and `LowCardinality(Nullable(String))` are the same type.
 */
import { EddyError } from './errors.ts';

/** The base kinds of value Eddy stores. */
export type TypeKind =
  | 'Int8' | 'Int16' | 'Int32' | 'Int64'
  | 'UInt8' | 'UInt16' | 'UInt32' | 'UInt64'
  | 'Float32' | 'Float64'
  | 'Bool' | 'String'
  | 'Date' | 'DateTime' | 'DateTime64'
  | 'Nothing';

/** A column or expression type. Immutable; compare with {@link typeEquals}. */
export interface DataType {
  readonly kind: TypeKind;
  readonly nullable: boolean;
  readonly lowCardinality: boolean;
  /** DateTime64 only: digits after the second (3 = milliseconds). */
  readonly precision?: number;
  /** DateTime/DateTime64 only: IANA time zone name when given in the type. */
  readonly timezone?: string;
}

/**
 * Physical layout of a non-string type's values:
 * - Int8..UInt32, Float32/64: the matching typed array.
 * - Int64/UInt64: BigInt64Array / BigUint64Array (hot loops read them through Int32/Float64 views).
 * - Bool: Uint8Array of 0/1.
 * - Date: Int32Array, days since 1970-01-01.
 * - DateTime: Uint32Array, seconds since the epoch (UTC).
 * - DateTime64(p): BigInt64Array, ticks of 10^-p seconds since the epoch.
 * - Nothing (the type of a bare NULL): Uint8Array of zeros, always nullable.
 */
export type TypedArray =
  | Int8Array | Int16Array | Int32Array | BigInt64Array
  | Uint8Array | Uint16Array | Uint32Array | BigUint64Array
  | Float32Array | Float64Array;

/** Constructor of a typed array, as returned by {@link arrayTypeOf}. */
export type TypedArrayConstructor =
  | Int8ArrayConstructor | Int16ArrayConstructor | Int32ArrayConstructor | BigInt64ArrayConstructor
  | Uint8ArrayConstructor | Uint16ArrayConstructor | Uint32ArrayConstructor | BigUint64ArrayConstructor
  | Float32ArrayConstructor | Float64ArrayConstructor;

/** A single value outside of vectors: literals, constants, min/max stats, slow-path output. */
export type Scalar = number | bigint | string | boolean | null;

/** A named, typed column of a table or a result. */
export interface Field {
  readonly name: string;
  readonly type: DataType;
}

/** Make a type; flags default to false. */
export function makeType(kind: TypeKind, opts: Partial<Omit<DataType, 'kind'>> = {}): DataType {
  const t: DataType = {
    kind,
    nullable: opts.nullable ?? kind === 'Nothing',
    lowCardinality: opts.lowCardinality ?? false,
    ...(opts.precision !== undefined ? { precision: opts.precision } : {}),
    ...(opts.timezone !== undefined ? { timezone: opts.timezone } : {}),
  };
  return Object.freeze(t);
}

/** Shorthands for the common non-nullable types. */
export const T = {
  Int8: makeType('Int8'), Int16: makeType('Int16'), Int32: makeType('Int32'), Int64: makeType('Int64'),
  UInt8: makeType('UInt8'), UInt16: makeType('UInt16'), UInt32: makeType('UInt32'), UInt64: makeType('UInt64'),
  Float32: makeType('Float32'), Float64: makeType('Float64'),
  Bool: makeType('Bool'), String: makeType('String'),
  Date: makeType('Date'), DateTime: makeType('DateTime'), DateTime64: makeType('DateTime64', { precision: 3 }),
  Nothing: makeType('Nothing'),
} as const;

/** The same type with `nullable` set. */
export function withNullable(t: DataType, nullable = true): DataType {
  return t.nullable === nullable ? t : makeType(t.kind, { ...t, nullable });
}

/** True when both types are the same, flags included. */
export function typeEquals(a: DataType, b: DataType): boolean {
  return a.kind === b.kind && a.nullable === b.nullable && a.lowCardinality === b.lowCardinality &&
    (a.precision ?? 3) === (b.precision ?? 3) && a.timezone === b.timezone;
}

/** True for integer kinds (Bool excluded). */
export function isInteger(t: DataType): boolean {
  switch (t.kind) {
    case 'Int8': case 'Int16': case 'Int32': case 'Int64':
    case 'UInt8': case 'UInt16': case 'UInt32': case 'UInt64': return true;
    default: return false;
  }
}

/** True for integer and float kinds. */
export function isNumeric(t: DataType): boolean {
  return isInteger(t) || t.kind === 'Float32' || t.kind === 'Float64';
}

/** True for Int64, UInt64 and DateTime64, whose values live in 64-bit integer arrays. */
export function is64Bit(t: DataType): boolean {
  return t.kind === 'Int64' || t.kind === 'UInt64' || t.kind === 'DateTime64';
}

/** True for unsigned kinds. */
export function isUnsigned(t: DataType): boolean {
  return t.kind === 'UInt8' || t.kind === 'UInt16' || t.kind === 'UInt32' || t.kind === 'UInt64' ||
    t.kind === 'Bool' || t.kind === 'DateTime';
}

/** True for Date, DateTime and DateTime64. */
export function isTemporal(t: DataType): boolean {
  return t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
}

/** The typed-array constructor that holds values of a non-string type. */
export function arrayTypeOf(t: DataType): TypedArrayConstructor {
  switch (t.kind) {
    case 'Int8': return Int8Array;
    case 'Int16': return Int16Array;
    case 'Int32': case 'Date': return Int32Array;
    case 'Int64': case 'DateTime64': return BigInt64Array;
    case 'UInt8': case 'Bool': case 'Nothing': return Uint8Array;
    case 'UInt16': return Uint16Array;
    case 'UInt32': case 'DateTime': return Uint32Array;
    case 'UInt64': return BigUint64Array;
    case 'Float32': return Float32Array;
    case 'Float64': return Float64Array;
    case 'String': throw new EddyError('LOGICAL_ERROR', 'String has no typed-array layout');
  }
}

/** Bytes per value in fixed-width layout (strings: 0). */
export function byteWidth(t: DataType): number {
  return t.kind === 'String' ? 0 : arrayTypeOf(t).BYTES_PER_ELEMENT;
}

/** The ClickHouse spelling of a type, e.g. `Nullable(String)` or `LowCardinality(String)`. */
export function typeName(t: DataType): string {
  let base: string = t.kind;
  if (t.kind === 'DateTime64') base = `DateTime64(${t.precision ?? 3}${t.timezone ? `, '${t.timezone}'` : ''})`;
  else if (t.kind === 'DateTime' && t.timezone) base = `DateTime('${t.timezone}')`;
  if (t.nullable && t.kind !== 'Nothing') base = `Nullable(${base})`;
  else if (t.kind === 'Nothing') base = 'Nullable(Nothing)';
  if (t.lowCardinality) base = `LowCardinality(${base})`;
  return base;
}

const SQL_ALIASES: Record<string, TypeKind> = {
  TINYINT: 'Int8', INT1: 'Int8', BYTE: 'Int8',
  SMALLINT: 'Int16', INT2: 'Int16',
  INT: 'Int32', INTEGER: 'Int32', INT4: 'Int32', MEDIUMINT: 'Int32',
  BIGINT: 'Int64', INT8: 'Int64',
  FLOAT: 'Float32', REAL: 'Float32', FLOAT4: 'Float32',
  DOUBLE: 'Float64', FLOAT8: 'Float64',
  BOOLEAN: 'Bool', BOOL: 'Bool',
  TEXT: 'String', VARCHAR: 'String', CHAR: 'String', STRING: 'String', CLOB: 'String', BLOB: 'String',
  'CHARACTER VARYING': 'String', CHARACTER: 'String', NVARCHAR: 'String', NCHAR: 'String',
  DATE: 'Date', TIMESTAMP: 'DateTime', DATETIME: 'DateTime',
};

const KINDS = new Set<string>(['Int8', 'Int16', 'Int32', 'Int64', 'UInt8', 'UInt16', 'UInt32', 'UInt64',
  'Float32', 'Float64', 'Bool', 'String', 'Date', 'DateTime', 'DateTime64', 'Nothing']);

/**
 * Parse a type as written in DDL or CAST: ClickHouse names (`UInt32`, `Nullable(String)`,
 * `LowCardinality(String)`, `DateTime64(3)`) and the SQL aliases ClickBench's create.sql uses
 * (`BIGINT`, `VARCHAR(255)`, `TIMESTAMP`, ...). Unknown names throw UNKNOWN_TYPE.
 */
export function parseType(text: string): DataType {
  const s = text.trim();
  const m = /^([A-Za-z_][A-Za-z0-9_ ]*?)\s*(?:\((.*)\))?$/s.exec(s);
  if (!m) throw new EddyError('UNKNOWN_TYPE', `Unknown data type family: ${quoteToken(s)}`);
  const name = m[1]!;
  const inner = m[2];
  if (/^Nullable$/i.test(name) && inner !== undefined) return withNullable(parseType(inner));
  if (/^LowCardinality$/i.test(name) && inner !== undefined) {
    const t = parseType(inner);
    return makeType(t.kind, { ...t, lowCardinality: true });
  }
  if (/^DateTime64$/i.test(name)) {
    const args = inner === undefined ? [] : splitTypeArgs(inner);
    const precision = args[0] !== undefined ? Number(args[0]) : 3;
    if (!Number.isInteger(precision) || precision < 0 || precision > 9) {
      throw new EddyError('BAD_ARGUMENTS', `DateTime64 precision must be 0..9, got ${quoteToken(args[0] ?? '')}`);
    }
    const tz = args[1]?.replace(/^'(.*)'$/, '$1');
    return makeType('DateTime64', { precision, ...(tz ? { timezone: tz } : {}) });
  }
  if (/^DateTime$/i.test(name) && inner !== undefined) {
    const tz = inner.trim().replace(/^'(.*)'$/, '$1');
    return makeType('DateTime', tz ? { timezone: tz } : {});
  }
  if (KINDS.has(name)) return makeType(name as TypeKind);
  const alias = SQL_ALIASES[name.toUpperCase().replace(/\s+/g, ' ')];
  if (alias) return makeType(alias); // VARCHAR(255) and friends: the length is not enforced, as in ClickHouse
  const ci = [...KINDS].find((k) => k.toLowerCase() === name.toLowerCase());
  if (ci) return makeType(ci as TypeKind);
  throw new EddyError('UNKNOWN_TYPE', `Unknown data type family: ${quoteToken(name)}`);
}

function splitTypeArgs(s: string): string[] {
  return s.split(',').map((x) => x.trim()).filter((x) => x.length > 0);
}

/** Quote a user-supplied token for an error message so it cannot be mistaken for the error name. */
export function quoteToken(s: string): string {
  return `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}
