/**
 * The physical operator contract (DataFusion's ExecutionPlan shape, DuckDB's operator/state split):
 * an operator is immutable and describes the work; `execute()` creates the per-run state inside its
 * async generator and pulls batches from its children. Batches may carry a selection (`sel`) that
 * downstream operators must respect; operators yield to the event loop between batches.
 *
 * Example: `new LimitExec(new FilterExec(scan, pred), 10, 0).execute(ctx, 0)` is an async iterable
 * of batches whose active rows are the first 10 rows of the scan matching `pred`.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';

/** Counters a query reports as it runs. */
export interface ExecStats {
  readRows: number;
  readBytes: number;
  /** Rows the result would have had without the outermost LIMIT (set by that LimitExec). */
  rowsBeforeLimit?: number;
}

/** What operators need from the running query. */
export interface ExecContext {
  /** Preferred output batch length (max_block_size). */
  readonly batchRows: number;
  readonly stats: ExecStats;
  readonly signal?: AbortSignal;
  /** Throw QUERY_WAS_CANCELLED or TIMEOUT_EXCEEDED when the query must stop. */
  check(): void;
  /** Report the bytes an operator's run state holds now; throws MEMORY_LIMIT_EXCEEDED over the limit. */
  trackMemory(owner: object, bytes: number): void;
}

/** A node of the physical plan. */
export interface PhysicalOperator {
  readonly name: string;
  readonly schema: readonly Field[];
  readonly children: readonly PhysicalOperator[];
  /** Run the operator; each call is an independent run. */
  execute(ctx: ExecContext): AsyncIterable<Batch>;
  /** One line describing the operator and its parameters, for EXPLAIN. */
  explain(): string;
}

/** Let the event loop run (timers, I/O) before continuing a long computation. */
export function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
