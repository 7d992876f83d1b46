/**
 * LimitExec: skips `offset` active rows, then passes `limit` rows by narrowing selections, and stops
 * pulling its input once the limit is reached. As the query's outermost limit it reports the input
 * rows it saw as rows_before_limit (ClickHouse's "at least" figure).
 */
import type { Batch } from '../../src/core/batch.ts';
import { activeRows } from '../../src/core/batch.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';

/** OFFSET / LIMIT. */
export class LimitExec implements PhysicalOperator {
  readonly name = 'Limit';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly limit: number | undefined, readonly offset: number,
    readonly countRowsBeforeLimit = false) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    let skip = this.offset;
    let left = this.limit ?? Infinity;
    let seen = 0;
    for await (const b of this.input.execute(ctx)) {
      const n = activeRows(b);
      seen += n;
      if (this.countRowsBeforeLimit) ctx.stats.rowsBeforeLimit = seen;
      if (left <= 0) break;
      if (skip >= n) { skip -= n; continue; }
      const take = Math.min(n - skip, left);
      left -= take;
      if (skip === 0 && take === n) { yield b; continue; }
      const sel = new Uint32Array(take);
      for (let i = 0; i < take; i++) sel[i] = b.sel === null ? skip + i : b.sel[skip + i]!;
      skip = 0;
      yield { ...b, sel };
    }
  }

  explain(): string {
    return `Limit ${this.limit ?? 'all'}${this.offset ? ` offset ${this.offset}` : ''}`;
  }
}
