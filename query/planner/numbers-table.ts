/**
 * The `numbers(N)` / `numbers(offset, N)` table function: a UInt64 column `number` generated on
 * demand in units of up to 1M rows, so `numbers(1e9) LIMIT 10` reads almost nothing.
 */
import { makeBatch } from '../../src/core/batch.ts';
import type { ColumnRange, ScanRequest, ScanUnit, TableSnapshot, TableSource } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import { flatVector } from '../../src/core/vector.ts';

const UNIT_ROWS = 1 << 20;

/** A virtual table of consecutive numbers [offset, offset + count). */
export class NumbersTable implements TableSource {
  readonly database = 'system';
  readonly name = 'numbers';
  readonly schema: readonly Field[] = [{ name: 'number', type: T.UInt64 }];
  readonly sortKey = ['number'];

  constructor(private readonly offset: number, private readonly count: number) {}

  /** A view of the whole range (it never changes). */
  snapshot(): TableSnapshot {
    return { schema: this.schema, totalRows: this.count, plan: (r) => this.plan(r), release: () => {} };
  }

  private plan(req: ScanRequest): ReturnType<TableSnapshot['plan']> {
    let lo = this.offset;
    let hi = this.offset + this.count; // exclusive
    for (const r of req.ranges ?? []) [lo, hi] = narrow(r, lo, hi);
    const units: ScanUnit[] = [];
    const batchRows = req.batchRows ?? 65536;
    const withColumn = req.columns.length > 0;
    for (let s = lo; s < hi; s += UNIT_ROWS) {
      const e = Math.min(hi, s + UNIT_ROWS);
      units.push({
        rows: e - s,
        describe: () => `numbers ${s}..${e}`,
        read: async function* (signal?: AbortSignal) {
          for (let b = s; b < e; b += batchRows) {
            signal?.throwIfAborted();
            const n = Math.min(batchRows, e - b);
            if (!withColumn) { yield makeBatch([], [], n); continue; }
            const vals = new BigUint64Array(n);
            const w = new Uint32Array(vals.buffer);
            for (let i = 0; i < n; i++) { const x = b + i; w[2 * i] = x >>> 0; w[2 * i + 1] = Math.floor(x / 4294967296); }
            yield makeBatch([{ name: 'number', type: T.UInt64 }], [flatVector(T.UInt64, vals)], n);
          }
        },
      });
    }
    const total = this.count;
    const sel = Math.max(0, hi - lo);
    return { units, stats: { partsTotal: 1, partsSelected: sel > 0 ? 1 : 0, granulesTotal: Math.ceil(total / 8192), granulesSelected: Math.ceil(sel / 8192), rowsTotal: total, rowsSelected: sel } };
  }
}

function narrow(r: ColumnRange, lo: number, hi: number): [number, number] {
  if (r.column !== 'number') return [lo, hi];
  if (r.kind === 'isNull') return [lo, lo];
  if (r.kind !== 'range') return [lo, hi];
  if (r.min !== undefined && r.min !== null && typeof r.min !== 'string' && typeof r.min !== 'boolean') {
    const m = Number(r.min);
    lo = Math.max(lo, r.minInclusive === false ? Math.floor(m) + 1 : Math.ceil(m));
  }
  if (r.max !== undefined && r.max !== null && typeof r.max !== 'string' && typeof r.max !== 'boolean') {
    const m = Number(r.max);
    hi = Math.min(hi, r.maxInclusive === false ? Math.ceil(m) : Math.floor(m) + 1);
  }
  return [lo, Math.max(lo, hi)];
}
