/**
 * TableStorage: the storage of one MergeTree-style table, the one class the database layer uses.
 *
 * Write path: insert → validate → WAL append (group commit) → in-memory segment → acknowledged.
 * The segment is flushed by size/age: it is frozen (still queryable), the WAL is rotated, its rows are
 * split by partition, sorted and written as level-0 parts, then — in one synchronous step — the parts
 * become active and the frozen segment disappears, and the WAL files it covered are deleted.
 * Large inserts skip the WAL and become parts directly; streamed ones (bulkInsert) stage a part per piece
 * and commit them together. Block numbers of parts not yet active are reserved: merges never span them.
 * Background merges keep the part count low.
 *
 * Crash safety (every acknowledged row exactly once):
 * - parts record `eddy.walSeq`, the last WAL seq they cover; replay skips records ≤ the max over parts,
 *   so a crash between a part's rename and the WAL deletion does not double rows;
 * - a flush spanning partitions commits its parts atomically (see commit.ts);
 * - a merged part covers its sources' block range; leftover sources are deleted on open;
 * - TRUNCATE commits through a marker (see truncation.ts); leftover tmp_* directories are removed.
 *
 * Directory layout: `<partition>_<min>_<max>_<level>/` parts, `wal/`, and transiently `tmp_*`,
 * `staging_*`, `commit_*.json`, `truncated.json`.
 */
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EddyError, toEddyError } from '../../src/core/errors.ts';
import { concatVectors, materialize, repeatScalar } from '../../src/core/materialize.ts';
import type { TableSnapshot } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import { typeName } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { MergeAlgorithmName } from '../merge/algorithms.ts';
import type { MergeJob } from '../merge/scheduler.ts';
import { MergeScheduler } from '../merge/scheduler.ts';
import { DEFAULT_SELECTOR_SETTINGS, selectMerge, type MergeSelectorSettings, type SelectorRun } from '../merge/selector.ts';
import { OffThreadMerge } from '../merge/off-thread.ts';
import { diskError } from '../part/durable.ts';
import { parsePartName, PartReader, type ColumnCache } from '../part/index.ts';
import type { PlainVector } from '../segment/column-builder.ts';
import { Segment, type SegmentSnapshot } from '../segment/segment.ts';
import { decodeBlock, decodeBlockExtra, encodeBlock } from '../wal/block-codec.ts';
import { Wal, type StorageLogger, type WalRecord } from '../wal/wal.ts';
import { defaultOf, type ColumnDef } from './column-def.ts';
import { BulkInsert } from './bulk-insert.ts';
import { commitParts, recoverCommits, type Staging } from './commit.ts';
import {
  maxExtraSeq, mergeExtra, noteExtra, partExtra, readPartExtra, readWalSeq, type ExtraEntries,
} from './extra.ts';
import { PartHandle } from './part-handle.ts';
import { splitByPartition, type Partitioner } from './partition.ts';
import { StorageSnapshot } from './snapshot.ts';
import { readTruncation, writeTruncation } from './truncation.ts';
import { readExtraFile, writeExtraFile } from './extra-file.ts';
import { writeSortedBlocks } from './sorted-part.ts';
import { ownedCopies, PART_WRITERS, writePartOffThread } from './part-write-pool.ts';
import { columnFits, validateColumns } from './validate.ts';

/** Merge settings of a table: selector knobs plus the algorithm and the background switch. */
export interface TableMergeOptions extends Partial<MergeSelectorSettings> {
  /** Run merges in the background (default true). */
  readonly background?: boolean;
  /** Row-combining algorithm (default plain). */
  readonly algorithm?: MergeAlgorithmName;
}

/** How to open a table's storage. */
export interface TableStorageOptions {
  /** The table's directory (created if missing). */
  readonly dir: string;
  readonly schema: readonly ColumnDef[];
  /** ORDER BY column names (may be empty). */
  readonly sortKey: readonly string[];
  /** PARTITION BY, computed by the SQL layer; absent → one partition 'all'. */
  readonly partitioner?: Partitioner;
  /** Rows per granule (default 8192). */
  readonly granularity?: number;
  /**
   * Flush the segment when it reaches any of maxRows / maxBytes / maxAgeMs (defaults: 1M rows, 64 MiB,
   * 5 s). Backpressure: while the unflushed rows (segment plus segments being flushed) hold at least
   * maxPendingBytes (default 4 × maxBytes), inserts wait for a flush instead of growing memory.
   */
  readonly flush?: {
    readonly maxRows?: number; readonly maxBytes?: number; readonly maxAgeMs?: number; readonly maxPendingBytes?: number;
  };
  readonly merge?: TableMergeOptions;
  readonly cache?: ColumnCache;
  readonly logger?: StorageLogger;
}

/** One row of system.parts. */
export interface PartInfo {
  readonly name: string;
  readonly partition: string;
  readonly rows: number;
  readonly bytesOnDisk: number;
  readonly level: number;
  /** False for parts merged away but still read by a running query. */
  readonly active: boolean;
  readonly minBlock: number;
  readonly maxBlock: number;
  readonly modificationTime: Date;
}

/** One row of system.merges. */
export interface MergeInfo {
  readonly partition: string;
  readonly resultPartName: string;
  readonly sourcePartNames: readonly string[];
  readonly algorithm: string;
  readonly totalRows: number;
  readonly rowsRead: number;
  /** 0..1 */
  readonly progress: number;
  readonly elapsedMs: number;
}

interface Frozen {
  /** The segment's chunks (all in `schema`). */
  readonly snaps: readonly SegmentSnapshot[];
  readonly schema: readonly Field[];
  readonly rowCount: number;
  /** Last WAL seq whose rows are in `snaps`. */
  readonly boundary: number;
  /** Approximate bytes held by `snaps`. */
  readonly bytes: number;
  readonly extra: ExtraEntries;
}

const WAL_BLOCK = 1;
const DEFAULT_FLUSH = { maxRows: 1_000_000, maxBytes: 64 * 1024 * 1024, maxAgeMs: 5000 };

interface FlushConfig { maxRows: number; maxBytes: number; maxAgeMs: number; maxPendingBytes: number }

/** Storage of one table: WAL, segment, parts, merges. */
export class TableStorage {
  private defs: ColumnDef[];
  private segment: Segment;
  private segmentExtra: ExtraEntries = new Map();
  private readonly frozen: Frozen[] = [];
  private active: PartHandle[] = [];
  private readonly outdated = new Set<PartHandle>();
  private readonly running = new Set<OffThreadMerge>();
  private readonly scheduler: MergeScheduler;
  private readonly timer: NodeJS.Timeout;
  private inflight = 0;
  private gate: Promise<void> | null = null;
  private drainWaiters: (() => void)[] = [];
  private chain: Promise<void> = Promise.resolve();
  private flushQueued = false;
  /** After a failed background flush (e.g. disk full): wait this long before the timer retries. */
  private flushBackoffMs = 0;
  private flushRetryAt = 0;
  private closed = false;
  /** Block numbers of parts written but not yet active: merges must not span them. */
  private readonly reserved = new Set<number>();
  /** Counts TRUNCATEs, so a bulk insert spanning one can tell. */
  private truncations = 0;

  private constructor(
    private readonly dir: string,
    schema: readonly ColumnDef[],
    private readonly sortKey: readonly string[],
    private readonly partitioner: Partitioner | undefined,
    private readonly granularity: number,
    private readonly flushCfg: FlushConfig,
    private readonly selector: MergeSelectorSettings,
    private readonly algorithm: MergeAlgorithmName,
    private readonly cache: ColumnCache | undefined,
    private readonly logger: StorageLogger,
    private readonly wal: Wal,
    private readonly committed: ExtraEntries,
    private nextBlock: number,
    background: boolean,
  ) {
    this.defs = [...schema];
    this.segment = new Segment(schema);
    this.scheduler = new MergeScheduler(() => this.pickMerge(), logger, background);
    this.timer = setInterval(() => this.onTimer(), Math.max(10, Math.min(1000, flushCfg.maxAgeMs)));
    this.timer.unref();
  }

  /** Open a table: remove leftovers of interrupted writes, load parts, replay the WAL into the segment. */
  static async open(opts: TableStorageOptions): Promise<TableStorage> {
    const logger = opts.logger ?? { info: (m: string) => console.info(m), warn: (m: string) => console.warn(m) };
    const dir = opts.dir;
    for (const k of opts.sortKey) {
      if (!opts.schema.some((f) => f.name === k)) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Sorting key column ${k} is not in the table`);
    }
    try {
      await mkdir(dir, { recursive: true });
      for (const name of await readdir(dir)) {
        if (name.startsWith('tmp_')) await rm(join(dir, name), { recursive: true, force: true });
      }
      await recoverCommits(dir, logger);
      const mark = await readTruncation(dir);
      const handles = await loadParts(dir, opts.cache, logger);
      let nextBlock = Math.max(1, mark.belowBlock);
      for (const h of handles) nextBlock = Math.max(nextBlock, h.reader.meta.maxBlock + 1);
      const live = await dropDeadParts(handles, mark.belowBlock, logger);

      const committed: ExtraEntries = new Map(mark.extra);
      mergeExtra(committed, await readExtraFile(dir));
      let flushedSeq = mark.walSeq;
      for (const h of live) {
        flushedSeq = Math.max(flushedSeq, readWalSeq(h.reader.meta.extra));
        mergeExtra(committed, readPartExtra(h.reader.meta.extra));
      }
      const replayed: WalRecord[] = [];
      const wal = await Wal.open({
        dir: join(dir, 'wal'),
        minNextSeq: Math.max(flushedSeq, maxExtraSeq(committed)) + 1,
        logger,
        onRecord: (r) => {
          if (r.seq > flushedSeq) replayed.push(r);
          else if (r.type === WAL_BLOCK) noteExtra(committed, r.seq, decodeBlockExtra(r.payload)); // flushed, WAL not yet cut
        },
      });
      const merge = opts.merge ?? {};
      const selector: MergeSelectorSettings = { ...DEFAULT_SELECTOR_SETTINGS, ...definedOnly(merge) };
      const flush = { ...DEFAULT_FLUSH, ...definedOnly(opts.flush ?? {}) };
      const t = new TableStorage(dir, opts.schema, opts.sortKey, opts.partitioner, opts.granularity ?? 8192,
        { ...flush, maxPendingBytes: opts.flush?.maxPendingBytes ?? 4 * flush.maxBytes }, selector, merge.algorithm ?? 'plain', opts.cache, logger, wal,
        committed, nextBlock, merge.background ?? true);
      for (const h of live) t.adopt(h);
      for (const r of replayed) t.replay(r);
      if (replayed.length > 0) logger.info(`table ${dir}: replayed ${replayed.length} WAL records (${t.segment.rowCount} rows)`);
      t.scheduler.kick();
      return t;
    } catch (e) {
      throw diskError(e, `table ${dir}`);
    }
  }

  /** Current schema (with defaults), in column order. */
  get schema(): readonly ColumnDef[] {
    return this.defs;
  }

  /**
   * Append rows (columns in schema order). Resolves after the WAL fsync; the rows are visible to
   * snapshots taken afterwards. `extra` is committed atomically with the rows. Inserts of at least
   * flush.maxRows rows or flush.maxBytes bytes bypass the WAL and are written as parts directly,
   * visible all at once at the end. All-or-nothing; disk errors reject with an EddyError. While the
   * unflushed rows exceed flush.maxPendingBytes the insert first waits for a flush, and fails with the
   * flush's error (e.g. NOT_ENOUGH_SPACE) if it fails.
   */
  async insert(columns: readonly Vector[], rowCount: number, extra?: Readonly<Record<string, string>>): Promise<void> {
    this.checkOpen();
    const hasExtra = extra !== undefined && Object.keys(extra).length > 0;
    if (rowCount === 0 && !hasExtra) return;
    while (!this.closed && this.unflushedBytes >= this.flushCfg.maxPendingBytes) await this.flush();
    await this.enter();
    try {
      this.checkOpen();
      validateColumns(this.defs, columns, rowCount);
      if (rowCount >= this.flushCfg.maxRows || estimateBytes(columns, rowCount) >= this.flushCfg.maxBytes) {
        await this.insertDirect(columns, rowCount, extra);
        return;
      }
      const payload = encodeBlock(this.defs.map((f) => f.name), columns, rowCount, extra);
      const seq = await this.wal.append(WAL_BLOCK, payload);
      this.segment.append(columns, rowCount);
      noteExtra(this.segmentExtra, seq, extra);
      noteExtra(this.committed, seq, extra);
    } catch (e) {
      throw toEddyError(e);
    } finally {
      this.leave();
    }
    if (this.segment.rowCount >= this.flushCfg.maxRows || this.segment.byteSize >= this.flushCfg.maxBytes) this.flushInBackground();
  }

  /**
   * Start a streamed insert of rows in the current schema's column order: blocks are appended as they
   * arrive and written as staged parts piece by piece; commit() makes all of them visible at once
   * (inserts smaller than one piece take the {@link insert} path). Fails at commit if the table was
   * truncated meanwhile.
   */
  bulkInsert(): BulkInsert {
    this.checkOpen();
    const epoch = this.truncations;
    const staged: number[] = [];
    return new BulkInsert({
      dir: this.dir,
      pieceRows: this.flushCfg.maxRows,
      pieceBytes: this.flushCfg.maxPendingBytes,
      piecesInFlight: PART_WRITERS,
      writeParts: async (dir, schema, pieceBlocks, rowCount, here) => {
        this.checkOpen();
        const { dirs, blocks } = await this.writeStaged(dir, schema, pieceBlocks, rowCount, here);
        staged.push(...blocks);
        return dirs;
      },
      insert: (columns, rowCount) => this.insert(columns, rowCount),
      commit: async (staging: Staging, names: readonly string[]) => {
        await this.enter();
        try {
          this.checkOpen();
          if (this.truncations !== epoch) throw new EddyError('ABORTED', `table ${this.dir} was truncated during the insert`);
          const dirs = await staging.commit(names);
          const readers = await Promise.all(dirs.map((d) => PartReader.open(d, this.cache)));
          const now = new Date();
          for (const r of readers) this.adopt(this.handleFor(r, now));
        } catch (e) {
          throw toEddyError(e);
        } finally {
          this.unreserve(staged);
          this.leave();
        }
        this.scheduler.kick();
      },
      abandon: () => this.unreserve(staged),
    }, this.defs);
  }

  /** A reference-counted snapshot: active parts plus the current segment prefixes. */
  snapshot(): TableSnapshot {
    this.checkOpen();
    const parts = this.active.slice();
    for (const p of parts) p.acquire();
    const segs = [...this.frozen.flatMap((f) => f.snaps), ...this.segment.snapshots()].filter((s) => s.rowCount > 0);
    return new StorageSnapshot(this.defs, parts, segs);
  }

  /** Write the segment into parts (one per partition, sorted), then drop the WAL files they cover. */
  flush(): Promise<void> {
    return this.serial(() => this.doFlush());
  }

  /** Merge now: the selector's choices until none is left, or with `final` everything into one part per partition. */
  async optimize(opts: { final?: boolean } = {}): Promise<void> {
    await this.flush();
    await this.scheduler.pause();
    try {
      if (opts.final) {
        const byPartition = new Map<string, PartHandle[]>();
        for (const h of this.active) {
          const list = byPartition.get(h.reader.meta.partition) ?? [];
          list.push(h);
          byPartition.set(h.reader.meta.partition, list);
        }
        for (const list of byPartition.values()) {
          // one merge per stretch of blocks with no part still being written in between
          list.sort((a, b) => a.reader.meta.minBlock - b.reader.meta.minBlock);
          let run: PartHandle[] = [];
          for (const h of [...list, null]) {
            if (h === null || (run.length > 0 && this.reservedBetween(run[run.length - 1]!, h))) {
              if (run.length > 1) await this.claim(run).run(new AbortController().signal);
              run = [];
            }
            if (h !== null) run.push(h);
          }
        }
      } else {
        for (let job = this.pickMerge(); job !== null; job = this.pickMerge()) await job.run(new AbortController().signal);
      }
    } catch (e) {
      throw toEddyError(e);
    } finally {
      this.scheduler.resume();
    }
  }

  /** Remove every row (atomically, through the truncation marker). */
  truncate(): Promise<void> {
    return this.serial(async () => {
      await this.scheduler.pause();
      const open = await this.quiesce();
      try {
        const boundary = await this.wal.rotate();
        await writeTruncation(this.dir, { belowBlock: this.nextBlock, walSeq: boundary, extra: [...this.committed] });
        this.truncations++;
        this.segment = new Segment(this.defs);
        this.segmentExtra = new Map();
        this.frozen.length = 0;
        const old = this.active;
        this.active = [];
        for (const h of old) this.retire(h);
        await this.wal.removeUpTo(boundary);
      } catch (e) {
        throw toEddyError(e);
      } finally {
        open();
        this.scheduler.resume();
      }
    });
  }

  /** Add a column (at the end, or after `after`); existing rows read its default. */
  addColumn(field: ColumnDef, after?: string): Promise<void> {
    return this.serial(async () => {
      if (this.defs.some((f) => f.name === field.name)) throw new EddyError('DUPLICATE_COLUMN', `Column ${field.name} already exists`);
      let index = this.defs.length;
      if (after !== undefined) {
        index = this.defs.findIndex((f) => f.name === after) + 1;
        if (index === 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${after} in table`);
      }
      const open = await this.quiesce();
      try {
        this.segment.addColumn(field, index, defaultOf(field));
        this.defs = [...this.defs.slice(0, index), field, ...this.defs.slice(index)];
      } finally {
        open();
      }
    });
  }

  /** Drop a column; parts keep its data until merged, but it is never read again. */
  dropColumn(name: string): Promise<void> {
    return this.serial(async () => {
      if (!this.defs.some((f) => f.name === name)) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${name} in table`);
      if (this.sortKey.includes(name)) throw new EddyError('BAD_ARGUMENTS', `Cannot drop column ${name}: it is part of the sorting key`);
      if (this.defs.length === 1) throw new EddyError('BAD_ARGUMENTS', `Cannot drop the only column ${name}`);
      const open = await this.quiesce();
      try {
        this.segment.dropColumn(name);
        this.defs = this.defs.filter((f) => f.name !== name);
      } finally {
        open();
      }
    });
  }

  /** Latest `extra` value per key over everything committed (parts + WAL). */
  committedExtra(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [k, e] of this.committed) out[k] = e[1];
    return out;
  }

  /** Active parts, then outdated ones still read by queries (for system.parts). */
  parts(): PartInfo[] {
    return [...this.active, ...this.outdated].map((h) => {
      const m = h.reader.meta;
      return {
        name: m.name, partition: m.partition, rows: m.rowCount, bytesOnDisk: m.bytesOnDisk, level: m.level,
        active: h.active, minBlock: m.minBlock, maxBlock: m.maxBlock, modificationTime: h.modificationTime,
      };
    });
  }

  /** Running merges with their progress (for system.merges). */
  merges(): MergeInfo[] {
    const now = Date.now();
    return [...this.running].map((t) => ({
      partition: t.target.partition, resultPartName: t.target.resultName, sourcePartNames: t.target.sourceNames, algorithm: t.algorithmName,
      totalRows: t.target.totalRows, rowsRead: t.rowsRead, progress: t.progress, elapsedMs: now - t.startedAt,
    }));
  }

  /** Rows in the in-memory segments (not yet in parts). */
  get unflushedRows(): number {
    return this.segment.rowCount + this.frozen.reduce((s, f) => s + f.rowCount, 0);
  }

  /** Approximate bytes held by the in-memory segments (not yet in parts); bounded by flush.maxPendingBytes. */
  get unflushedBytes(): number {
    return this.segment.byteSize + this.frozen.reduce((s, f) => s + f.bytes, 0);
  }

  /** Wait until background merges have nothing left to do (tests, OPTIMIZE-like waits). */
  async mergesSettled(): Promise<void> {
    this.scheduler.kick();
    await this.scheduler.idle();
  }

  /** Stop background work and close the WAL. Acknowledged rows stay in the WAL; no flush is needed. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.timer);
    await this.scheduler.stop();
    await this.chain;
    await this.wal.close();
    await Promise.all([...this.outdated].map((h) => h.deletion));
  }

  /** Close and delete the table's directory. */
  async drop(): Promise<void> {
    await this.close();
    await rm(this.dir, { recursive: true, force: true });
  }

  // ---- write path ----

  private async insertDirect(columns: readonly Vector[], rowCount: number, extra: Readonly<Record<string, string>> | undefined): Promise<void> {
    const seq = this.wal.reserveSeq();
    const entries: ExtraEntries = new Map();
    noteExtra(entries, seq, extra);
    const { handles, blocks } = await this.writeParts(this.defs, [columns.map(materialize)], rowCount, 0, entries);
    for (const h of handles) this.adopt(h);
    this.unreserve(blocks);
    noteExtra(this.committed, seq, extra);
    this.scheduler.kick();
  }

  private async doFlush(): Promise<void> {
    if (this.segment.rowCount > 0 || this.segmentExtra.size > 0) {
      const open = await this.quiesce();
      try {
        if (this.segment.rowCount > 0 || this.segmentExtra.size > 0) {
          const boundary = await this.wal.rotate();
          const seg = this.segment;
          this.frozen.push({ snaps: seg.snapshots(), schema: seg.schema, rowCount: seg.rowCount, boundary, bytes: seg.byteSize, extra: this.segmentExtra });
          this.segment = new Segment(this.defs, Math.min(this.flushCfg.maxRows, 1 << 16));
          this.segmentExtra = new Map();
        }
      } catch (e) {
        throw toEddyError(e);
      } finally {
        open();
      }
    }
    while (this.frozen.length > 0 && !this.closed) {
      const f = this.frozen[0]!;
      let handles: PartHandle[];
      let blocks: number[];
      try {
        if (f.rowCount === 0) {
          // metadata without rows (e.g. Kafka offsets of an empty poll): no part to carry it
          const all: ExtraEntries = await readExtraFile(this.dir);
          mergeExtra(all, f.extra);
          await writeExtraFile(this.dir, all);
        }
        ({ handles, blocks } = await this.writeParts(f.schema, f.snaps.map((c) => c.columns), f.rowCount, f.boundary, f.extra));
      } catch (e) {
        throw toEddyError(e);
      }
      this.frozen.shift();
      for (const h of handles) this.adopt(h);
      this.unreserve(blocks);
      await this.wal.removeUpTo(f.boundary);
    }
    this.scheduler.kick();
  }

  /**
   * Split by partition, sort, write level-0 parts (atomically together), return their handles (not yet
   * active) and their block numbers, reserved until the caller has adopted them ({@link unreserve}).
   */
  private async writeParts(schema: readonly Field[], columnBlocks: readonly (readonly PlainVector[])[], rowCount: number,
    walSeq: number, entries: ExtraEntries): Promise<{ handles: PartHandle[]; blocks: number[] }> {
    if (rowCount === 0) return { handles: [], blocks: [] };
    const { readers, blocks } = await this.writeGroups(schema, columnBlocks, rowCount, walSeq, entries);
    const now = new Date();
    return { handles: readers.map((r) => this.handleFor(r, now)), blocks };
  }

  /**
   * Split rows (blocks of columns in `schema` order) by partition, sort each group and write it as a
   * level-0 part into the table, through an atomic commit when there are several groups. The parts' block
   * numbers are reserved (merges will not span them) until {@link unreserve}; on failure they are
   * released here.
   */
  private async writeGroups(schema: readonly Field[], columnBlocks: readonly (readonly PlainVector[])[], rowCount: number,
    walSeq: number, entries: ExtraEntries): Promise<{ readers: PartReader[]; blocks: number[] }> {
    const keyIdx = this.sortKey.map((k) => schema.findIndex((f) => f.name === k));
    let groups: { partition: string; columnBlocks: readonly (readonly PlainVector[])[]; fresh: boolean }[];
    if (this.partitioner === undefined) {
      groups = [{ partition: 'all', columnBlocks, fresh: false }];
    } else {
      const whole = schema.map((f, c) => concatVectors(f.type, columnBlocks.map((b) => b[c]!)));
      groups = splitByPartition(whole, rowCount, this.partitioner).map((g) => ({ partition: g.partition, columnBlocks: [g.columns], fresh: g.columns !== whole }));
    }
    const extra = partExtra(walSeq, entries);
    const blocks = groups.map(() => this.nextBlock++);
    for (const b of blocks) this.reserved.add(b);
    // Sorting, encoding and compressing run on a part-writer thread, so a flush does not stall queries and
    // inserts; the rows stay queryable here meanwhile, so the writer gets copies (a split made fresh ones).
    const write = async (dir: string): Promise<PartReader[]> => {
      const readers: PartReader[] = [];
      for (let i = 0; i < groups.length; i++) {
        const g = groups[i]!;
        const opts = { granularity: this.granularity, sortKey: this.sortKey, partition: g.partition, minBlock: blocks[i]!, maxBlock: blocks[i]!, level: 0, extra };
        const own = g.fresh ? g.columnBlocks.map((b) => [...b]) : await ownedCopies(g.columnBlocks);
        readers.push(await PartReader.open(await writePartOffThread({ dir, schema, blocks: own, keyIndexes: keyIdx, opts }), this.cache));
      }
      return readers;
    };
    try {
      if (groups.length === 1) return { readers: await write(this.dir), blocks };
      const dirs = await commitParts(this.dir, groups.length, write);
      return { readers: await Promise.all(dirs.map((d) => PartReader.open(d, this.cache))), blocks };
    } catch (e) {
      this.unreserve(blocks);
      throw e;
    }
  }

  /**
   * Write a bulk insert's piece (blocks of columns in `schema` order, handed over) as level-0 parts
   * under `target`, one per partition, sorted and encoded on part-writer threads (on this thread with
   * `here`). Block numbers are reserved as in {@link writeGroups}.
   */
  private async writeStaged(target: string, schema: readonly Field[], pieceBlocks: (readonly Vector[])[], rowCount: number,
    here: boolean): Promise<{ dirs: string[]; blocks: number[] }> {
    const keyIndexes = this.sortKey.map((k) => schema.findIndex((f) => f.name === k));
    const plain = pieceBlocks.map((b) => b.map(materialize));
    const groups: { partition: string; blocks: PlainVector[][] }[] = this.partitioner === undefined
      ? [{ partition: 'all', blocks: plain }]
      : splitByPartition(schema.map((f, c) => concatVectors(f.type, plain.map((b) => b[c]!))), rowCount, this.partitioner)
        .map((g) => ({ partition: g.partition, blocks: [[...g.columns]] }));
    const extra = partExtra(0, new Map());
    const blocks = groups.map(() => this.nextBlock++);
    for (const b of blocks) this.reserved.add(b);
    try {
      // every group settles before a failure is reported, so no writer is left filling a discarded staging
      const done = await Promise.allSettled(groups.map((g, i) => {
        const opts = { granularity: this.granularity, sortKey: this.sortKey, partition: g.partition, minBlock: blocks[i]!, maxBlock: blocks[i]!, level: 0, extra };
        return here ? writeSortedBlocks(target, schema, g.blocks, keyIndexes, opts).then((r) => r.dir)
          : writePartOffThread({ dir: target, schema, blocks: g.blocks, keyIndexes, opts });
      }));
      const dirs: string[] = [];
      for (const d of done) {
        if (d.status === 'rejected') throw d.reason;
        dirs.push(d.value);
      }
      return { dirs, blocks };
    } catch (e) {
      this.unreserve(blocks);
      throw e;
    }
  }

  /** Release block numbers reserved by {@link writeGroups}. */
  private unreserve(blocks: readonly number[]): void {
    for (const b of blocks) this.reserved.delete(b);
  }

  /** True when a reserved block number lies strictly between parts a and b (in block order). */
  private reservedBetween(a: PartHandle, b: PartHandle): boolean {
    for (const r of this.reserved) if (r > a.reader.meta.maxBlock && r < b.reader.meta.minBlock) return true;
    return false;
  }

  private replay(r: WalRecord): void {
    if (r.type !== WAL_BLOCK) {
      this.logger.warn(`table ${this.dir}: skipping WAL record ${r.seq} of unknown type ${r.type}`);
      return;
    }
    let block;
    try {
      block = decodeBlock(r.payload);
    } catch (e) {
      this.logger.warn(`table ${this.dir}: skipping undecodable WAL record ${r.seq}: ${String(e)}`);
      return;
    }
    const cols = this.defs.map((f) => {
      const i = block.names.indexOf(f.name);
      const v = i < 0 ? undefined : block.columns[i];
      if (v !== undefined && columnFits(f, v)) return v;
      if (v !== undefined) this.logger.warn(`table ${this.dir}: WAL record ${r.seq} has ${f.name} as ${typeName(v.type)}; using the default`);
      return repeatScalar(f.type, defaultOf(f), block.rowCount);
    });
    this.segment.append(cols, block.rowCount);
    noteExtra(this.segmentExtra, r.seq, block.extra);
    noteExtra(this.committed, r.seq, block.extra);
  }

  private flushInBackground(): void {
    if (this.flushQueued || this.closed) return;
    this.flushQueued = true;
    this.flush().then(() => {
      this.flushBackoffMs = 0;
      this.flushRetryAt = 0;
    }, (e: unknown) => {
      this.flushBackoffMs = Math.min(30_000, Math.max(1000, 2 * this.flushBackoffMs));
      this.flushRetryAt = Date.now() + this.flushBackoffMs;
      this.logger.warn(`table ${this.dir}: background flush failed (rows stay in memory and the WAL; retrying in ` +
        `${this.flushBackoffMs} ms): ${e instanceof Error ? e.message : String(e)}`);
    }).finally(() => { this.flushQueued = false; });
  }

  private onTimer(): void {
    if (this.closed || Date.now() < this.flushRetryAt) return;
    const seg = this.segment;
    const old = seg.rowCount > 0 && Date.now() - seg.firstRowAt >= this.flushCfg.maxAgeMs;
    if (old || this.frozen.length > 0 || (seg.rowCount === 0 && this.segmentExtra.size > 0)) this.flushInBackground();
  }

  // ---- merges ----

  private pickMerge(): MergeJob | null {
    if (this.closed) return null;
    const partitions = new Map<string, PartHandle[]>();
    for (const h of this.active) {
      const list = partitions.get(h.reader.meta.partition) ?? [];
      list.push(h);
      partitions.set(h.reader.meta.partition, list);
    }
    const runs: SelectorRun[] = [];
    const runHandles: PartHandle[][] = [];
    const now = Date.now();
    for (const list of partitions.values()) {
      list.sort((a, b) => a.reader.meta.minBlock - b.reader.meta.minBlock);
      let cur: PartHandle[] = [];
      const close = (): void => {
        if (cur.length > 1) {
          runHandles.push(cur);
          runs.push({
            partitionPartCount: list.length,
            parts: cur.map((h) => ({ bytes: h.reader.meta.bytesOnDisk, rows: h.reader.meta.rowCount, ageSeconds: (now - h.modificationTime.getTime()) / 1000 })),
          });
        }
        cur = [];
      };
      for (const h of list) {
        if (h.merging) close();
        else {
          if (cur.length > 0 && this.reservedBetween(cur[cur.length - 1]!, h)) close();
          cur.push(h);
        }
      }
      close();
    }
    const choice = selectMerge(runs, this.selector);
    if (choice === null) return null;
    return this.claim(runHandles[choice.run]!.slice(choice.start, choice.end));
  }

  /** Mark parts as merge inputs and return the job merging them. */
  private claim(handles: PartHandle[]): MergeJob {
    handles.sort((a, b) => a.reader.meta.minBlock - b.reader.meta.minBlock);
    for (const h of handles) {
      h.merging = true;
      h.acquire();
    }
    return { run: (signal) => this.runMerge(handles, signal) };
  }

  private async runMerge(handles: PartHandle[], signal: AbortSignal): Promise<void> {
    let task: OffThreadMerge | undefined;
    try {
      let walSeq = 0;
      const entries: ExtraEntries = new Map();
      for (const h of handles) {
        walSeq = Math.max(walSeq, readWalSeq(h.reader.meta.extra));
        mergeExtra(entries, readPartExtra(h.reader.meta.extra));
      }
      const schema = this.defs;
      task = new OffThreadMerge({
        tableDir: this.dir, schema: schema.map((f) => ({ name: f.name, type: f.type })), defaults: schema.map(defaultOf),
        sortKey: this.sortKey, granularity: this.granularity, extra: partExtra(walSeq, entries), algorithm: this.algorithm,
      }, handles.map((h) => h.reader));
      this.running.add(task);
      const reader = await task.run(signal, this.cache);
      if (this.closed || handles.some((h) => !h.active)) {
        // truncated (or closed) meanwhile: the result must not come back
        await rm(reader.dir, { recursive: true, force: true });
        return;
      }
      const merged = this.handleFor(reader, new Date());
      const gone = new Set(handles);
      this.active = this.active.filter((h) => !gone.has(h));
      this.active.push(merged);
      for (const h of handles) this.retire(h);
    } finally {
      if (task) this.running.delete(task);
      for (const h of handles) {
        h.merging = false;
        h.release();
      }
    }
  }

  // ---- bookkeeping ----

  private handleFor(reader: PartReader, mtime: Date): PartHandle {
    return new PartHandle(reader, mtime, this.logger, (h) => this.outdated.delete(h));
  }

  private adopt(h: PartHandle): void {
    this.active.push(h);
  }

  private retire(h: PartHandle): void {
    this.outdated.add(h);
    h.deactivate();
  }

  private checkOpen(): void {
    if (this.closed) throw new EddyError('ABORTED', `table storage ${this.dir} is closed`);
  }

  private serial<T>(fn: () => Promise<T>): Promise<T> {
    const p = this.chain.then(fn);
    this.chain = p.then(() => {}, () => {});
    return p;
  }

  /** Wait for in-flight inserts and hold new ones back; returns the function that lets them go. */
  private async quiesce(): Promise<() => void> {
    while (this.gate !== null) await this.gate;
    let open!: () => void;
    this.gate = new Promise<void>((r) => { open = r; });
    while (this.inflight > 0) await new Promise<void>((r) => this.drainWaiters.push(r));
    return () => { this.gate = null; open(); };
  }

  private async enter(): Promise<void> {
    while (this.gate !== null) await this.gate;
    this.inflight++;
  }

  private leave(): void {
    if (--this.inflight > 0) return;
    const w = this.drainWaiters;
    this.drainWaiters = [];
    for (const f of w) f();
  }
}

async function loadParts(dir: string, cache: ColumnCache | undefined, logger: StorageLogger): Promise<PartHandle[]> {
  const out: PartHandle[] = [];
  for (const name of await readdir(dir)) {
    if (parsePartName(name) === null) continue;
    const path = join(dir, name);
    const st = await stat(path).catch(() => null);
    if (st === null || !st.isDirectory()) continue;
    try {
      const reader = await PartReader.open(path, cache);
      out.push(new PartHandle(reader, st.mtime, logger, () => {}));
    } catch (e) {
      logger.warn(`table ${dir}: cannot open part ${name}, ignoring it: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  return out;
}

/** Delete truncated parts and parts covered by a merged part (a merge finished, its inputs remained). */
async function dropDeadParts(handles: PartHandle[], belowBlock: number, logger: StorageLogger): Promise<PartHandle[]> {
  const sorted = [...handles].sort((a, b) => {
    const x = a.reader.meta;
    const y = b.reader.meta;
    return x.partition < y.partition ? -1 : x.partition > y.partition ? 1
      : x.minBlock - y.minBlock || y.maxBlock - x.maxBlock || y.level - x.level;
  });
  const live: PartHandle[] = [];
  let cover: PartHandle | null = null;
  for (const h of sorted) {
    const m = h.reader.meta;
    const covered = cover !== null && cover.reader.meta.partition === m.partition && m.maxBlock <= cover.reader.meta.maxBlock;
    if (m.maxBlock < belowBlock || covered) {
      logger.info(`removing ${covered ? 'merged-away' : 'truncated'} part ${m.name}`);
      await rm(h.reader.dir, { recursive: true, force: true });
      continue;
    }
    live.push(h);
    cover = h;
  }
  return live;
}

function estimateBytes(columns: readonly Vector[], rowCount: number): number {
  let s = 0;
  for (const v of columns) {
    if (v.kind === 'flat') s += rowCount * v.values.BYTES_PER_ELEMENT;
    else if (v.kind === 'string') s += v.offsets[rowCount]! - v.offsets[0]! + 4 * rowCount;
    else s += 8 * rowCount;
  }
  return s;
}

function definedOnly<T extends object>(o: T): Partial<T> {
  const out: Partial<T> = {};
  for (const [k, v] of Object.entries(o)) if (v !== undefined && typeof v !== 'function' && typeof v !== 'boolean') (out as Record<string, unknown>)[k] = v;
  return out;
}
