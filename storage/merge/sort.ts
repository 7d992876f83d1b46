/**
 * Sorting by the sort key: compute a permutation (Uint32Array) over the key columns, then gather
 * every column. Ties keep input order, so sorting is stable and deterministic.
 */
import type { PlainVector } from '../segment/column-builder.ts';
import { compareRows, prepareKeys } from './compare.ts';
import { gather } from './gather.ts';

/** The permutation that sorts rows [0, rowCount) by `keys` (ascending, stable). */
export function sortPermutation(keys: readonly PlainVector[], rowCount: number): Uint32Array {
  const perm = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) perm[i] = i;
  if (keys.length === 0 || rowCount < 2) return perm;
  const k = prepareKeys(keys);
  let sorted = true;
  for (let i = 1; i < rowCount; i++) {
    if (compareRows(k, i - 1, k, i) > 0) { sorted = false; break; }
  }
  if (sorted) return perm;
  perm.sort((a, b) => compareRows(k, a, k, b) || a - b);
  return perm;
}

/** All `columns` reordered so rows ascend by the columns at `keyIndexes`. */
export function sortColumns(columns: readonly PlainVector[], keyIndexes: readonly number[], rowCount: number): PlainVector[] {
  const perm = sortPermutation(keyIndexes.map((i) => columns[i]!), rowCount);
  let identity = true;
  for (let i = 0; i < rowCount; i++) if (perm[i] !== i) { identity = false; break; }
  if (identity) return [...columns];
  return columns.map((c) => gather(c, perm));
}
