/**
 * Batches: columns of equal length plus an optional selection of active rows.
 * Filters select, they don't copy: `sel` lists the active row indexes in ascending order.
 */
import type { Field } from './types.ts';
import type { Vector } from './vector.ts';

/** Columns of equal length; `sel` (ascending row indexes) marks the active rows when not null. */
export interface Batch {
  readonly schema: readonly Field[];
  readonly columns: readonly Vector[];
  /** Physical length of every column. */
  readonly length: number;
  readonly sel: Uint32Array | null;
}

/** Number of active rows. */
export function activeRows(b: Batch): number {
  return b.sel === null ? b.length : b.sel.length;
}

/** Make a batch with no selection. */
export function makeBatch(schema: readonly Field[], columns: readonly Vector[], length?: number): Batch {
  return { schema, columns, length: length ?? columns[0]?.length ?? 0, sel: null };
}
