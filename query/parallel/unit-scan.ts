/**
 * UnitScanExec: ScanExec over units that arrive over time (an async iterable), each with its ordinal
 * in the query's unit order. Applies the fused filter, optionally appends the ordinal columns
 * (unit ordinal, row in unit) that make top-K ties resolve as in a single-threaded scan, counts
 * read rows/bytes, checks cancellation and yields to the event loop between batches.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { ScanUnit } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import { T } from '../../src/core/types.ts';
import { constVector, flatVector } from '../../src/core/vector.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { applyFilter } from '../physical/filter.ts';
import { formatExpr } from '../physical/format-expr.ts';
import { FilterProgram } from '../physical/predicate.ts';
import type { ExecContext, PhysicalOperator } from '../physical/operator.ts';
import { yieldToEventLoop } from '../physical/operator.ts';
import { compactBatch, vectorBytes } from '../physical/vectors.ts';

/** A unit and its position in the query's unit order. */
export interface OrderedUnit {
  readonly unit: ScanUnit;
  readonly ordinal: number;
}

/** The two ordinal fields appended when a fragment asks for them. */
export const ORDINAL_FIELDS: readonly Field[] = [{ name: '_unit', type: T.UInt32 }, { name: '_row', type: T.UInt32 }];

/** Reads units as they come. */
export class UnitScanExec implements PhysicalOperator {
  readonly name = 'UnitScan';
  readonly children: readonly PhysicalOperator[] = [];

  /** `schema` includes the ordinal fields when `ordinals` is set. */
  constructor(readonly schema: readonly Field[], private readonly units: AsyncIterable<OrderedUnit>,
    readonly filter: BoundExpr | undefined, readonly ordinals: boolean) {}

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const filter = this.filter ? new FilterProgram(this.filter) : null;
    for await (const { unit, ordinal } of this.units) {
      let row = 0;
      for await (const raw of unit.read(ctx.signal)) {
        ctx.check();
        const n = raw.length;
        ctx.stats.readRows += n;
        for (const c of raw.columns) ctx.stats.readBytes += vectorBytes(c);
        const first = row;
        row += n;
        const b: Batch = { schema: this.schema, columns: raw.columns, length: n, sel: null };
        const out = filter ? applyFilter(filter, b) : b;
        if (out !== null) yield this.ordinals ? withOrdinals(out, ordinal, first) : out;
        await yieldToEventLoop();
      }
    }
  }

  explain(): string {
    return `UnitScan [${this.schema.map((f) => f.name).join(', ')}]${this.filter ? ` filter: ${formatExpr(this.filter, this.schema)}` : ''}`;
  }
}

/**
 * The batch's active rows with the ordinal columns appended: the unit's ordinal and each row's number
 * in the unit (`first` + its index in the batch). A filtered batch is compacted first, so row numbers
 * are made for the rows that passed only.
 */
function withOrdinals(b: Batch, ordinal: number, first: number): Batch {
  const d = compactBatch(b);
  const rows = new Uint32Array(d.length);
  if (b.sel === null) for (let i = 0; i < d.length; i++) rows[i] = first + i;
  else for (let i = 0; i < d.length; i++) rows[i] = first + b.sel[i]!;
  return { ...d, columns: [...d.columns, constVector(T.UInt32, ordinal, d.length), flatVector(T.UInt32, rows)] };
}
