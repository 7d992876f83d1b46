/**
 * The least common type of several types (UNION ALL columns, IN lists, CASE branches), following
 * ClickHouse: integers widen to the smallest type holding both ranges, integer + float → Float64,
 * NULL (Nothing) makes the result Nullable. No supertype → TYPE_MISMATCH naming both types.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType, TypeKind } from '../../src/core/types.ts';
import { isInteger, isUnsigned, makeType, typeName, withNullable } from '../../src/core/types.ts';

const BITS: Partial<Record<TypeKind, number>> = {
  Int8: 8, Int16: 16, Int32: 32, Int64: 64, UInt8: 8, UInt16: 16, UInt32: 32, UInt64: 64, Bool: 8,
};

function intOf(signed: boolean, bits: number): TypeKind {
  if (bits > 64) return signed ? 'Int64' : 'UInt64';
  const b = bits <= 8 ? 8 : bits <= 16 ? 16 : bits <= 32 ? 32 : 64;
  return `${signed ? 'Int' : 'UInt'}${b}` as TypeKind;
}

function pair(a: DataType, b: DataType): DataType {
  const nullable = a.nullable || b.nullable;
  if (a.kind === 'Nothing') return withNullable(b);
  if (b.kind === 'Nothing') return withNullable(a);
  if (a.kind === b.kind) return makeType(a.kind, { ...a, nullable, lowCardinality: a.lowCardinality && b.lowCardinality });
  const ai = isInteger(a) || a.kind === 'Bool';
  const bi = isInteger(b) || b.kind === 'Bool';
  if (ai && bi) {
    const ua = isUnsigned(a); const ub = isUnsigned(b);
    const ba = BITS[a.kind]!; const bb = BITS[b.kind]!;
    if (ua === ub) return makeType(intOf(!ua, Math.max(ba, bb)), { nullable });
    const signedBits = ua ? bb : ba; const unsignedBits = ua ? ba : bb;
    return makeType(intOf(true, Math.max(signedBits, unsignedBits * 2)), { nullable });
  }
  const an = ai || a.kind === 'Float32' || a.kind === 'Float64';
  const bn = bi || b.kind === 'Float32' || b.kind === 'Float64';
  if (an && bn) return makeType('Float64', { nullable });
  const temporal = (t: DataType) => t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
  if (temporal(a) && temporal(b)) {
    const k = a.kind === 'DateTime64' || b.kind === 'DateTime64' ? 'DateTime64' : 'DateTime';
    return makeType(k, { nullable, ...(k === 'DateTime64' ? { precision: Math.max(a.precision ?? 0, b.precision ?? 0) } : {}) });
  }
  throw new EddyError('TYPE_MISMATCH', `There is no supertype for types ${typeName(a)}, ${typeName(b)} because some of them are String/Date and some of them are not`);
}

/** The least common type of `types` (at least one). */
export function superType(types: readonly DataType[]): DataType {
  let t = types[0]!;
  for (let i = 1; i < types.length; i++) t = pair(t, types[i]!);
  return t;
}
