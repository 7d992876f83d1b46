/**
 * ClickHouse's numeric result-type rules (NumberTraits): which type plus, minus, multiply, intDiv, modulo
 * and negate produce, and the common type two numbers are compared in. Types here are non-nullable;
 * callers add the Nullable flag.
 */
import type { DataType, TypeKind } from '../../src/core/types.ts';
import { T, isInteger, isUnsigned, makeType, withNullable } from '../../src/core/types.ts';
import { illegalType } from './errors.ts';

/** Byte size of a numeric kind (Bool counts as UInt8). */
export function numSize(k: TypeKind): number {
  switch (k) {
    case 'Int8': case 'UInt8': case 'Bool': return 1;
    case 'Int16': case 'UInt16': return 2;
    case 'Int32': case 'UInt32': case 'Float32': case 'Date': case 'DateTime': return 4;
    default: return 8;
  }
}

/** True for Float32/Float64. */
export function isFloat(t: DataType): boolean {
  return t.kind === 'Float32' || t.kind === 'Float64';
}

/** True for kinds arithmetic accepts: integers, floats and Bool. */
export function isArithmetic(t: DataType): boolean {
  return isInteger(t) || isFloat(t) || t.kind === 'Bool';
}

/** The numeric type with this signedness, floatness and byte size (sizes above 8 clamp to 8). */
export function constructNumeric(signed: boolean, float: boolean, size: number): DataType {
  if (float) return size <= 4 ? T.Float32 : T.Float64;
  if (size <= 1) return signed ? T.Int8 : T.UInt8;
  if (size <= 2) return signed ? T.Int16 : T.UInt16;
  if (size <= 4) return signed ? T.Int32 : T.UInt32;
  return signed ? T.Int64 : T.UInt64;
}

function signed(t: DataType): boolean {
  return !isUnsigned(t) && t.kind !== 'Bool';
}

/** Result of plus/multiply: UInt8+UInt8 → UInt16, Int32+Int64 → Int64, Float32+x → Float64. */
export function additionType(a: DataType, b: DataType): DataType {
  return constructNumeric(signed(a) || signed(b), isFloat(a) || isFloat(b),
    2 * Math.max(numSize(a.kind), numSize(b.kind)));
}

/** Result of minus: always signed, next size up (UInt8-UInt8 → Int16). */
export function subtractionType(a: DataType, b: DataType): DataType {
  return constructNumeric(true, isFloat(a) || isFloat(b), 2 * Math.max(numSize(a.kind), numSize(b.kind)));
}

/** Result of intDiv: integer of the left operand's size, signed when either is. */
export function intDivType(a: DataType, b: DataType): DataType {
  return constructNumeric(signed(a) || signed(b), false, numSize(a.kind));
}

/** Result of modulo: Float64 for floats, else sized by the right operand (next size when left is signed). */
export function moduloType(a: DataType, b: DataType): DataType {
  if (isFloat(a) || isFloat(b)) return T.Float64;
  const s = signed(a);
  return constructNumeric(s, false, s ? 2 * numSize(b.kind) : numSize(b.kind));
}

/** Result of negate: signed, next size up for unsigned input. */
export function negateType(a: DataType): DataType {
  if (isFloat(a)) return a.kind === 'Float32' ? T.Float32 : T.Float64;
  return constructNumeric(true, false, signed(a) ? numSize(a.kind) : 2 * numSize(a.kind));
}

/** The computation domain of a kernel: doubles, or exact 64-bit integers as lo/hi halves. */
export type Domain = 'f64' | 'i64';

/**
 * Domain for comparing/combining two numeric types: 'i64' when either side is a 64-bit integer and
 * neither is a float, so values above 2^53 stay exact; 'f64' otherwise.
 */
export function domainOf(a: DataType, b: DataType): Domain {
  const wide = (t: DataType): boolean => t.kind === 'Int64' || t.kind === 'UInt64' || t.kind === 'DateTime64';
  return (wide(a) || wide(b)) && !isFloat(a) && !isFloat(b) ? 'i64' : 'f64';
}

/**
 * Result type of a binary arithmetic operator, including ClickHouse's date arithmetic: Date/DateTime ±
 * integer keeps the temporal type, Date - Date and DateTime - DateTime give Int32. Throws
 * ILLEGAL_TYPE_OF_ARGUMENT naming `fn` and the offending type.
 */
export function arithmeticType(fn: string, op: 'plus' | 'minus' | 'multiply' | 'divide' | 'intDiv' | 'modulo',
  a: DataType, b: DataType): DataType {
  const temporal = (t: DataType): boolean => t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
  if (op === 'plus' || op === 'minus') {
    if (temporal(a) && isInteger(b)) return a;
    if (op === 'plus' && isInteger(a) && temporal(b)) return b;
    if (op === 'minus' && temporal(a) && a.kind === b.kind && a.kind !== 'DateTime64') return T.Int32;
  }
  if (!isArithmetic(a)) throw illegalType(fn, a, 0);
  if (!isArithmetic(b)) throw illegalType(fn, b, 1);
  switch (op) {
    case 'plus': case 'multiply': return additionType(a, b);
    case 'minus': return subtractionType(a, b);
    case 'divide': return T.Float64;
    case 'intDiv': return intDivType(a, b);
    case 'modulo': return moduloType(a, b);
  }
}

/**
 * ClickHouse's least supertype of two types (if/multiIf branches, coalesce, greatest): Nothing yields
 * to the other side (made Nullable), numbers widen (mixed signs to the next signed size, ints with
 * floats to Float64), Date with DateTime gives DateTime. Nullable if either is. Throws
 * ILLEGAL_TYPE_OF_ARGUMENT naming `fn` when there is none.
 */
export function leastSupertype(fn: string, a: DataType, b: DataType, index = 1): DataType {
  const nullable = a.nullable || b.nullable;
  const wrap = (t: DataType): DataType => (nullable ? withNullable(t) : t);
  if (a.kind === 'Nothing') return withNullable(b);
  if (b.kind === 'Nothing') return withNullable(a);
  if (a.kind === b.kind && (a.precision ?? 3) === (b.precision ?? 3) && a.timezone === b.timezone) {
    return wrap(makeType(a.kind, { ...(a.precision !== undefined ? { precision: a.precision } : {}),
      ...(a.timezone !== undefined ? { timezone: a.timezone } : {}) }));
  }
  if (isArithmetic(a) && isArithmetic(b)) {
    if (isFloat(a) || isFloat(b)) {
      const other = isFloat(a) ? b : a;
      const f32 = (a.kind === 'Float32' || isFloat(a) === false) && (b.kind === 'Float32' || isFloat(b) === false) &&
        (isFloat(other) || numSize(other.kind) <= 2);
      return wrap(f32 ? T.Float32 : T.Float64);
    }
    const sa = signed(a), sb = signed(b);
    if (sa === sb) return wrap(constructNumeric(sa, false, Math.max(numSize(a.kind), numSize(b.kind))));
    const s = sa ? a : b, u = sa ? b : a;
    return wrap(constructNumeric(true, false, Math.max(numSize(s.kind), 2 * numSize(u.kind))));
  }
  const temporal = (t: DataType): boolean => t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
  if (temporal(a) && temporal(b)) {
    const hi = a.kind === 'DateTime64' || b.kind === 'DateTime64' ? 'DateTime64' : 'DateTime';
    const tz = a.timezone ?? b.timezone;
    return wrap(makeType(hi, { ...(hi === 'DateTime64' ? { precision: Math.max(a.precision ?? 0, b.precision ?? 0) } : {}),
      ...(tz !== undefined ? { timezone: tz } : {}) }));
  }
  throw illegalType(fn, b, index, `a type compatible with ${a.kind}`);
}
