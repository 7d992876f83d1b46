/** Test helpers: build columns from rows and read every row back from a table snapshot. */
import { vectorFromScalars } from '../../../src/core/builder.ts';
import type { Scalar } from '../../../src/core/types.ts';
import { scalarAt, type Vector } from '../../../src/core/vector.ts';
import type { ColumnDef } from '../../../storage/table/index.ts';
import type { TableStorage } from '../../../storage/table/index.ts';

/** Columns (schema order) holding `rows`. */
export function columnsOf(schema: readonly ColumnDef[], rows: readonly (readonly Scalar[])[]): Vector[] {
  return schema.map((f, c) => vectorFromScalars(f.type, rows.map((r) => r[c] ?? null)));
}

/** Every row of a fresh snapshot, as arrays of Scalars in schema order (or the given columns). */
export async function readAll(t: TableStorage, columns?: readonly string[]): Promise<Scalar[][]> {
  const snap = t.snapshot();
  try {
    const names = columns ?? snap.schema.map((f) => f.name);
    const { units } = snap.plan({ columns: names, batchRows: 1000 });
    const out: Scalar[][] = [];
    for (const u of units) {
      for await (const b of u.read()) {
        for (let i = 0; i < b.length; i++) out.push(b.columns.map((v) => scalarAt(v, i)));
      }
    }
    return out;
  } finally {
    snap.release();
  }
}

/** Sort rows by their JSON text (multiset comparison). */
export function canon(rows: readonly (readonly Scalar[])[]): string[] {
  return rows.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}n` : v))).sort();
}
