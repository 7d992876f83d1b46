/**
 * A resumable merge of neighbouring parts of one partition into one part (ClickHouse's MergeTask is
 * the model). Each step() reads the next chunk of the k-way merge (one granule per source by default, column
 * by column through sequential cursors that bypass the block cache) and feeds it to the merge
 * algorithm; whenever the algorithm's output reaches a couple of granules it is streamed into a
 * {@link PartWriter}. run() steps until done, yielding to the event loop between steps so inserts and
 * queries stay responsive, then finishes the result part `partition_minBlockOfFirst_maxBlockOfLast_(maxLevel+1)`.
 *
 * Memory is bounded whatever the parts' sizes: per source one decoded block and one read range per
 * column, the pending output rows, and the writer's block in progress per column.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EddyError } from '../../src/core/errors.ts';
import { materialize, repeatScalar } from '../../src/core/materialize.ts';
import type { Field, Scalar } from '../../src/core/types.ts';
import { ColumnCursor } from '../part/column-cursor.ts';
import { partName, PartReader, PartWriter, type ColumnCache } from '../part/index.ts';
import { ColumnBuilder, type PlainVector } from '../segment/column-builder.ts';
import type { MergeAlgorithm, MergeAlgorithmFactory } from './algorithm.ts';
import { KWayMerger, type SortedSource, type SourceBlock } from './kway.ts';
import { plainMerge } from './plain.ts';

/** What to merge and how. */
export interface MergeTaskOptions {
  /** Directory the result part is written into. */
  readonly tableDir: string;
  /** Columns of the result (the table's current schema). */
  readonly schema: readonly Field[];
  /** Per schema column, the value for parts that lack the column. */
  readonly defaults: readonly Scalar[];
  readonly sortKey: readonly string[];
  /** Parts of one partition in ascending block order (contiguous). */
  readonly parts: readonly PartReader[];
  readonly granularity: number;
  readonly algorithm?: MergeAlgorithmFactory;
  /** Metadata stored in the result part. */
  readonly extra?: Readonly<Record<string, string>>;
  readonly cache?: ColumnCache;
  /** Granules read from a source per block (default 1). */
  readonly blockGranules?: number;
  /** Output rows buffered before they are streamed to the part writer (default 2 granules). */
  readonly outputRows?: number;
}

/** The part a merge of `parts` (neighbours in one partition, ascending blocks) produces, and its inputs. */
export interface MergeTarget {
  readonly partition: string;
  readonly minBlock: number;
  readonly maxBlock: number;
  readonly level: number;
  readonly resultName: string;
  readonly sourceNames: readonly string[];
  readonly totalRows: number;
}

/** Describe the merge of `parts`; throws when there are none or they span partitions. */
export function mergeTarget(parts: readonly PartReader[]): MergeTarget {
  if (parts.length === 0) throw new EddyError('LOGICAL_ERROR', 'merge of zero parts');
  const first = parts[0]!.meta;
  const partition = first.partition;
  for (const p of parts) {
    if (p.meta.partition !== partition) throw new EddyError('LOGICAL_ERROR', 'merge across partitions');
  }
  const minBlock = first.minBlock;
  const maxBlock = parts[parts.length - 1]!.meta.maxBlock;
  const level = Math.max(...parts.map((p) => p.meta.level)) + 1;
  return {
    partition, minBlock, maxBlock, level, resultName: partName(partition, minBlock, maxBlock, level),
    sourceNames: parts.map((p) => p.meta.name), totalRows: parts.reduce((s, p) => s + p.meta.rowCount, 0),
  };
}

/** Output bytes buffered before they are streamed to the part writer, whatever the row count. */
const OUTPUT_BYTES = 8 * 1024 * 1024;

/** A merge in progress. */
export class MergeTask {
  /** Partition id of the inputs and the result. */
  readonly partition: string;
  /** Name the result part will have. */
  readonly resultName: string;
  readonly sourceNames: readonly string[];
  /** Rows in all inputs. */
  readonly totalRows: number;
  readonly startedAt = Date.now();
  /** Name of the merge algorithm. */
  readonly algorithmName: string;
  private readonly merger: KWayMerger;
  private readonly algorithm: MergeAlgorithm;
  private out: ColumnBuilder[];
  private readonly outputRows: number;
  private writer: PartWriter | null = null;
  private finished = false;
  private readonly minBlock: number;
  private readonly maxBlock: number;
  private readonly level: number;

  constructor(private readonly opts: MergeTaskOptions) {
    const parts = opts.parts;
    ({ partition: this.partition, minBlock: this.minBlock, maxBlock: this.maxBlock, level: this.level,
      resultName: this.resultName, sourceNames: this.sourceNames, totalRows: this.totalRows } = mergeTarget(parts));
    const keyIndexes = opts.sortKey.map((k) => {
      const i = opts.schema.findIndex((f) => f.name === k);
      if (i < 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `sort key column ${k} is not in the schema`);
      return i;
    });
    this.algorithm = (opts.algorithm ?? plainMerge)(opts.schema, keyIndexes);
    this.algorithmName = this.algorithm.name;
    const sources = parts.map((p) => new PartSource(p, opts.schema, opts.defaults, opts.blockGranules ?? 1));
    this.merger = new KWayMerger(sources, opts.schema, keyIndexes, { trackKeys: this.algorithm.needsKeyGroups });
    this.outputRows = Math.max(1, opts.outputRows ?? 2 * opts.granularity);
    this.out = this.newOutput();
  }

  /** Input rows merged so far. */
  get rowsRead(): number {
    return this.merger.rowsMerged;
  }

  /** Fraction of the input rows merged (and streamed to the result), 0..1. */
  get progress(): number {
    return this.totalRows === 0 ? 1 : this.merger.rowsMerged / this.totalRows;
  }

  /** Merge the next chunk and stream full output blocks to the writer; false once every input row is consumed. */
  async step(): Promise<boolean> {
    if (this.finished) return false;
    this.writer ??= await PartWriter.open(this.opts.tableDir, this.opts.schema, {
      granularity: this.opts.granularity,
      sortKey: this.opts.sortKey,
      partition: this.partition,
      minBlock: this.minBlock,
      maxBlock: this.maxBlock,
      level: this.level,
      ...(this.opts.extra ? { extra: this.opts.extra } : {}),
      ...(this.opts.cache ? { cache: this.opts.cache } : {}),
    });
    const chunk = await this.merger.next();
    if (chunk === null) {
      this.algorithm.finish(this.out);
      this.finished = true;
      await this.drain();
      return false;
    }
    this.algorithm.consume(chunk, this.out);
    const n = this.out[0]?.length ?? 0;
    if (n >= this.outputRows || this.out.reduce((s, b) => s + b.byteSize, 0) >= OUTPUT_BYTES) await this.drain();
    return true;
  }

  /** Step to the end (yielding between steps), then finish and return the result part. Cleans up on failure. */
  async run(signal?: AbortSignal): Promise<PartReader> {
    try {
      while (await this.step()) {
        if (signal?.aborted) throw new EddyError('ABORTED', `merge into ${this.resultName} was cancelled`);
        await yieldToLoop();
      }
      if (signal?.aborted || this.writer === null) throw new EddyError('ABORTED', `merge into ${this.resultName} was cancelled`);
      const reader = await this.writer.finish();
      this.writer = null;
      return reader;
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  /** Abandon the merge: remove the partly written result. */
  async abort(): Promise<void> {
    this.finished = true;
    await this.writer?.abort();
    this.writer = null;
  }

  /** Hand the buffered output rows to the writer and start new buffers. */
  private async drain(): Promise<void> {
    const n = this.out[0]?.length ?? 0;
    if (n === 0) return;
    const views = this.out.map((b) => b.view());
    this.out = this.newOutput();
    await this.writer!.append(views, n);
  }

  /** Fresh output buffers, sized for a drain's worth of rows plus one more chunk (a chunk may overshoot). */
  private newOutput(): ColumnBuilder[] {
    return this.opts.schema.map((f) => new ColumnBuilder(f.type, Math.min(Math.max(16, this.totalRows), this.outputRows + 8192)));
  }
}

/** Reads a part a few granules at a time, column by column through sequential cursors, as a sorted source. */
class PartSource implements SortedSource {
  private g = 0;
  private readonly cursors: (ColumnCursor | null)[];

  constructor(private readonly part: PartReader, private readonly schema: readonly Field[],
    private readonly defaults: readonly Scalar[], private readonly granules: number) {
    this.cursors = schema.map((f) => (part.hasColumn(f.name) ? new ColumnCursor(part, f.name) : null));
  }

  async next(): Promise<SourceBlock | null> {
    const total = this.part.meta.granuleCount;
    if (this.g >= total) return null;
    const from = this.g;
    const to = Math.min(total, from + this.granules);
    this.g = to;
    let rows = 0;
    for (let g = from; g < to; g++) rows += this.part.granuleRowCount(g);
    const columns: PlainVector[] = [];
    for (let c = 0; c < this.schema.length; c++) {
      const cursor = this.cursors[c]!;
      columns.push(cursor !== null ? materialize(await cursor.read(from, to)) : repeatScalar(this.schema[c]!.type, this.defaults[c]!, rows));
    }
    return { columns, rowCount: rows };
  }
}
