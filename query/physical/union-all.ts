/** UnionAllExec: the batches of each input in turn (inputs already share one schema). */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';

/** Concatenates its inputs. */
export class UnionAllExec implements PhysicalOperator {
  readonly name = 'UnionAll';

  constructor(readonly children: readonly PhysicalOperator[], readonly schema: readonly Field[]) {}

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    for (const c of this.children) {
      for await (const b of c.execute(ctx)) yield { ...b, schema: this.schema };
    }
  }

  explain(): string {
    return `UnionAll (${this.children.length} inputs)`;
  }
}
