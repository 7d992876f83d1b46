/**
 * MemoryTable: a TableSource over batches held in memory (tests, system tables, table functions,
 * materialized subquery results). Each batch is one ScanUnit; `plan()` prunes batches whose min/max
 * cannot satisfy the requested ranges.
 */
import type { Batch } from './batch.ts';
import { makeBatch } from './batch.ts';
import type { ColumnRange, ScanRequest, ScanStats, ScanUnit, TableSnapshot, TableSource } from './scan.ts';
import type { Field, Scalar } from './types.ts';
import { EddyError } from './errors.ts';
import type { Vector } from './vector.ts';
import { scalarAt } from './vector.ts';

/** Min, max and null presence of one column of one batch (for pruning). */
interface ColumnStats { min: Scalar; max: Scalar; hasNull: boolean; hasValue: boolean }

/** Options for {@link MemoryTable}. */
export interface MemoryTableOptions {
  readonly database?: string;
  readonly sortKey?: readonly string[];
}

/** An in-memory table made of batches that all follow `schema`. */
export class MemoryTable implements TableSource {
  readonly database: string;
  readonly sortKey: readonly string[];
  private readonly stats: ColumnStats[][];

  constructor(readonly name: string, readonly schema: readonly Field[], readonly batches: readonly Batch[],
    opts: MemoryTableOptions = {}) {
    this.database = opts.database ?? 'default';
    this.sortKey = opts.sortKey ?? [];
    for (const b of batches) {
      if (b.columns.length !== schema.length) {
        throw new EddyError('LOGICAL_ERROR', `MemoryTable ${name}: batch has ${b.columns.length} columns, schema ${schema.length}`);
      }
    }
    this.stats = batches.map((b) => b.columns.map((c) => columnStats(c, b)));
  }

  /** A consistent view; batches are immutable so every snapshot sees the same rows. */
  snapshot(): TableSnapshot {
    const totalRows = this.batches.reduce((s, b) => s + activeCount(b), 0);
    return {
      schema: this.schema,
      totalRows,
      plan: (req) => this.plan(req),
      release: () => {},
    };
  }

  private plan(req: ScanRequest): { units: ScanUnit[]; stats: ScanStats } {
    const idx = req.columns.map((c) => {
      const i = this.schema.findIndex((f) => f.name === c);
      if (i < 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${c} in table ${this.name}`);
      return i;
    });
    const fields = idx.map((i) => this.schema[i]!);
    const units: ScanUnit[] = [];
    let rowsTotal = 0;
    let rowsSelected = 0;
    this.batches.forEach((b, bi) => {
      const rows = activeCount(b);
      rowsTotal += rows;
      if (rows === 0 || !this.mayMatch(bi, req.ranges ?? [])) return;
      rowsSelected += rows;
      units.push({
        rows,
        describe: () => `memory ${this.name} batch ${bi}`,
        read: async function* () {
          yield { ...makeBatch(fields, idx.map((i) => b.columns[i]!), b.length), sel: b.sel };
        },
      });
    });
    return {
      units,
      stats: { partsTotal: this.batches.length, partsSelected: units.length, granulesTotal: this.batches.length,
        granulesSelected: units.length, rowsTotal, rowsSelected },
    };
  }

  private mayMatch(batchIndex: number, ranges: readonly ColumnRange[]): boolean {
    const stats = this.stats[batchIndex]!;
    for (const r of ranges) {
      const ci = this.schema.findIndex((f) => f.name === r.column);
      const s = stats[ci];
      if (s === undefined) continue;
      if (!rangeMayMatch(r, s)) return false;
    }
    return true;
  }
}

function activeCount(b: Batch): number {
  return b.sel === null ? b.length : b.sel.length;
}

function columnStats(v: Vector, b: Batch): ColumnStats {
  const st: ColumnStats = { min: null, max: null, hasNull: false, hasValue: false };
  const n = activeCount(b);
  for (let k = 0; k < n; k++) {
    const x = scalarAt(v, b.sel === null ? k : b.sel[k]!);
    if (x === null) { st.hasNull = true; continue; }
    if (typeof x === 'number' && Number.isNaN(x)) continue;
    if (!st.hasValue || cmp(x, st.min) < 0) st.min = x;
    if (!st.hasValue || cmp(x, st.max) > 0) st.max = x;
    st.hasValue = true;
  }
  return st;
}

function cmp(a: Scalar, b: Scalar): number {
  if (typeof a === 'boolean') a = a ? 1 : 0;
  if (typeof b === 'boolean') b = b ? 1 : 0;
  if (typeof a === 'string' && typeof b === 'string') return a < b ? -1 : a > b ? 1 : 0;
  if ((typeof a === 'number' || typeof a === 'bigint') && (typeof b === 'number' || typeof b === 'bigint')) {
    return a < b ? -1 : a > b ? 1 : 0;
  }
  return 0; // incomparable: never prune on it
}

function rangeMayMatch(r: ColumnRange, s: ColumnStats): boolean {
  switch (r.kind) {
    case 'isNull': return s.hasNull;
    case 'notNull': return s.hasValue;
    case 'in': return s.hasValue && r.values.some((v) => v !== null && cmp(v, s.min) >= 0 && cmp(v, s.max) <= 0);
    case 'range': {
      if (!s.hasValue) return false;
      if (r.min !== undefined && r.min !== null) {
        const c = cmp(s.max, r.min);
        if (c < 0 || (c === 0 && r.minInclusive === false)) return false;
      }
      if (r.max !== undefined && r.max !== null) {
        const c = cmp(s.min, r.max);
        if (c > 0 || (c === 0 && r.maxInclusive === false)) return false;
      }
      return true;
    }
  }
}
