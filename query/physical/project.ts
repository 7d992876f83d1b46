/**
 * ProjectExec: computes output columns. Pure column selections keep the input's selection vector
 * (no copy); computed expressions run on the active rows only (the batch is compacted first).
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { Evaluator } from './evaluator.ts';
import { formatExpr } from './format-expr.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { compactBatch } from './vectors.ts';

/** Computes `exprs` over each batch. */
export class ProjectExec implements PhysicalOperator {
  readonly name = 'Project';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly exprs: readonly BoundExpr[], readonly schema: readonly Field[]) {
    this.children = [input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const onlyColumns = this.exprs.every((e) => e.kind === 'col');
    const ev = new Evaluator(this.exprs);
    for await (const b of this.input.execute(ctx)) {
      if (onlyColumns) {
        yield { schema: this.schema, columns: this.exprs.map((e) => b.columns[(e as { index: number }).index]!), length: b.length, sel: b.sel };
        continue;
      }
      const d = compactBatch(b);
      yield { schema: this.schema, columns: ev.run(d.columns, d.length), length: d.length, sel: null };
    }
  }

  explain(): string {
    return `Project ${this.exprs.map((e, i) => {
      const s = formatExpr(e, this.input.schema);
      const name = this.schema[i]!.name;
      return s === name ? s : `${s} AS ${name}`;
    }).join(', ')}`;
  }
}
