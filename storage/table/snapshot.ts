/**
 * A table snapshot: a fixed set of parts (each reference-counted) plus stable prefixes of in-memory
 * segments. plan() prunes parts and granules with the request's ranges and yields scan units that read
 * only the requested columns; a column a part or segment lacks (ADD COLUMN) reads as its default.
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError } from '../../src/core/errors.ts';
import type { ColumnRange, PartRangeDescriptor, ScanRequest, ScanStats, ScanUnit, TableSnapshot } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import { constVector, flatVector, stringVector, type Vector } from '../../src/core/vector.ts';
import type { PlainVector } from '../segment/column-builder.ts';
import type { PartReader } from '../part/reader.ts';
import type { SegmentSnapshot } from '../segment/segment.ts';
import { defaultOf, type ColumnDef } from './column-def.ts';
import type { PartHandle } from './part-handle.ts';
import { snapshotMinMax, type ColumnMinMax } from './snapshot-minmax.ts';
import { columnDefs, partUnitRows, segmentUnitRows } from './unit-rows.ts';

const DEFAULT_BATCH_ROWS = 65536;
/** A unit covers at most this many batches, so the engine can spread a big part over workers. */
const BATCHES_PER_UNIT = 8;

/** A consistent view of a table: parts + segment prefixes. */
export class StorageSnapshot implements TableSnapshot {
  readonly totalRows: number;
  private released = false;

  /** `parts` must already be acquired for this snapshot; release() drops those references. */
  constructor(readonly schema: readonly ColumnDef[], private readonly partHandles: readonly PartHandle[],
    private readonly segments: readonly SegmentSnapshot[]) {
    let n = 0;
    for (const p of partHandles) n += p.reader.meta.rowCount;
    for (const s of segments) n += s.rowCount;
    this.totalRows = n;
  }

  /** Units covering every row that may match the request's ranges, with pruning figures. */
  plan(request: ScanRequest): { units: ScanUnit[]; stats: ScanStats } {
    if (this.released) throw new EddyError('LOGICAL_ERROR', 'snapshot used after release()');
    const defs = request.columns.map((name) => {
      const d = this.schema.find((f) => f.name === name);
      if (d === undefined) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${name} in table`);
      return d;
    });
    const fields: Field[] = defs.map((d) => ({ name: d.name, type: d.type }));
    const batchRows = Math.max(1, request.batchRows ?? DEFAULT_BATCH_ROWS);
    const stats: ScanStats = { partsTotal: 0, partsSelected: 0, granulesTotal: 0, granulesSelected: 0, rowsTotal: 0, rowsSelected: 0 };
    const units: ScanUnit[] = [];
    for (const h of this.partHandles) {
      const r = h.reader;
      stats.partsTotal++;
      stats.granulesTotal += r.meta.granuleCount;
      stats.rowsTotal += r.meta.rowCount;
      const ranges = (request.ranges ?? []).filter((c) => r.hasColumn(c.column) && this.sameType(h, c));
      const selected = ranges.length > 0 ? r.selectGranules(ranges) : (r.meta.granuleCount > 0 ? [[0, r.meta.granuleCount] as [number, number]] : []);
      if (selected.length > 0) stats.partsSelected++;
      for (const [g0, g1] of selected) {
        stats.granulesSelected += g1 - g0;
        // cut the range into units of at most BATCHES_PER_UNIT batches, on granule boundaries
        let start = g0;
        while (start < g1) {
          let end = start;
          let rows = 0;
          while (end < g1 && (end === start || rows + r.granuleRowCount(end) <= batchRows * BATCHES_PER_UNIT)) {
            rows += r.granuleRowCount(end);
            end++;
          }
          stats.rowsSelected += rows;
          units.push(new PartUnit(h, defs, fields, start, end, rows, batchRows, this.schema));
          start = end;
        }
      }
    }
    for (const s of this.segments) {
      stats.rowsTotal += s.rowCount;
      stats.rowsSelected += s.rowCount;
      for (let from = 0; from < s.rowCount; from += batchRows * BATCHES_PER_UNIT) {
        units.push(new SegmentUnit(s, defs, fields, from, Math.min(s.rowCount, from + batchRows * BATCHES_PER_UNIT), batchRows, this.schema));
      }
    }
    return { units, stats };
  }

  /** Min/max of a column from part statistics and segment vectors (integer and date/time columns). */
  columnMinMax(column: string): ColumnMinMax | undefined {
    if (this.released) throw new EddyError('LOGICAL_ERROR', 'snapshot used after release()');
    const def = this.schema.find((f) => f.name === column);
    return def === undefined ? undefined : snapshotMinMax(def, this.partHandles, this.segments);
  }

  /** Drop this snapshot's part references (idempotent). */
  release(): void {
    if (this.released) return;
    this.released = true;
    for (const p of this.partHandles) p.release();
  }

  private sameType(h: PartHandle, c: ColumnRange): boolean {
    const inPart = h.reader.meta.schema.find((f) => f.name === c.column);
    const inTable = this.schema.find((f) => f.name === c.column);
    return inPart !== undefined && inTable !== undefined && inPart.type.kind === inTable.type.kind;
  }
}

function checkSignal(signal: AbortSignal | undefined): void {
  if (signal?.aborted) throw new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled');
}

/**
 * The unit a {@link PartRangeDescriptor} describes, over a reader of that part opened by the caller
 * (a worker thread opens the part itself with `PartReader.open(d.dir, cache)`).
 */
export function partUnitFromDescriptor(reader: PartReader, d: PartRangeDescriptor): ScanUnit {
  let rows = 0;
  for (let g = d.from; g < d.to; g++) rows += reader.granuleRowCount(g);
  const fields: Field[] = d.columns.map((c) => ({ name: c.name, type: c.type }));
  return new PartUnit({ reader, name: reader.meta.name }, d.columns, fields, d.from, d.to, rows, d.batchRows, d.columns);
}

/** Granules [g0, g1) of one part. */
class PartUnit implements ScanUnit {
  readonly descriptor: PartRangeDescriptor;

  constructor(private readonly h: Pick<PartHandle, 'reader' | 'name'>, private readonly defs: readonly ColumnDef[],
    private readonly fields: readonly Field[], private readonly g0: number, private readonly g1: number,
    readonly rows: number, private readonly batchRows: number, private readonly table: readonly ColumnDef[]) {
    this.descriptor = { kind: 'part', dir: h.reader.dir, from: g0, to: g1, columns: defs, batchRows };
  }

  readRows(rows: Uint32Array, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Batch> {
    return partUnitRows(this.h.reader, this.g0, this.rows, columnDefs(this.table, columns), rows, signal);
  }

  async *read(signal?: AbortSignal): AsyncIterable<Batch> {
    const r = this.h.reader;
    const stripe = r.stripeGranules; // batches stay inside cache stripes: their columns are views, not copies
    let g = this.g0;
    while (g < this.g1) {
      checkSignal(signal);
      const gFrom = g;
      let n = 0;
      while (g < this.g1 && (g === gFrom || (n + r.granuleRowCount(g) <= this.batchRows && g % stripe !== 0))) {
        n += r.granuleRowCount(g);
        g++;
      }
      const columns: Vector[] = [];
      for (const d of this.defs) {
        columns.push(r.hasColumn(d.name) ? await r.readColumn(d.name, gFrom, g) : constVector(d.type, defaultOf(d), n));
      }
      yield { schema: this.fields, columns, length: n, sel: null };
    }
  }

  describe(): string {
    return `part ${this.h.name} granules ${this.g0}..${this.g1 - 1}`;
  }
}

/** Rows [from, to) of a segment snapshot. */
class SegmentUnit implements ScanUnit {
  readonly rows: number;
  private readonly index: Int32Array;

  constructor(private readonly s: SegmentSnapshot, private readonly defs: readonly ColumnDef[],
    private readonly fields: readonly Field[], private readonly from: number, private readonly to: number,
    private readonly batchRows: number, private readonly table: readonly ColumnDef[]) {
    this.rows = to - from;
    this.index = new Int32Array(defs.map((d) => s.schema.findIndex((f) => f.name === d.name)));
  }

  readRows(rows: Uint32Array, columns: readonly string[]): AsyncIterable<Batch> {
    return segmentUnitRows(this.s, this.from, this.rows, columnDefs(this.table, columns), rows);
  }

  async *read(signal?: AbortSignal): AsyncIterable<Batch> {
    for (let a = this.from; a < this.to; a += this.batchRows) {
      checkSignal(signal);
      const b = Math.min(this.to, a + this.batchRows);
      const columns: Vector[] = this.defs.map((d, i) => {
        const ci = this.index[i]!;
        return ci < 0 ? constVector(d.type, defaultOf(d), b - a) : sliceRows(this.s.columns[ci]!, a, b);
      });
      yield { schema: this.fields, columns, length: b - a, sel: null };
    }
  }

  describe(): string {
    return `in-memory segment rows ${this.from}..${this.to - 1}`;
  }
}

/** Rows [a, b) of a flat/string vector, sharing memory. */
function sliceRows(v: PlainVector, a: number, b: number): PlainVector {
  const nulls = v.nulls === null ? null : v.nulls.subarray(a, b);
  if (v.kind === 'string') return stringVector(v.type, v.offsets.subarray(a, b + 1), v.bytes, nulls);
  return flatVector(v.type, v.values.subarray(a, b), nulls);
}
