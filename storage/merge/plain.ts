/**
 * The plain merge algorithm (MergeTree): every input row is kept, in merged order.
 */
import type { ColumnBuilder } from '../segment/column-builder.ts';
import type { MergeAlgorithm, MergeAlgorithmFactory } from './algorithm.ts';
import type { MergedChunk } from './kway.ts';

/** Keeps every row. */
export class PlainMergeAlgorithm implements MergeAlgorithm {
  readonly name = 'plain';
  readonly needsKeyGroups = false;

  /** Gather the chunk's rows into the output columns. */
  consume(chunk: MergedChunk, out: readonly ColumnBuilder[]): void {
    for (let c = 0; c < out.length; c++) {
      out[c]!.appendGather(chunk.blocks.map((b) => b.columns[c]!), chunk.src, chunk.row, 0, chunk.length);
    }
  }

  /** Nothing is held back. */
  finish(): void {}
}

/** Factory for {@link PlainMergeAlgorithm}. */
export const plainMerge: MergeAlgorithmFactory = () => new PlainMergeAlgorithm();
