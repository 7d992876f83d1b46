/**
 * FilterExec: evaluates a predicate and marks the passing rows in the batch's selection vector;
 * columns are not copied (DuckDB's physical_filter). Batches where no row passes are dropped.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { BoundExpr } from '../planner/bound.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { FilterProgram } from './predicate.ts';
import { ALL_ROWS } from './selection.ts';
import { formatExpr } from './format-expr.ts';

/** Apply a compiled predicate to one batch: the batch with a narrowed selection, or null when empty. */
export function applyFilter(program: FilterProgram, b: Batch): Batch | null {
  const sel = program.select(b);
  if (sel === ALL_ROWS) return b;
  if (sel.length === 0) return null;
  return sel === b.sel ? b : { ...b, sel };
}

/** Keeps the rows where the predicate is true. */
export class FilterExec implements PhysicalOperator {
  readonly name = 'Filter';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly predicate: BoundExpr) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const program = new FilterProgram(this.predicate);
    for await (const b of this.input.execute(ctx)) {
      const out = applyFilter(program, b);
      if (out !== null) yield out;
    }
  }

  explain(): string {
    return `Filter (${formatExpr(this.predicate, this.input.schema)})`;
  }
}
