/**
 * DistinctExec: passes the first row of each distinct combination of the first `columns` columns.
 * A row is new exactly when the grouper hands out a fresh group id for it, so no extra set is kept.
 */
import type { Batch } from '../../src/core/batch.ts';
import { makeGrouper } from './grouping/grouper.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { compactBatch } from './vectors.ts';

/** SELECT DISTINCT. */
export class DistinctExec implements PhysicalOperator {
  readonly name = 'Distinct';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly columns: number) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    const grouper = makeGrouper(this.schema.slice(0, this.columns).map((f) => f.type));
    try {
      for await (const b of this.input.execute(ctx)) {
        const d = compactBatch(b);
        const n = d.length;
        const gids = new Uint32Array(n);
        let next = grouper.groups;
        grouper.assign(d.columns.slice(0, this.columns), n, gids);
        const sel = new Uint32Array(n);
        let k = 0;
        for (let i = 0; i < n; i++) if (gids[i] === next) { sel[k++] = i; next++; }
        ctx.trackMemory(owner, grouper.memoryBytes());
        if (k > 0) yield { ...d, sel: k === n ? null : sel.subarray(0, k) };
      }
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  explain(): string {
    return `Distinct [${this.schema.slice(0, this.columns).map((f) => f.name).join(', ')}]`;
  }
}
