/**
 * The ExecContext of one partition of a parallel query (in a worker, or the main thread's share): its
 * own counters and memory figure, a stop switch, and — on the main thread — the query's context as
 * parent for cancellation, deadline and the memory limit.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { ExecContext, ExecStats } from '../physical/operator.ts';

/** Context of one partition's run. */
export class PartitionContext implements ExecContext {
  /** Rows and bytes read go straight to the parent's counters; rowsBeforeLimit stays the partition's own. */
  readonly stats: ExecStats;
  /** Bytes the partition's operators hold now. */
  memory = 0;
  private stopped = false;
  private readonly held = new Map<object, number>();

  constructor(readonly batchRows: number, private readonly parent?: ExecContext) {
    const up = parent?.stats;
    this.stats = up === undefined ? { readRows: 0, readBytes: 0 } : {
      get readRows() { return up.readRows; },
      set readRows(v: number) { up.readRows = v; },
      get readBytes() { return up.readBytes; },
      set readBytes(v: number) { up.readBytes = v; },
    };
  }

  get signal(): AbortSignal | undefined {
    return this.parent?.signal;
  }

  /** Make the next check() throw QUERY_WAS_CANCELLED. */
  stop(): void {
    this.stopped = true;
  }

  check(): void {
    if (this.stopped) throw new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled');
    this.parent?.check();
  }

  trackMemory(owner: object, bytes: number): void {
    this.memory += bytes - (this.held.get(owner) ?? 0);
    this.held.set(owner, bytes);
    this.parent?.trackMemory(owner, bytes);
  }
}
