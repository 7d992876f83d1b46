/**
 * The ExecContext of one query run: cancellation through an AbortSignal, a deadline from
 * max_execution_time and a memory budget from max_memory_usage summed over all operators.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { ExecContext, ExecStats } from './operator.ts';

/** Limits of one run. */
export interface RunLimits {
  readonly batchRows: number;
  readonly signal?: AbortSignal;
  /** Seconds; 0 = none. */
  readonly maxExecutionTime: number;
  /** Bytes; 0 = none. */
  readonly maxMemoryUsage: number;
}

/** The context one query run shares among its operators. */
export class QueryExecContext implements ExecContext {
  readonly stats: ExecStats = { readRows: 0, readBytes: 0 };
  readonly batchRows: number;
  readonly signal?: AbortSignal;
  private readonly deadline: number;
  private readonly maxMemory: number;
  private readonly held = new Map<object, number>();
  private total = 0;

  constructor(limits: RunLimits, private readonly started = Date.now()) {
    this.batchRows = limits.batchRows;
    if (limits.signal) this.signal = limits.signal;
    this.deadline = limits.maxExecutionTime > 0 ? started + limits.maxExecutionTime * 1000 : Infinity;
    this.maxMemory = limits.maxMemoryUsage > 0 ? limits.maxMemoryUsage : Infinity;
  }

  check(): void {
    if (this.signal?.aborted) throw new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled');
    if (Date.now() > this.deadline) {
      throw new EddyError('TIMEOUT_EXCEEDED', `Timeout exceeded: elapsed ${((Date.now() - this.started) / 1000).toFixed(3)} seconds, maximum: ${((this.deadline - this.started) / 1000)}`);
    }
  }

  trackMemory(owner: object, bytes: number): void {
    this.total += bytes - (this.held.get(owner) ?? 0);
    this.held.set(owner, bytes);
    if (this.total > this.maxMemory) {
      throw new EddyError('MEMORY_LIMIT_EXCEEDED', `Memory limit (for query) exceeded: would use ${formatBytes(this.total)}, maximum: ${formatBytes(this.maxMemory)}`);
    }
  }
}

function formatBytes(b: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0;
  while (b >= 1024 && i < units.length - 1) { b /= 1024; i++; }
  return `${b.toFixed(2)} ${units[i]}`;
}
