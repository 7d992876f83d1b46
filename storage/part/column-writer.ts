/**
 * Streaming writer of one column file `c<i>.bin`: rows arrive in any number of appends; blocks of whole
 * granules are cut, encoded, compressed and written as soon as they are complete, and the column's
 * per-granule statistics and primary index are gathered block by block. Only the rows of the block in
 * progress are held (copied), so memory stays at about one block whatever the part's size.
 *
 * Block cutting: a block is one stripe (see stripe.ts: 65,536 rows of whole granules), so a cold read
 * decodes a stripe from one block, with no copy to join blocks, and the cache keeps that vector as it
 * is. A stripe whose raw bytes would pass MAX_BLOCK_BYTES is split at a granule boundary first (very
 * long strings). With `minBlockBytes` (tests) blocks are cut by size instead: closed at a granule
 * boundary once they hold that many uncompressed bytes, whatever the stripes. The last block, closed
 * by finish(), may end with a short granule.
 */
import { open, type FileHandle } from 'node:fs/promises';
import { withNullable, type Field } from '../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../src/core/vector.ts';
import { blockRawBytes, encodeBlock } from '../codec/block.ts';
import type { Compression } from '../codec/compression.ts';
import { crc32 } from '../codec/crc32.ts';
import { ColumnBuilder, type PlainVector } from '../segment/column-builder.ts';
import type { ColumnLayout } from './metadata.ts';
import { gatherRows } from './rows.ts';
import { granuleStats } from './stats.ts';
import { stripeGranules } from './stripe.ts';

/** A block's raw size limit: a stripe larger than this is split at a granule boundary. */
const MAX_BLOCK_BYTES = 16 * 1024 * 1024;

/** Growable list of u32/f64 numbers (one entry per block or granule, never per row). */
class NumList {
  private a: Float64Array = new Float64Array(16);
  length = 0;

  push(x: number): void {
    if (this.length === this.a.length) {
      const b = new Float64Array(this.a.length * 2);
      b.set(this.a);
      this.a = b;
    }
    this.a[this.length++] = x;
  }

  /** The numbers as a typed array of the given kind. */
  to<A extends Float64Array | Uint32Array | Uint8Array>(C: { from(x: ArrayLike<number>): A }): A {
    return C.from(this.a.subarray(0, this.length));
  }
}

/** Writes one column of a part, block by block. */
export class ColumnWriter {
  private pending: ColumnBuilder;
  private pos = 0;
  private fileCrc = 0;
  private rawTotal = 0;
  private granules = 0;
  private readonly maxBlockBytes: number;
  private readonly stripeGranules: number;
  private readonly blockOffset = new NumList();
  private readonly blockCompressed = new NumList();
  private readonly blockUncompressed = new NumList();
  private readonly blockFirstGranule = new NumList();
  private readonly blockCrc = new NumList();
  private readonly hasMinMax = new NumList();
  private readonly nulls = new NumList();
  private readonly min: ColumnBuilder;
  private readonly max: ColumnBuilder;
  private readonly primary: ColumnBuilder | null;

  private constructor(
    private readonly fh: FileHandle,
    private readonly file: string,
    private readonly field: Field,
    private readonly granularity: number,
    isKey: boolean,
    private readonly compression: Compression,
    private readonly minBlockBytes: number,
  ) {
    this.maxBlockBytes = Number.isFinite(minBlockBytes) ? Math.max(MAX_BLOCK_BYTES, minBlockBytes) : MAX_BLOCK_BYTES;
    // by size (tests) or by stripe; a granule count no block reaches stands for "not by stripe"
    this.stripeGranules = Number.isFinite(minBlockBytes) ? Number.MAX_SAFE_INTEGER : stripeGranules(granularity);
    this.pending = new ColumnBuilder(field.type, granularity);
    const statType = withNullable(field.type, false);
    this.min = new ColumnBuilder(statType, 64);
    this.max = new ColumnBuilder(statType, 64);
    this.primary = isKey ? new ColumnBuilder(field.type, 64) : null;
  }

  /** Create `path` (must not exist) for column `field`; `file` is its name inside the part. */
  static async open(path: string, file: string, field: Field, granularity: number, isKey: boolean,
    compression: Compression, minBlockBytes = Infinity): Promise<ColumnWriter> {
    const fh = await open(path, 'wx');
    return new ColumnWriter(fh, file, field, granularity, isKey, compression, minBlockBytes);
  }

  /**
   * Append rows [from, to) of `v` (a flat or string vector of this column's layout). Complete blocks
   * are written before this resolves; `v` is not referenced afterwards.
   */
  async append(v: PlainVector, from: number, to: number): Promise<void> {
    if (to <= from) return;
    const typed = { ...v, type: this.field.type } as PlainVector;
    if (this.pending.length === 0) {
      const tail = await this.cut(typed, from, to, false);
      if (tail < to) this.pending.append(typed, tail, to);
      return;
    }
    this.pending.append(typed, from, to);
    await this.cutPending(false);
  }

  /** Write the last block, fsync and close the file; returns the column's layout for the metadata. */
  async finish(): Promise<ColumnLayout> {
    await this.cutPending(true);
    await this.fh.sync();
    await this.fh.close();
    const primary = this.primary?.view();
    return {
      field: { name: this.field.name, type: this.field.type }, file: this.file, fileSize: this.pos, fileCrc32: this.fileCrc,
      uncompressedBytes: this.rawTotal, blockOffset: this.blockOffset.to(Float64Array),
      blockCompressedSize: this.blockCompressed.to(Uint32Array), blockUncompressedSize: this.blockUncompressed.to(Uint32Array),
      blockFirstGranule: this.blockFirstGranule.to(Uint32Array), blockCrc32: this.blockCrc.to(Uint32Array),
      blockCompression: new Uint8Array(this.blockOffset.length).fill(this.compression.id),
      granuleMin: this.min.view(), granuleMax: this.max.view(), hasMinMax: this.hasMinMax.to(Uint8Array),
      granuleNulls: this.nulls.to(Uint32Array), primaryIndex: primary ?? null,
    };
  }

  /** Close the file without finishing (the caller removes the directory). */
  async abort(): Promise<void> {
    await this.fh.close().catch(() => {});
  }

  /** Cut the buffered rows; keep only the tail that does not form a closed block yet. */
  private async cutPending(final: boolean): Promise<void> {
    const n = this.pending.length;
    if (n === 0) return;
    const view = this.pending.view();
    const tail = await this.cut(view, 0, n, final);
    if (tail === 0) return;
    const rest = new ColumnBuilder(this.field.type, Math.max(this.granularity, n - tail));
    rest.append(view, tail, n);
    this.pending = rest;
  }

  /**
   * Write the closed blocks of rows [start, end) of `v` (start is a granule boundary of the part);
   * with `final` the rows are the column's last, so everything is written. Returns where the unwritten
   * tail begins.
   */
  private async cut(v: PlainVector, start: number, end: number, final: boolean): Promise<number> {
    const gran = this.granularity;
    let blockStart = start;
    let raw = 0;
    let count = 0; // granules in the block so far; it begins at granule this.granules of the part
    let g = start;
    for (;;) {
      let ge = g + gran;
      if (ge > end) {
        if (!final || g >= end) break;
        ge = end;
      }
      const graw = blockRawBytes(v, g, ge);
      if (raw > 0 && raw + graw > this.maxBlockBytes) {
        await this.writeBlock(v, blockStart, g, raw);
        blockStart = g;
        raw = 0;
        count = 0;
      }
      raw += graw;
      g = ge;
      count++;
      if (raw >= this.minBlockBytes || (this.granules + count) % this.stripeGranules === 0) {
        await this.writeBlock(v, blockStart, g, raw);
        blockStart = g;
        raw = 0;
        count = 0;
      }
    }
    if (final && blockStart < end) {
      await this.writeBlock(v, blockStart, end, raw);
      blockStart = end;
    }
    return blockStart;
  }

  /** Encode, compress and write rows [s, e) as one block; record its mark and its granules' statistics. */
  private async writeBlock(v: PlainVector, s: number, e: number, raw: number): Promise<void> {
    const block = encodeBlock(v, s, e);
    const packed = this.compression.compress(block);
    const crc = crc32(packed);
    let written = 0;
    while (written < packed.length) {
      written += (await this.fh.write(packed, written, packed.length - written, this.pos + written)).bytesWritten;
    }
    this.blockOffset.push(this.pos);
    this.blockCompressed.push(packed.length);
    this.blockUncompressed.push(block.length);
    this.blockFirstGranule.push(this.granules);
    this.blockCrc.push(crc);
    this.fileCrc = crc32(packed, this.fileCrc);
    this.pos += packed.length;
    this.rawTotal += raw;

    const rows = rowsView(v, s, e);
    const stats = granuleStats(rows, this.granularity);
    const count = stats.hasMinMax.length;
    this.min.append(stats.min);
    this.max.append(stats.max);
    for (let k = 0; k < count; k++) {
      this.hasMinMax.push(stats.hasMinMax[k]!);
      this.nulls.push(stats.nulls[k]!);
    }
    if (this.primary !== null) {
      const first = new Int32Array(count);
      for (let k = 0; k < count; k++) first[k] = k * this.granularity;
      this.primary.append(gatherRows(rows, first));
    }
    this.granules += count;
  }
}

/** Rows [s, e) of `v` without copying (string offsets stay absolute into the same bytes). */
function rowsView(v: PlainVector, s: number, e: number): FlatVector | StringVector {
  const nulls = v.nulls === null ? null : v.nulls.subarray(s, e);
  if (v.kind === 'string') return { kind: 'string', type: v.type, length: e - s, offsets: v.offsets.subarray(s, e + 1), bytes: v.bytes, nulls };
  return { kind: 'flat', type: v.type, length: e - s, values: v.values.subarray(s, e), nulls };
}
