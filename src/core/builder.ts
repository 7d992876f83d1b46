/**
 * Build a Vector by appending Scalars one at a time. For small, cold paths only (system tables,
 * DDL results, defaults, tests); decoders and kernels write typed arrays directly.
 */
import type { DataType, Scalar } from './types.ts';
import { arrayTypeOf } from './types.ts';
import { flatVector, stringVector, utf8, type Vector } from './vector.ts';
import type { Batch } from './batch.ts';
import type { Field } from './types.ts';
import { makeBatch } from './batch.ts';

/** Collect Scalars of one type into a Vector. */
export class ScalarVectorBuilder {
  private readonly values: Scalar[] = [];

  constructor(readonly type: DataType) {}

  /** Append one value (null for NULL). */
  append(v: Scalar): void {
    this.values.push(v);
  }

  /** The finished vector. */
  finish(): Vector {
    return vectorFromScalars(this.type, this.values);
  }
}

/** A vector of `type` holding `values` (bigint or number for 64-bit ints; strings for String). */
export function vectorFromScalars(type: DataType, values: readonly Scalar[]): Vector {
  const n = values.length;
  let nulls: Uint8Array | null = null;
  for (let i = 0; i < n; i++) {
    if (values[i] === null || values[i] === undefined) (nulls ??= new Uint8Array(n))[i] = 1;
  }
  if (type.kind === 'String') {
    const parts = values.map((v) => (v === null || v === undefined ? new Uint8Array(0) : utf8(String(v))));
    const offsets = new Int32Array(n + 1);
    let total = 0;
    for (let i = 0; i < n; i++) {
      total += parts[i]!.length;
      offsets[i + 1] = total;
    }
    const bytes = new Uint8Array(total);
    for (let i = 0; i < n; i++) bytes.set(parts[i]!, offsets[i]!);
    return stringVector(type, offsets, bytes, nulls);
  }
  const Ctor = arrayTypeOf(type);
  const arr = new Ctor(n);
  const big = arr instanceof BigInt64Array || arr instanceof BigUint64Array;
  for (let i = 0; i < n; i++) {
    const v = values[i];
    if (v === null || v === undefined) continue;
    const num = typeof v === 'boolean' ? (v ? 1 : 0) : v;
    if (big) (arr as BigInt64Array)[i] = BigInt.asIntN(64, typeof num === 'bigint' ? num : BigInt(Math.trunc(Number(num))));
    else (arr as Float64Array)[i] = Number(num);
  }
  return flatVector(type, arr, nulls);
}

/** A batch from row-major Scalars (cold paths: SHOW, DESCRIBE, system tables). */
export function batchFromRows(schema: readonly Field[], rows: readonly (readonly Scalar[])[]): Batch {
  const columns = schema.map((f, c) => vectorFromScalars(f.type, rows.map((r) => r[c] ?? null)));
  return makeBatch(schema, columns, rows.length);
}
