/**
 * ScanExec: reads the ScanUnits a snapshot planned (after part/granule pruning), optionally applying
 * a fused filter to each batch as it arrives. Counts read rows/bytes, checks cancellation and yields
 * to the event loop between batches.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { ScanStats, ScanUnit } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { applyFilter } from './filter.ts';
import { FilterProgram } from './predicate.ts';
import { formatExpr } from './format-expr.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { vectorBytes } from './vectors.ts';

/** Reads table units. */
export class ScanExec implements PhysicalOperator {
  readonly name = 'Scan';
  readonly children: readonly PhysicalOperator[] = [];

  constructor(
    readonly table: string,
    readonly schema: readonly Field[],
    readonly units: readonly ScanUnit[],
    readonly stats: ScanStats,
    readonly filter?: BoundExpr,
  ) {}

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const filter = this.filter ? new FilterProgram(this.filter) : null;
    for (const unit of this.units) {
      for await (const raw of unit.read(ctx.signal)) {
        ctx.check();
        const b: Batch = raw.schema === this.schema ? raw : { ...raw, schema: this.schema };
        ctx.stats.readRows += b.sel === null ? b.length : b.sel.length;
        for (const c of b.columns) ctx.stats.readBytes += vectorBytes(c);
        const out = filter ? applyFilter(filter, b) : b;
        if (out !== null) yield out;
        await yieldToEventLoop();
      }
    }
  }

  explain(): string {
    const s = this.stats;
    const cols = this.schema.map((f) => f.name).join(', ');
    return `Scan ${this.table} [${cols}]${this.filter ? ` filter: ${formatExpr(this.filter, this.schema)}` : ''}` +
      ` (parts ${s.partsSelected}/${s.partsTotal}, granules ${s.granulesSelected}/${s.granulesTotal}, rows ${s.rowsSelected}/${s.rowsTotal})`;
  }
}
