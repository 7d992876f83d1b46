/**
 * Merges on a worker thread. A merge reads, compares, re-encodes and compresses every row of its
 * inputs; on the main thread that work, even cut into steps, delays queries and insert
 * acknowledgements by a step at a time. Here the main thread describes the merge as plain data (part
 * directories, schema, algorithm name), a merge thread opens the parts and runs a {@link MergeTask},
 * reporting rows merged as it goes, and the main thread opens the result part when it is durable.
 * Cancelling (the table closes or is truncated) aborts the task, which removes its partial output.
 */
import { availableParallelism } from 'node:os';
import { WorkerJobPool } from '../../src/core/worker-jobs.ts';
import { PartReader, type ColumnCache } from '../part/index.ts';
import type { MergeAlgorithmName } from './algorithms.ts';
import { mergeTarget, type MergeTarget, type MergeTaskOptions } from './task.ts';

/** A merge as plain data, for the merge thread: the task's options with part directories and an algorithm name. */
export interface MergeJobSpec extends Omit<MergeTaskOptions, 'parts' | 'algorithm' | 'cache' | 'extra'> {
  /** Directories of the source parts, ascending blocks. */
  readonly partDirs: readonly string[];
  readonly algorithm: MergeAlgorithmName;
  readonly extra: Readonly<Record<string, string>>;
}

/** Merge threads: one beside the main thread (at most two), apart from the part writers, so a long merge never delays a flush. */
const pool = new WorkerJobPool(new URL('./merge-worker.ts', import.meta.url), Math.max(1, Math.min(2, availableParallelism() - 1)), 'Merge');

/** A merge running on a merge thread, with its progress (for system.merges). */
export class OffThreadMerge {
  /** The result part and the inputs. */
  readonly target: MergeTarget;
  readonly algorithmName: string;
  readonly startedAt = Date.now();
  /** Input rows merged so far (as last reported). */
  rowsRead = 0;

  constructor(private readonly spec: Omit<MergeJobSpec, 'partDirs'>, private readonly parts: readonly PartReader[]) {
    this.target = mergeTarget(parts);
    this.algorithmName = spec.algorithm;
  }

  /** Fraction of the input rows merged, 0..1. */
  get progress(): number {
    return this.target.totalRows === 0 ? 1 : this.rowsRead / this.target.totalRows;
  }

  /** Run the merge; resolves with the result part opened here (through `cache`). */
  async run(signal: AbortSignal, cache?: ColumnCache): Promise<PartReader> {
    const job: MergeJobSpec = { ...this.spec, partDirs: this.parts.map((p) => p.dir) };
    const dir = await pool.run<string>(job, [], { signal, onProgress: (rows) => { this.rowsRead = rows as number; } });
    return PartReader.open(dir, cache);
  }
}
