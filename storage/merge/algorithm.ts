/**
 * Merge algorithms decide what a merge writes for rows with equal sort keys: keep all (plain), keep the
 * latest (replacing), add metrics (summing), combine aggregate states (aggregating).
 *
 * An algorithm consumes the merged order chunk by chunk (see MergedChunk): rows with equal keys are
 * consecutive, and `newKey` marks where a key group starts. A group may continue into the next chunk,
 * so an algorithm that combines rows copies what it holds back (the chunk's blocks may be gone by the
 * next call) and emits it in consume() of a later chunk or in finish(). Output goes to one builder per
 * schema column; kernels work on the chunk's arrays, never per-row callbacks.
 */
import type { Field } from '../../src/core/types.ts';
import type { ColumnBuilder } from '../segment/column-builder.ts';
import type { MergedChunk } from './kway.ts';

/** One merge's row-combining logic (stateful: one instance per merge). */
export interface MergeAlgorithm {
  /** Name for system.merges and logs, e.g. 'plain'. */
  readonly name: string;
  /** True when consume() needs MergedChunk.newKey (the merger then compares neighbouring keys). */
  readonly needsKeyGroups: boolean;
  /** Append the output rows for one chunk. */
  consume(chunk: MergedChunk, out: readonly ColumnBuilder[]): void;
  /** Input ended: append any rows held back. */
  finish(out: readonly ColumnBuilder[]): void;
}

/** Makes a fresh algorithm for one merge of parts with this schema and sort key (column indexes). */
export type MergeAlgorithmFactory = (schema: readonly Field[], sortKey: readonly number[]) => MergeAlgorithm;
