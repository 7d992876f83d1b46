/**
 * Writing a part: rows (already sorted by the caller) cut into granules, each column encoded and
 * compressed in blocks of whole granules into `c<i>.bin`, statistics and the primary index gathered,
 * then `part.meta`. Everything goes to `tmp_<name>`, each file fsynced, the directory renamed to
 * `<name>` and the table directory fsynced: the part is complete and durable, or not visible at all.
 */
import { mkdir, open, rename, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { EddyError, toEddyError } from '../../src/core/errors.ts';
import type { Field } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { blockRawBytes, encodeBlock } from '../codec/block.ts';
import { compressionByName, type Compression } from '../codec/compression.ts';
import { crc32 } from '../codec/crc32.ts';
import { materialize } from '../codec/materialize.ts';
import type { ColumnCache } from './cache.ts';
import { fsyncDir, removeQuietly, writeFileSynced } from './durable.ts';
import { encodeMetadata, META_FILE, type ColumnLayout, type PartMeta } from './metadata.ts';
import { partName } from './name.ts';
import { PartReader } from './reader.ts';
import { gatherRows } from './rows.ts';
import { granuleStats } from './stats.ts';

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
  /** Close a block once it holds this many uncompressed bytes (default 64 KiB; tests use tiny blocks). */
  minBlockBytes?: number;
}

/** A block is closed at a granule boundary once it holds this many uncompressed bytes... */
const MIN_BLOCK_BYTES = 64 * 1024;
/** ...and a granule starts a new block rather than push one past this size (or past the minimum, if larger). */
const MAX_BLOCK_BYTES = 1024 * 1024;

/**
 * Write rows (already sorted) as a part named `${partition}_${minBlock}_${maxBlock}_${level}` under
 * tableDir; durable and atomically visible when the promise resolves.
 */
export async function writePart(tableDir: string, schema: readonly Field[], columns: readonly Vector[], rowCount: number,
  opts: PartWriteOptions): Promise<PartReader> {
  const name = partName(opts.partition, opts.minBlock, opts.maxBlock, opts.level);
  validate(schema, columns, rowCount, opts, name);
  const compression = compressionByName(opts.compression ?? 'zstd');
  const tmp = join(tableDir, `tmp_${name}`);
  const final = join(tableDir, name);
  if (await exists(final)) throw new EddyError('LOGICAL_ERROR', `Part ${name} already exists in ${tableDir}`);
  try {
    await removeQuietly(tmp);
    await mkdir(tmp);
    const granularity = opts.granularity;
    const granuleCount = Math.ceil(rowCount / granularity);
    const layouts: ColumnLayout[] = [];
    for (let i = 0; i < schema.length; i++) {
      const field = schema[i]!;
      const v = materialize(columns[i]!);
      const isKey = opts.sortKey.includes(field.name);
      const layout = await writeColumn(join(tmp, `c${i}.bin`), `c${i}.bin`, field, v, granularity, granuleCount, isKey, compression,
        opts.minBlockBytes ?? MIN_BLOCK_BYTES);
      layouts.push(layout);
    }
    const meta: PartMeta = {
      name, rowCount, granularity, granuleCount, partition: opts.partition, minBlock: opts.minBlock,
      maxBlock: opts.maxBlock, level: opts.level, schema: [...schema], sortKey: [...opts.sortKey],
      extra: { ...(opts.extra ?? {}) }, bytesOnDisk: 0, // computed by the reader from the files
      columns: layouts.map((c) => ({ name: c.field.name, compressedBytes: c.fileSize, uncompressedBytes: c.uncompressedBytes })),
    };
    const metaBytes = encodeMetadata({ meta, columns: layouts });
    await writeFileSynced(join(tmp, META_FILE), metaBytes);
    await fsyncDir(tmp);
    await rename(tmp, final);
    await fsyncDir(tableDir);
  } catch (e) {
    await removeQuietly(tmp);
    const err = toEddyError(e);
    if (err.errorName === 'LOGICAL_ERROR' && (e as NodeJS.ErrnoException).code !== undefined) {
      throw new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', `Cannot write part ${name}: ${err.message}`, { cause: e });
    }
    throw err;
  }
  return PartReader.open(final, opts.cache);
}

function validate(schema: readonly Field[], columns: readonly Vector[], rowCount: number, opts: PartWriteOptions, name: string): void {
  if (!Number.isInteger(opts.granularity) || opts.granularity < 1) {
    throw new EddyError('BAD_ARGUMENTS', `Part ${name}: granularity must be a positive integer, got ${opts.granularity}`);
  }
  if (columns.length !== schema.length) {
    throw new EddyError('LOGICAL_ERROR', `Part ${name}: ${columns.length} columns for a schema of ${schema.length}`);
  }
  const names = new Set<string>();
  for (let i = 0; i < schema.length; i++) {
    const f = schema[i]!;
    const v = columns[i]!;
    if (names.has(f.name)) throw new EddyError('DUPLICATE_COLUMN', `Part ${name}: duplicate column '${f.name}'`);
    names.add(f.name);
    if (v.length !== rowCount) {
      throw new EddyError('LOGICAL_ERROR', `Part ${name}: column '${f.name}' has ${v.length} rows, expected ${rowCount}`);
    }
    if (v.type.kind !== f.type.kind) {
      throw new EddyError('TYPE_MISMATCH', `Part ${name}: column '${f.name}' is ${f.type.kind} but got a ${v.type.kind} vector`);
    }
  }
  for (const k of opts.sortKey) {
    if (!names.has(k)) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Part ${name}: sort key column '${k}' is not in the schema`);
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

/** Encode, compress and write one column; returns its layout (blocks, checksums, statistics). */
async function writeColumn(path: string, file: string, field: Field, v: FlatVector | StringVector, granularity: number,
  granuleCount: number, isKey: boolean, compression: Compression, minBlockBytes: number): Promise<ColumnLayout> {
  const maxBlockBytes = Math.max(MAX_BLOCK_BYTES, minBlockBytes);
  const typed: FlatVector | StringVector = { ...v, type: field.type };
  const offsets: number[] = [];
  const compressed: number[] = [];
  const uncompressed: number[] = [];
  const firstGranule: number[] = [];
  const crcs: number[] = [];
  let fileCrc = 0;
  let pos = 0;
  let rawTotal = 0;
  const n = v.length;
  const fh = await open(path, 'wx');
  try {
    let g = 0;
    while (g < granuleCount) {
      const first = g;
      const start = g * granularity;
      let raw = 0;
      while (g < granuleCount) {
        const gs = g * granularity;
        const graw = blockRawBytes(typed, gs, Math.min(n, gs + granularity));
        if (raw > 0 && raw + graw > maxBlockBytes) break;
        raw += graw;
        g++;
        if (raw >= minBlockBytes) break;
      }
      const end = Math.min(n, g * granularity);
      const block = encodeBlock(typed, start, end);
      const packed = compression.compress(block);
      const crc = crc32(packed);
      let written = 0;
      while (written < packed.length) {
        written += (await fh.write(packed, written, packed.length - written, pos + written)).bytesWritten;
      }
      offsets.push(pos);
      compressed.push(packed.length);
      uncompressed.push(block.length);
      firstGranule.push(first);
      crcs.push(crc);
      fileCrc = crc32(packed, fileCrc);
      pos += packed.length;
      rawTotal += raw;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
  const stats = granuleStats(typed, granularity);
  let primaryIndex: FlatVector | StringVector | null = null;
  if (isKey) {
    const rows = new Int32Array(granuleCount);
    for (let k = 0; k < granuleCount; k++) rows[k] = k * granularity;
    primaryIndex = gatherRows(typed, rows);
  }
  return {
    field: { name: field.name, type: field.type }, file, fileSize: pos, fileCrc32: fileCrc, uncompressedBytes: rawTotal,
    blockOffset: Float64Array.from(offsets), blockCompressedSize: Uint32Array.from(compressed),
    blockUncompressedSize: Uint32Array.from(uncompressed), blockFirstGranule: Uint32Array.from(firstGranule),
    blockCrc32: Uint32Array.from(crcs), blockCompression: new Uint8Array(offsets.length).fill(compression.id),
    granuleMin: stats.min, granuleMax: stats.max, hasMinMax: stats.hasMinMax, granuleNulls: stats.nulls, primaryIndex,
  };
}
