/**
 * A resumable merge of neighbouring parts of one partition into one part (ClickHouse's MergeTask is
 * the model). Each step() reads the next chunk of the k-way merge (a few granules per source) and
 * feeds it to the merge algorithm; run() steps until done, yielding to the event loop between steps so
 * inserts and queries stay responsive, then writes the result part
 * `partition_minBlockOfFirst_maxBlockOfLast_(maxLevel+1)`.
 *
 * The merged rows are assembled in memory before writePart (the part writer takes whole columns); the
 * selector's maxBytesToMerge/maxRowsToMerge bound that memory.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { EddyError } from '../../src/core/errors.ts';
import { materialize, repeatScalar } from '../../src/core/materialize.ts';
import type { Field, Scalar } from '../../src/core/types.ts';
import { partName, PartReader, writePart, type ColumnCache } from '../part/index.ts';
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
  /** Granules read from a source per block (default 4). */
  readonly blockGranules?: number;
}

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
  private readonly out: ColumnBuilder[];
  private finished = false;
  private readonly minBlock: number;
  private readonly maxBlock: number;
  private readonly level: number;

  constructor(private readonly opts: MergeTaskOptions) {
    const parts = opts.parts;
    if (parts.length === 0) throw new EddyError('LOGICAL_ERROR', 'merge of zero parts');
    const first = parts[0]!.meta;
    this.partition = first.partition;
    for (const p of parts) {
      if (p.meta.partition !== this.partition) throw new EddyError('LOGICAL_ERROR', 'merge across partitions');
    }
    this.minBlock = first.minBlock;
    this.maxBlock = parts[parts.length - 1]!.meta.maxBlock;
    this.level = Math.max(...parts.map((p) => p.meta.level)) + 1;
    this.resultName = partName(this.partition, this.minBlock, this.maxBlock, this.level);
    this.sourceNames = parts.map((p) => p.meta.name);
    this.totalRows = parts.reduce((s, p) => s + p.meta.rowCount, 0);
    const keyIndexes = opts.sortKey.map((k) => {
      const i = opts.schema.findIndex((f) => f.name === k);
      if (i < 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `sort key column ${k} is not in the schema`);
      return i;
    });
    this.algorithm = (opts.algorithm ?? plainMerge)(opts.schema, keyIndexes);
    this.algorithmName = this.algorithm.name;
    const sources = parts.map((p) => new PartSource(p, opts.schema, opts.defaults, opts.blockGranules ?? 4));
    this.merger = new KWayMerger(sources, opts.schema, keyIndexes, { trackKeys: this.algorithm.needsKeyGroups });
    this.out = opts.schema.map((f) => new ColumnBuilder(f.type, Math.min(this.totalRows, 1 << 20)));
  }

  /** Input rows merged so far. */
  get rowsRead(): number {
    return this.merger.rowsMerged;
  }

  /** Fraction done, 0..1 (reading; the final write is the last step). */
  get progress(): number {
    return this.totalRows === 0 ? 1 : this.merger.rowsMerged / this.totalRows;
  }

  /** Merge the next chunk; false once every input row is consumed. */
  async step(): Promise<boolean> {
    if (this.finished) return false;
    const chunk = await this.merger.next();
    if (chunk === null) {
      this.algorithm.finish(this.out);
      this.finished = true;
      return false;
    }
    this.algorithm.consume(chunk, this.out);
    return true;
  }

  /** Step to the end (yielding between steps), then write and return the result part. */
  async run(signal?: AbortSignal): Promise<PartReader> {
    while (await this.step()) {
      if (signal?.aborted) throw new EddyError('ABORTED', `merge into ${this.resultName} was cancelled`);
      await yieldToLoop();
    }
    if (signal?.aborted) throw new EddyError('ABORTED', `merge into ${this.resultName} was cancelled`);
    const n = this.out[0]?.length ?? 0;
    return writePart(this.opts.tableDir, this.opts.schema, this.out.map((b) => b.view()), n, {
      granularity: this.opts.granularity,
      sortKey: this.opts.sortKey,
      partition: this.partition,
      minBlock: this.minBlock,
      maxBlock: this.maxBlock,
      level: this.level,
      ...(this.opts.extra ? { extra: this.opts.extra } : {}),
      ...(this.opts.cache ? { cache: this.opts.cache } : {}),
    });
  }
}

/** Reads a part block by block (a few granules at a time) as a sorted source. */
class PartSource implements SortedSource {
  private g = 0;

  constructor(private readonly part: PartReader, private readonly schema: readonly Field[],
    private readonly defaults: readonly Scalar[], private readonly granules: number) {}

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
      const f = this.schema[c]!;
      columns.push(this.part.hasColumn(f.name)
        ? materialize(await this.part.readColumn(f.name, from, to))
        : repeatScalar(f.type, this.defaults[c]!, rows));
    }
    return { columns, rowCount: rows };
  }
}
