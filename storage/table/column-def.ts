/**
 * A table column as storage sees it: a field plus the value rows get where the column has no data
 * (parts written before ADD COLUMN, WAL records from before it).
 */
import type { Field, Scalar } from '../../src/core/types.ts';
import { zeroOf } from '../segment/column-builder.ts';

/** A column of a table with its optional default. */
export type ColumnDef = Field & { readonly default?: Scalar };

/** The value of `def` where it has no data: its default, else NULL when nullable, else the type's zero. */
export function defaultOf(def: ColumnDef): Scalar {
  if (def.default !== undefined) return def.default;
  return def.type.nullable ? null : zeroOf(def.type);
}
