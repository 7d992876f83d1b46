/** Turning a predicate vector into a selection vector, and selections into dense batches. */
import type { Vector } from '../../src/core/vector.ts';
import { flatten } from './vectors.ts';

/** Marker for "every row passes". */
export const ALL_ROWS: unique symbol = Symbol('all rows');

/** Indexes of rows 0..n whose predicate value is non-zero and not NULL; ALL_ROWS when every row passes. */
export function selectTrue(pred: Vector, n: number): Uint32Array | typeof ALL_ROWS {
  if (pred.kind === 'const') {
    const v = pred.value;
    return v !== null && v !== 0 && v !== false && v !== 0n ? ALL_ROWS : new Uint32Array(0);
  }
  const f = flatten(pred);
  if (f.kind === 'string') return new Uint32Array(0);
  const vals = f.values as Uint8Array;
  const nulls = f.nulls;
  const out = new Uint32Array(n);
  let k = 0;
  if (nulls === null) {
    for (let i = 0; i < n; i++) { out[k] = i; k += vals[i] ? 1 : 0; }
  } else {
    for (let i = 0; i < n; i++) { out[k] = i; k += vals[i] && !nulls[i] ? 1 : 0; }
  }
  if (k === n) return ALL_ROWS;
  return out.subarray(0, k);
}

/** Map a selection over compacted rows back to physical row indexes of `sel`. */
export function composeSelection(outer: Uint32Array, inner: Uint32Array): Uint32Array {
  const out = new Uint32Array(inner.length);
  for (let i = 0; i < inner.length; i++) out[i] = outer[inner[i]!]!;
  return out;
}
