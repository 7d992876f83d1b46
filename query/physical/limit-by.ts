/** LimitByExec: `LIMIT n [OFFSET m] BY keys` keeps rows m..m+n-1 of each key, in input order. */
import type { Batch } from '../../src/core/batch.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { Evaluator } from './evaluator.ts';
import { formatExpr } from './format-expr.ts';
import { makeGrouper } from './grouping/grouper.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { compactBatch } from './vectors.ts';

/** LIMIT … BY. */
export class LimitByExec implements PhysicalOperator {
  readonly name = 'LimitBy';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly keys: readonly BoundExpr[], readonly limit: number, readonly offset: number) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    const ev = new Evaluator(this.keys);
    const grouper = makeGrouper(this.keys.map((k) => k.type));
    let counts = new Uint32Array(1024);
    try {
      for await (const b of this.input.execute(ctx)) {
        const d = compactBatch(b);
        const n = d.length;
        const gids = new Uint32Array(n);
        grouper.assign(ev.run(d.columns, n), n, gids);
        if (grouper.groups > counts.length) {
          const c = new Uint32Array(Math.max(grouper.groups, counts.length * 2)); c.set(counts); counts = c;
        }
        const sel = new Uint32Array(n);
        let k = 0;
        const lo = this.offset; const hi = this.offset + this.limit;
        for (let i = 0; i < n; i++) {
          const c = counts[gids[i]!]!++;
          if (c >= lo && c < hi) sel[k++] = i;
        }
        ctx.trackMemory(owner, grouper.memoryBytes() + counts.byteLength);
        if (k > 0) yield { ...d, sel: k === n ? null : sel.subarray(0, k) };
      }
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  explain(): string {
    return `LimitBy ${this.limit}${this.offset ? ` offset ${this.offset}` : ''} by ${this.keys.map((k) => formatExpr(k, this.schema)).join(', ')}`;
  }
}
