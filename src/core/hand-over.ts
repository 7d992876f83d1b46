/**
 * Vectors moved to another thread: every array's buffer goes into the postMessage transfer list, so
 * it moves instead of being cloned. An array that is a view into a larger buffer is copied first (the
 * rest of that buffer may be in use, and cloning a view would clone its whole buffer).
 */
import type { FlatVector, StringVector, Vector } from './vector.ts';

/** `v` with every array owning its whole buffer, those buffers added to `transfer`. */
export function handOverVector<V extends Vector>(v: V, transfer: Set<ArrayBuffer>): V {
  switch (v.kind) {
    case 'const': return v;
    case 'dict': return { ...v, codes: own(v.codes, transfer), dict: handOverVector<FlatVector | StringVector>(v.dict, transfer), nulls: ownNulls(v.nulls, transfer) };
    case 'string': return { ...v, offsets: own(v.offsets, transfer), bytes: own(v.bytes, transfer), nulls: ownNulls(v.nulls, transfer) };
    default: return { ...v, values: own((v as FlatVector).values, transfer), nulls: ownNulls(v.nulls, transfer) };
  }
}

function ownNulls(a: Uint8Array | null, transfer: Set<ArrayBuffer>): Uint8Array | null {
  return a === null ? null : own(a, transfer);
}

function own<A extends { buffer: ArrayBufferLike; byteOffset: number; byteLength: number; slice(): A }>(a: A, transfer: Set<ArrayBuffer>): A {
  const whole = a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength && !transfer.has(a.buffer);
  const out = whole ? a : Buffer.isBuffer(a) ? new Uint8Array(a) as unknown as A : a.slice(); // Buffer#slice is a view
  transfer.add(out.buffer as ArrayBuffer);
  return out;
}
