/**
 * Batches crossing a thread boundary: the active rows are compacted and every buffer is copied into
 * a fresh, tight ArrayBuffer, which is then transferred (moved, not cloned) with postMessage. The copy
 * matters: a worker's vectors may be views of decoded blocks held by its column cache, and cloning a
 * view would clone its whole underlying buffer.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { compactBatch, takeVector } from '../physical/vectors.ts';

/** A batch's columns and length, ready for postMessage. */
export interface PackedBatch {
  readonly columns: readonly Vector[];
  readonly length: number;
}

/** Compact and copy `b`; its buffers are added to `transfer`. */
export function packBatch(b: Batch, transfer: ArrayBuffer[]): PackedBatch {
  const d = compactBatch(b);
  return { columns: d.columns.map((c) => packVector(c, transfer)), length: d.length };
}

/**
 * Rows `rows` of dense columns, packed: gathered straight into fresh buffers (one copy instead of
 * gather + copy); dictionaries are copied whole, once per call.
 */
export function packRows(columns: readonly Vector[], rows: Uint32Array, transfer: ArrayBuffer[]): PackedBatch {
  const out = columns.map((c) => {
    const t = takeVector(c, rows);
    switch (t.kind) {
      case 'const': return t;
      case 'dict': return { ...t, codes: own(t.codes, transfer), dict: packPlain(t.dict, transfer) };
      default:
        packed(t, transfer);
        return t;
    }
  });
  return { columns: out, length: rows.length };
}

/** Add the buffers of a fresh flat or string vector to `transfer`. */
function packed(v: FlatVector | StringVector, transfer: ArrayBuffer[]): void {
  if (v.nulls !== null) transfer.push(v.nulls.buffer as ArrayBuffer);
  if (v.kind === 'flat') transfer.push(v.values.buffer as ArrayBuffer);
  else transfer.push(v.offsets.buffer as ArrayBuffer, v.bytes.buffer as ArrayBuffer);
}

/** The batch a PackedBatch carried, with the receiver's schema. */
export function unpackBatch(p: PackedBatch, schema: readonly Field[]): Batch {
  return { schema, columns: p.columns, length: p.length, sel: null };
}

function own<A extends { slice(): A; buffer: ArrayBufferLike }>(a: A, transfer: ArrayBuffer[]): A {
  const copy = a.slice();
  transfer.push(copy.buffer as ArrayBuffer);
  return copy;
}

function packPlain(v: FlatVector | StringVector, transfer: ArrayBuffer[]): FlatVector | StringVector {
  const nulls = v.nulls === null ? null : own(v.nulls.subarray(0, v.length), transfer);
  if (v.kind === 'flat') return { ...v, values: own(v.values.subarray(0, v.length), transfer), nulls };
  const first = v.offsets[0]!;
  const offsets = new Int32Array(v.length + 1);
  for (let i = 0; i <= v.length; i++) offsets[i] = v.offsets[i]! - first;
  transfer.push(offsets.buffer);
  return { ...v, offsets, bytes: own(v.bytes.subarray(first, v.offsets[v.length]!), transfer), nulls };
}

function packVector(v: Vector, transfer: ArrayBuffer[]): Vector {
  switch (v.kind) {
    case 'const': return v;
    case 'flat': case 'string': return packPlain(v, transfer);
    case 'dict': return {
      ...v,
      codes: own(v.codes.subarray(0, v.length), transfer),
      dict: packPlain(v.dict, transfer),
      nulls: v.nulls === null ? null : own(v.nulls.subarray(0, v.length), transfer),
    };
  }
}
