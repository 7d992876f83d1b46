/**
 * Point reads for late materialisation: given row indexes within a scan unit, the values of some
 * columns at those rows. A part unit reads only the granules holding the rows (one granule per batch,
 * the wanted rows as its selection); a segment unit hands out views of its columns. A column the part
 * or segment lacks (ADD COLUMN) reads as its default, exactly as a full scan of the unit would.
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError } from '../../src/core/errors.ts';
import type { Field } from '../../src/core/types.ts';
import { constVector, type Vector } from '../../src/core/vector.ts';
import type { PartReader } from '../part/reader.ts';
import type { SegmentSnapshot } from '../segment/segment.ts';
import { defaultOf, type ColumnDef } from './column-def.ts';

/** The definitions of `names` in `table`; unknown names are an error. */
export function columnDefs(table: readonly ColumnDef[], names: readonly string[]): ColumnDef[] {
  return names.map((name) => {
    const d = table.find((f) => f.name === name);
    if (d === undefined) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${name} in table`);
    return d;
  });
}

function checkRows(rows: Uint32Array, unitRows: number): void {
  for (let i = 0; i < rows.length; i++) {
    if (rows[i]! >= unitRows || (i > 0 && rows[i]! <= rows[i - 1]!)) {
      throw new EddyError('LOGICAL_ERROR', `row indexes must be ascending and below ${unitRows}`);
    }
  }
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled');
}

/**
 * Rows `rows` (ascending, relative to the unit's first row) of a part unit that starts at granule `g0`
 * and holds `unitRows` rows: one batch per granule that holds any of them.
 */
export async function* partUnitRows(reader: PartReader, g0: number, unitRows: number, defs: readonly ColumnDef[],
  rows: Uint32Array, signal?: AbortSignal): AsyncIterable<Batch> {
  checkRows(rows, unitRows);
  const fields: Field[] = defs.map((d) => ({ name: d.name, type: d.type }));
  const per = reader.meta.granularity;
  let i = 0;
  while (i < rows.length) {
    checkSignal(signal);
    const local = Math.floor(rows[i]! / per);
    const base = local * per;
    let j = i;
    while (j < rows.length && rows[j]! < base + per) j++;
    const sel = new Uint32Array(j - i);
    for (let k = i; k < j; k++) sel[k - i] = rows[k]! - base;
    const g = g0 + local;
    const n = reader.granuleRowCount(g);
    const columns: Vector[] = await Promise.all(defs.map((d) =>
      reader.hasColumn(d.name) ? reader.readColumn(d.name, g, g + 1) : constVector(d.type, defaultOf(d), n)));
    yield { schema: fields, columns, length: n, sel };
    i = j;
  }
}

/** Rows `rows` (ascending, relative to row `from` of the segment) of a segment unit of `unitRows` rows. */
export async function* segmentUnitRows(s: SegmentSnapshot, from: number, unitRows: number, defs: readonly ColumnDef[],
  rows: Uint32Array): AsyncIterable<Batch> {
  checkRows(rows, unitRows);
  if (rows.length === 0) return;
  const fields: Field[] = defs.map((d) => ({ name: d.name, type: d.type }));
  const columns: Vector[] = defs.map((d) => {
    const ci = s.schema.findIndex((f) => f.name === d.name);
    return ci < 0 ? constVector(d.type, defaultOf(d), s.rowCount) : s.columns[ci]!;
  });
  const sel = new Uint32Array(rows.length);
  for (let i = 0; i < rows.length; i++) sel[i] = from + rows[i]!;
  yield { schema: fields, columns, length: s.rowCount, sel };
}
