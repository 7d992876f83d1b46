/**
 * Writing a part. {@link PartWriter} streams rows (already sorted by the caller) into a part: each
 * append is cut into granules and blocks per column as rows arrive (see ColumnWriter), so a part of any
 * size is written holding about one block per column. Everything goes to `tmp_<name>`; finish() fsyncs
 * each file, writes `part.meta`, renames the directory to `<name>` and fsyncs the table directory: the
 * part is complete and durable, or not visible at all. {@link writePart} writes whole columns at once.
 */
import { mkdir, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EddyError } from '../../src/core/errors.ts';
import type { Field } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { compressionByName } from '../codec/compression.ts';
import { materialize } from '../../src/core/materialize.ts';
import type { ColumnCache } from './cache.ts';
import { ColumnWriter } from './column-writer.ts';
import { diskError, fsyncDir, removeQuietly, writeFileSynced } from './durable.ts';
import { encodeMetadata, META_FILE, type ColumnLayout, type PartMeta } from './metadata.ts';
import { partName } from './name.ts';
import { PartReader } from './reader.ts';

/** How to cut, name and label a part. */
export interface PartWriteOptions {
  /** Rows per granule. */
  granularity: number;
  /** Column names of the ORDER BY key (rows are already sorted by the caller). */
  sortKey: readonly string[];
  /** Partition id ('all' when no PARTITION BY). */
  partition: string;
  minBlock: number;
  maxBlock: number;
  level: number;
  /** Opaque metadata stored in the footer (e.g. Kafka offsets). */
  extra?: Readonly<Record<string, string>>;
  /** Block compression: 'zstd' (default) or 'none'. */
  compression?: 'zstd' | 'none';
  /** Cache the returned reader uses. */
  cache?: ColumnCache;
  /** Cut blocks by size: close one once it holds this many uncompressed bytes (default: a block per stripe; tests use tiny blocks). */
  minBlockBytes?: number;
}

/** A part being written: open() → append() any number of times → finish() (or abort()). */
export class PartWriter {
  private rows = 0;
  private state: 'open' | 'done' | 'failed' = 'open';

  private constructor(
    private readonly tableDir: string,
    private readonly schema: readonly Field[],
    private readonly opts: PartWriteOptions,
    private readonly name: string,
    private readonly tmp: string,
    private readonly columns: readonly ColumnWriter[],
  ) {}

  /**
   * Start writing part `${partition}_${minBlock}_${maxBlock}_${level}` under `tableDir` (into
   * `tmp_<name>`). Fails with LOGICAL_ERROR if the part already exists.
   */
  static async open(tableDir: string, schema: readonly Field[], opts: PartWriteOptions): Promise<PartWriter> {
    const name = partName(opts.partition, opts.minBlock, opts.maxBlock, opts.level);
    validateSchema(schema, opts, name);
    const compression = compressionByName(opts.compression ?? 'zstd');
    const tmp = join(tableDir, `tmp_${name}`);
    if (await exists(join(tableDir, name))) throw new EddyError('LOGICAL_ERROR', `Part ${name} already exists in ${tableDir}`);
    const columns: ColumnWriter[] = [];
    try {
      await removeQuietly(tmp);
      await mkdir(tmp);
      for (let i = 0; i < schema.length; i++) {
        const f = schema[i]!;
        columns.push(await ColumnWriter.open(join(tmp, `c${i}.bin`), `c${i}.bin`, f, opts.granularity,
          opts.sortKey.includes(f.name), compression, opts.minBlockBytes));
      }
    } catch (e) {
      await Promise.all(columns.map((c) => c.abort()));
      await removeQuietly(tmp);
      throw diskError(e, `part ${name}`);
    }
    return new PartWriter(tableDir, schema, opts, name, tmp, columns);
  }

  /** Name the part will have. */
  get partName(): string {
    return this.name;
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.rows;
  }

  /**
   * Append `rowCount` rows (columns in schema order, sorted after the rows appended before). Complete
   * blocks are written before this resolves and the columns are not referenced afterwards. On failure
   * the part is abandoned (its tmp directory removed) and the error rethrown as an EddyError.
   */
  async append(columns: readonly Vector[], rowCount: number): Promise<void> {
    this.checkOpen();
    validateColumns(this.schema, columns, rowCount, this.name);
    if (rowCount === 0) return;
    try {
      for (let i = 0; i < this.columns.length; i++) {
        await this.columns[i]!.append(materialize(columns[i]!), 0, rowCount);
      }
      this.rows += rowCount;
    } catch (e) {
      await this.fail();
      throw diskError(e, `part ${this.name}`);
    }
  }

  /**
   * Append `rowCount` rows one column at a time: `column(i)` is called for i = 0, 1, … in schema order
   * and each result is written and dropped before the next is asked for, so a caller that builds
   * columns on demand (a gather in sort order) holds one column, and blocks are cut straight from it
   * without first being copied into the writer's buffers. Same contract as {@link append} otherwise.
   */
  async appendColumns(rowCount: number, column: (i: number) => Vector): Promise<void> {
    this.checkOpen();
    if (rowCount === 0) return;
    try {
      for (let i = 0; i < this.columns.length; i++) {
        const v = column(i);
        validateColumn(this.schema[i]!, v, rowCount, this.name);
        await this.columns[i]!.append(materialize(v), 0, rowCount);
      }
      this.rows += rowCount;
    } catch (e) {
      await this.fail();
      throw diskError(e, `part ${this.name}`);
    }
  }

  /** Write the last blocks and the metadata, make the part durable and visible; returns its reader. */
  async finish(): Promise<PartReader> {
    this.checkOpen();
    const final = join(this.tableDir, this.name);
    try {
      const layouts: ColumnLayout[] = [];
      for (const c of this.columns) layouts.push(await c.finish());
      const o = this.opts;
      const granuleCount = Math.ceil(this.rows / o.granularity);
      const meta: PartMeta = {
        name: this.name, rowCount: this.rows, granularity: o.granularity, granuleCount, partition: o.partition,
        minBlock: o.minBlock, maxBlock: o.maxBlock, level: o.level, schema: [...this.schema], sortKey: [...o.sortKey],
        extra: { ...(o.extra ?? {}) }, bytesOnDisk: 0, // computed by the reader from the files
        columns: layouts.map((c) => ({ name: c.field.name, compressedBytes: c.fileSize, uncompressedBytes: c.uncompressedBytes })),
      };
      await writeFileSynced(join(this.tmp, META_FILE), encodeMetadata({ meta, columns: layouts }));
      await fsyncDir(this.tmp);
      await rename(this.tmp, final);
      await fsyncDir(this.tableDir);
    } catch (e) {
      await this.fail();
      throw diskError(e, `part ${this.name}`);
    }
    this.state = 'done';
    return PartReader.open(final, this.opts.cache);
  }

  /** Give up: close the files and remove the tmp directory. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.state !== 'open') return;
    await this.fail();
  }

  private async fail(): Promise<void> {
    this.state = 'failed';
    await Promise.all(this.columns.map((c) => c.abort()));
    await removeQuietly(this.tmp);
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new EddyError('LOGICAL_ERROR', `Part ${this.name}: writer is ${this.state === 'done' ? 'finished' : 'aborted'}`);
  }
}

/**
 * Write rows (already sorted) as a part named `${partition}_${minBlock}_${maxBlock}_${level}` under
 * tableDir; durable and atomically visible when the promise resolves.
 */
export async function writePart(tableDir: string, schema: readonly Field[], columns: readonly Vector[], rowCount: number,
  opts: PartWriteOptions): Promise<PartReader> {
  const name = partName(opts.partition, opts.minBlock, opts.maxBlock, opts.level);
  validateSchema(schema, opts, name);
  validateColumns(schema, columns, rowCount, name);
  const w = await PartWriter.open(tableDir, schema, opts);
  await w.append(columns, rowCount);
  return w.finish();
}

function validateSchema(schema: readonly Field[], opts: PartWriteOptions, name: string): void {
  if (!Number.isInteger(opts.granularity) || opts.granularity < 1) {
    throw new EddyError('BAD_ARGUMENTS', `Part ${name}: granularity must be a positive integer, got ${opts.granularity}`);
  }
  const names = new Set<string>();
  for (const f of schema) {
    if (names.has(f.name)) throw new EddyError('DUPLICATE_COLUMN', `Part ${name}: duplicate column '${f.name}'`);
    names.add(f.name);
  }
  for (const k of opts.sortKey) {
    if (!names.has(k)) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Part ${name}: sort key column '${k}' is not in the schema`);
  }
}

function validateColumns(schema: readonly Field[], columns: readonly Vector[], rowCount: number, name: string): void {
  if (columns.length !== schema.length) {
    throw new EddyError('LOGICAL_ERROR', `Part ${name}: ${columns.length} columns for a schema of ${schema.length}`);
  }
  for (let i = 0; i < schema.length; i++) validateColumn(schema[i]!, columns[i]!, rowCount, name);
}

function validateColumn(f: Field, v: Vector, rowCount: number, name: string): void {
  if (v.length !== rowCount) {
    throw new EddyError('LOGICAL_ERROR', `Part ${name}: column '${f.name}' has ${v.length} rows, expected ${rowCount}`);
  }
  if (v.type.kind !== f.type.kind) {
    throw new EddyError('TYPE_MISMATCH', `Part ${name}: column '${f.name}' is ${f.type.kind} but got a ${v.type.kind} vector`);
  }
}

async function exists(path: string): Promise<boolean> {
  try {
    await stat(path);
    return true;
  } catch {
    return false;
  }
}
