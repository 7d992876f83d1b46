/**
 * Vectors: the column of one batch, in one of four encodings (DuckDB's flat / constant / dictionary,
 * plus flat strings as UTF-8 bytes + offsets, which is Arrow's layout).
 *
 * `nulls` is one byte per row, 1 = NULL, or null when the vector has no NULLs. Kernels take the fast
 * path when it is null. Values under a NULL are unspecified (zero for numbers, empty for strings).
 */
import type { DataType, Scalar, TypedArray } from './types.ts';

/** Fixed-width values in a typed array. */
export interface FlatVector {
  readonly kind: 'flat';
  readonly type: DataType;
  readonly length: number;
  readonly values: TypedArray;
  readonly nulls: Uint8Array | null;
}

/** Strings: row i is bytes[offsets[i] .. offsets[i+1]) in UTF-8. */
export interface StringVector {
  readonly kind: 'string';
  readonly type: DataType;
  readonly length: number;
  readonly offsets: Int32Array;
  readonly bytes: Uint8Array;
  readonly nulls: Uint8Array | null;
}

/** Dictionary encoding: row i is dict[codes[i]]. NULL rows are marked in `nulls`. */
export interface DictVector {
  readonly kind: 'dict';
  readonly type: DataType;
  readonly length: number;
  readonly codes: Uint8Array | Uint16Array | Uint32Array;
  readonly dict: FlatVector | StringVector;
  readonly nulls: Uint8Array | null;
}

/** One value repeated `length` times. */
export interface ConstVector {
  readonly kind: 'const';
  readonly type: DataType;
  readonly length: number;
  readonly value: Scalar;
}

/** A column of one batch. */
export type Vector = FlatVector | StringVector | DictVector | ConstVector;

/** Make a flat vector. */
export function flatVector(type: DataType, values: TypedArray, nulls: Uint8Array | null = null): FlatVector {
  return { kind: 'flat', type, length: values.length, values, nulls };
}

/** Make a string vector from offsets (length n+1) and UTF-8 bytes. */
export function stringVector(type: DataType, offsets: Int32Array, bytes: Uint8Array, nulls: Uint8Array | null = null): StringVector {
  return { kind: 'string', type, length: offsets.length - 1, offsets, bytes, nulls };
}

/** Make a dictionary vector. */
export function dictVector(type: DataType, codes: Uint8Array | Uint16Array | Uint32Array,
  dict: FlatVector | StringVector, nulls: Uint8Array | null = null): DictVector {
  return { kind: 'dict', type, length: codes.length, codes, dict, nulls };
}

/** Make a constant vector. */
export function constVector(type: DataType, value: Scalar, length: number): ConstVector {
  return { kind: 'const', type, length, value };
}

const decoder = new TextDecoder();
const encoder = new TextEncoder();

/** UTF-8 encode a JS string (slow path: literals, decoders' edges, tests). */
export function utf8(s: string): Uint8Array {
  return encoder.encode(s);
}

/** UTF-8 decode bytes (slow path: output formats, tests). */
export function fromUtf8(b: Uint8Array, start = 0, end = b.length): string {
  return decoder.decode(b.subarray(start, end));
}

/** True when row i is NULL. */
export function isNullAt(v: Vector, i: number): boolean {
  if (v.kind === 'const') return v.value === null;
  return v.nulls !== null && v.nulls[i] === 1;
}

/**
 * The value of row i as a Scalar: Int64/UInt64/DateTime64 as bigint, Bool as boolean, Date as days,
 * DateTime as seconds, strings decoded. Slow path for output formats and tests only, never in kernels.
 */
export function scalarAt(v: Vector, i: number): Scalar {
  switch (v.kind) {
    case 'const': return v.value;
    case 'flat': {
      if (v.nulls !== null && v.nulls[i] === 1) return null;
      const x = v.values[i]!;
      return v.type.kind === 'Bool' ? x === 1 : x;
    }
    case 'string':
      if (v.nulls !== null && v.nulls[i] === 1) return null;
      return fromUtf8(v.bytes, v.offsets[i]!, v.offsets[i + 1]!);
    case 'dict':
      if (v.nulls !== null && v.nulls[i] === 1) return null;
      return scalarAt(v.dict, v.codes[i]!);
  }
}

/** All rows as Scalars (tests and small results). */
export function toScalars(v: Vector): Scalar[] {
  const out: Scalar[] = new Array(v.length);
  for (let i = 0; i < v.length; i++) out[i] = scalarAt(v, i);
  return out;
}
