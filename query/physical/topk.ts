/**
 * TopKExec: ORDER BY … LIMIT n [OFFSET m] without sorting everything. Rows are buffered; whenever the
 * buffer holds several times n + m rows it is sorted and cut back to the best n + m, so memory stays
 * O(n + m + batch) and the final sort is small. A batch of more than 8 (n + m) rows is cut to its own best n + m first.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { SortKey } from '../planner/logical.ts';
import { Evaluator } from './evaluator.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { RowBuffer, emitOrdered, formatSortKeys, sortedOrder } from './sort.ts';
import { compactBatch, takeVector } from './vectors.ts';

/** ORDER BY with a small LIMIT. */
export class TopKExec implements PhysicalOperator {
  readonly name = 'TopK';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly keys: readonly SortKey[], readonly limit: number, readonly offset: number,
    readonly countRowsBeforeLimit = false) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    const k = this.limit + this.offset;
    if (this.limit === 0) return;
    const ev = new Evaluator(this.keys.map((x) => x.expr));
    const threshold = Math.max(4 * k, 65536);
    let buf = new RowBuffer(this.schema);
    let seen = 0;
    const shrink = async () => {
      const cols = buf.columns();
      const order = await sortedOrder(cols, buf.rows, this.keys, ev, ctx, k);
      const next = new RowBuffer(this.schema);
      next.add({ schema: this.schema, columns: cols.map((c) => takeVector(c, order)), length: order.length, sel: null });
      buf = next;
    };
    try {
      for await (const b of this.input.execute(ctx)) {
        const rows = b.sel === null ? b.length : b.sel.length;
        if (8 * k < rows) {
          // Cut a large batch to its own best k rows (one heap pass, see sortedOrder) instead of buffering it whole.
          const d = compactBatch(b);
          const order = await sortedOrder(d.columns, rows, this.keys, ev, ctx, k);
          buf.add({ schema: this.schema, columns: d.columns.map((c) => takeVector(c, order)), length: order.length, sel: null });
        } else buf.add(b);
        seen += rows;
        if (this.countRowsBeforeLimit) ctx.stats.rowsBeforeLimit = seen;
        if (buf.rows > threshold) await shrink();
        ctx.trackMemory(owner, buf.bytes);
      }
      if (buf.rows === 0) return;
      const cols = buf.columns();
      const order = await sortedOrder(cols, buf.rows, this.keys, ev, ctx, k);
      yield* emitOrdered(this.schema, cols, order, this.offset, ctx);
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  explain(): string {
    return `TopK ${this.limit}${this.offset ? ` offset ${this.offset}` : ''} by ${formatSortKeys(this.keys, this.schema)}`;
  }
}
