/** ValuesExec: yields constant batches (SELECT without FROM reads system.one's single row). */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';

/** Constant rows. */
export class ValuesExec implements PhysicalOperator {
  readonly name = 'Values';
  readonly children: readonly PhysicalOperator[] = [];

  constructor(readonly schema: readonly Field[], readonly batches: readonly Batch[]) {}

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    for (const b of this.batches) { ctx.check(); yield b; }
  }

  explain(): string {
    return `Values (${this.batches.reduce((s, b) => s + (b.sel?.length ?? b.length), 0)} rows)`;
  }
}
