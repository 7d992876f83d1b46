/**
 * The replacing merge algorithm (ReplacingMergeTree without a version column): of the rows sharing a
 * sort key, only the last in merged order survives — the one from the newest part, since ties go to
 * later sources last.
 */
import type { Field } from '../../src/core/types.ts';
import { ColumnBuilder } from '../segment/column-builder.ts';
import type { MergeAlgorithm, MergeAlgorithmFactory } from './algorithm.ts';
import type { MergedChunk } from './kway.ts';

/** Keeps the last row of each key group. */
export class ReplacingMergeAlgorithm implements MergeAlgorithm {
  readonly name = 'replacing';
  readonly needsKeyGroups = true;
  private pending: ColumnBuilder[] | null = null;

  constructor(private readonly schema: readonly Field[]) {}

  /** Emit each group's last row; hold back the chunk's last row (its group may go on). */
  consume(chunk: MergedChunk, out: readonly ColumnBuilder[]): void {
    const m = chunk.length;
    if (m === 0) return;
    if (this.pending !== null && chunk.newKey[0] === 1) this.emitPending(out);
    this.pending = null;
    const src = new Uint32Array(m);
    const row = new Uint32Array(m);
    let n = 0;
    for (let k = 0; k < m - 1; k++) {
      if (chunk.newKey[k + 1] === 1) { src[n] = chunk.src[k]!; row[n] = chunk.row[k]!; n++; }
    }
    for (let c = 0; c < out.length; c++) {
      out[c]!.appendGather(chunk.blocks.map((b) => b.columns[c]!), src, row, 0, n);
    }
    const last = chunk.blocks[chunk.src[m - 1]!]!;
    const r = chunk.row[m - 1]!;
    this.pending = this.schema.map((f, c) => {
      const b = new ColumnBuilder(f.type, 16);
      b.append(last.columns[c]!, r, r + 1);
      return b;
    });
  }

  /** Emit the held-back last row. */
  finish(out: readonly ColumnBuilder[]): void {
    if (this.pending !== null) this.emitPending(out);
    this.pending = null;
  }

  private emitPending(out: readonly ColumnBuilder[]): void {
    for (let c = 0; c < out.length; c++) out[c]!.append(this.pending![c]!.view(), 0, 1);
  }
}

/** Factory for {@link ReplacingMergeAlgorithm}. */
export const replacingMerge: MergeAlgorithmFactory = (schema) => new ReplacingMergeAlgorithm(schema);
