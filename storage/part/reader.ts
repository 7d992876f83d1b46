/**
 * Reading a part: metadata verified on open; column granule ranges read by locating their blocks
 * (the marks), verifying each block's CRC-32, decompressing, decoding and slicing to exactly the rows
 * asked for. Decoded blocks go through the shared {@link ColumnCache}.
 */
import { readFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { EddyError, toEddyError } from '../../src/core/errors.ts';
import type { ColumnRange } from '../../src/core/scan.ts';
import { arrayTypeOf, type Scalar, type TypedArray } from '../../src/core/types.ts';
import { scalarAt, type Vector } from '../../src/core/vector.ts';
import { decodeBlock, type DecodedBlock } from '../codec/block.ts';
import { compressionById } from '../codec/compression.ts';
import { crc32 } from '../codec/crc32.ts';
import type { ColumnCache } from './cache.ts';
import { decodeMetadata, META_FILE, type ColumnLayout, type PartMeta } from './metadata.ts';
import { readAt } from './read-at.ts';
import { columnMinMax, selectGranuleRanges } from './prune.ts';
import { concatRows, sliceRows } from './rows.ts';
import { stripeGranules } from './stripe.ts';

/** Approximate memory held by a decoded block, for the cache budget. */
function decodedBytes(v: DecodedBlock): number {
  const nulls = v.nulls === null ? 0 : v.nulls.byteLength;
  switch (v.kind) {
    case 'flat': return v.values.byteLength + nulls;
    case 'string': return v.offsets.byteLength + v.bytes.byteLength + nulls;
    case 'dict': return v.codes.byteLength + decodedBytes(v.dict) + nulls;
  }
}

/** An open, immutable part. */
export class PartReader {
  private readonly byName = new Map<string, ColumnLayout>();

  private constructor(
    /** The part directory. */
    readonly dir: string,
    /** What the part holds. */
    readonly meta: PartMeta,
    private readonly columns: readonly ColumnLayout[],
    private readonly cache: ColumnCache | undefined,
  ) {
    for (const c of columns) this.byName.set(c.field.name, c);
  }

  /** Open the part in `dir`: reads and verifies its metadata. */
  static async open(dir: string, cache?: ColumnCache): Promise<PartReader> {
    const label = basename(dir);
    let buf: Uint8Array;
    try {
      buf = await readFile(join(dir, META_FILE));
    } catch (e) {
      const code = (e as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new EddyError('FILE_DOESNT_EXIST', `Part ${label}: ${META_FILE} is missing in ${dir}`, { cause: e });
      throw toEddyError(e);
    }
    const { meta, columns } = decodeMetadata(buf, label);
    return new PartReader(dir, meta, columns, cache);
  }

  /** First row of granule g. */
  granuleRowStart(g: number): number {
    return g * this.meta.granularity;
  }

  /** Rows in granule g (the last granule may be short). */
  granuleRowCount(g: number): number {
    return Math.max(0, Math.min(this.meta.granularity, this.meta.rowCount - g * this.meta.granularity));
  }

  /** True when the part stores a column of that name. */
  hasColumn(name: string): boolean {
    return this.byName.has(name);
  }

  /** Granule ranges [from, to) that may contain rows matching every range (min/max + primary index). Empty = part pruned. */
  selectGranules(ranges: readonly ColumnRange[]): Array<[number, number]> {
    return selectGranuleRanges(ranges, this.meta.granuleCount, (g) => this.granuleRowCount(g), (n) => this.byName.get(n));
  }

  /** Part-level min/max of a column (for partition pruning and system.parts). */
  columnMinMax(name: string): { min: Scalar; max: Scalar; nulls: number } | undefined {
    const c = this.byName.get(name);
    return c === undefined ? undefined : columnMinMax(c, scalarAt);
  }

  /** The sort key values of granule g's first row (the primary index), in sort key order. */
  granuleKey(g: number): Scalar[] {
    return this.meta.sortKey.map((k) => {
      const idx = this.byName.get(k)?.primaryIndex;
      if (idx == null) throw new EddyError('LOGICAL_ERROR', `Part ${this.meta.name}: no primary index for '${k}'`);
      return scalarAt(idx, g);
    });
  }

  /**
   * Decode one column for granules [from, to) as a Vector of exactly the rows of those granules.
   * Throws CHECKSUM_DOESNT_MATCH / CORRUPTED_DATA naming the part and column on damaged data.
   * Dictionary-encoded strings come back as a DictVector when every block in the range is one.
   * A range inside one stripe (see {@link stripeGranules}) is a view of the cached stripe, not a copy:
   * treat the result as read-only.
   */
  async readColumn(name: string, from: number, to: number): Promise<Vector> {
    const c = this.byName.get(name);
    if (c === undefined) {
      throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Part ${this.meta.name} has no column '${name}'`);
    }
    if (!(Number.isInteger(from) && Number.isInteger(to) && 0 <= from && from <= to && to <= this.meta.granuleCount)) {
      throw new EddyError('LOGICAL_ERROR', `Part ${this.meta.name}: bad granule range [${from}, ${to}) of ${this.meta.granuleCount}`);
    }
    if (from === to) return emptyOf(c);
    const rowFrom = this.granuleRowStart(from);
    const rowTo = Math.min(this.meta.rowCount, this.granuleRowStart(to));
    const S = this.stripeGranules;
    const first = Math.floor(from / S);
    const last = Math.floor((to - 1) / S);
    const stripes = await this.loadStripes(c, first, last);
    const parts: DecodedBlock[] = [];
    for (let s = first; s <= last; s++) {
      const v = stripes[s - first]!;
      const sStart = this.granuleRowStart(s * S);
      parts.push(sliceRows(v, Math.max(rowFrom, sStart) - sStart, Math.min(rowTo, sStart + v.length) - sStart));
    }
    return concatRows(parts);
  }

  /**
   * Granules per stripe (see stripe.ts): the unit of the decoded-block cache, 65,536 rows (at least one
   * granule) starting at a multiple of it. A scan whose batches stay inside stripes gets zero-copy views.
   */
  get stripeGranules(): number {
    return stripeGranules(this.meta.granularity);
  }

  /** First granule of each block of a column (ascending; block b covers granules [f[b], f[b+1])). */
  blockFirstGranules(name: string): Uint32Array {
    return this.layout(name).blockFirstGranule;
  }

  /**
   * Block b of a column, read and decoded without going through the cache (sequential readers such as
   * merges, whose blocks are read once). Same checks and errors as {@link readColumn}.
   */
  async readBlock(name: string, b: number): Promise<DecodedBlock> {
    const c = this.layout(name);
    if (!(Number.isInteger(b) && b >= 0 && b < c.blockOffset.length)) {
      throw new EddyError('LOGICAL_ERROR', `Part ${this.meta.name}: column '${name}' has no block ${b}`);
    }
    const raw = await this.readRange(c, join(this.dir, c.file), c.blockOffset[b]!, c.blockCompressedSize[b]!);
    return this.decode(c, b, raw);
  }

  private layout(name: string): ColumnLayout {
    const c = this.byName.get(name);
    if (c === undefined) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Part ${this.meta.name} has no column '${name}'`);
    return c;
  }

  /**
   * Decoded stripes [first, last] of a column, from the cache or else from the blocks covering them
   * (one file read for all misses). A stripe inside one block is a view of it; one spanning blocks is
   * their concatenation, made once.
   */
  private async loadStripes(c: ColumnLayout, first: number, last: number): Promise<DecodedBlock[]> {
    const path = join(this.dir, c.file);
    const key = `${path}@${c.fileCrc32.toString(16)}/${this.stripeGranules}`;
    const out: (DecodedBlock | undefined)[] = [];
    let missFirst = -1;
    let missLast = -1;
    for (let s = first; s <= last; s++) {
      const hit = this.cache?.get(key, s);
      out.push(hit);
      if (hit === undefined) {
        if (missFirst < 0) missFirst = s;
        missLast = s;
      }
    }
    if (missFirst < 0) return out as DecodedBlock[];
    const S = this.stripeGranules;
    const gFrom = missFirst * S;
    const gTo = Math.min(this.meta.granuleCount, (missLast + 1) * S);
    const bFirst = blockOf(c, gFrom);
    const bLast = blockOf(c, gTo - 1);
    const start = c.blockOffset[bFirst]!;
    const end = c.blockOffset[bLast]! + c.blockCompressedSize[bLast]!;
    const raw = await this.readRange(c, path, start, end - start);
    const blocks: DecodedBlock[] = [];
    for (let b = bFirst; b <= bLast; b++) {
      const at = c.blockOffset[b]! - start;
      blocks.push(this.decode(c, b, raw.subarray(at, at + c.blockCompressedSize[b]!)));
    }
    // Every stripe the decoded blocks cover whole is cached, not only the missing ones: a block larger
    // than a stripe is then decoded once, not once per stripe.
    const gBlocksTo = bLast + 1 < c.blockFirstGranule.length ? c.blockFirstGranule[bLast + 1]! : this.meta.granuleCount;
    const sFirst = Math.ceil(c.blockFirstGranule[bFirst]! / S);
    const sLast = gBlocksTo === this.meta.granuleCount ? Math.ceil(gBlocksTo / S) - 1 : Math.floor(gBlocksTo / S) - 1;
    let b = bFirst;
    for (let s = sFirst; s <= sLast; s++) {
      if (s >= first && s <= last && out[s - first] !== undefined) continue;
      const rowFrom = this.granuleRowStart(s * S);
      const rowTo = Math.min(this.meta.rowCount, this.granuleRowStart((s + 1) * S));
      const pieces: DecodedBlock[] = [];
      for (; b <= bLast; b++) {
        const v = blocks[b - bFirst]!;
        const bStart = this.granuleRowStart(c.blockFirstGranule[b]!);
        if (bStart >= rowTo) break;
        if (bStart + v.length <= rowFrom) continue;
        pieces.push(sliceRows(v, Math.max(rowFrom, bStart) - bStart, Math.min(rowTo, bStart + v.length) - bStart));
        if (bStart + v.length > rowTo) break; // the block goes on into the next stripe
      }
      const stripe = concatRows(pieces);
      if (s >= first && s <= last) out[s - first] = stripe;
      this.cache?.put(key, s, stripe, decodedBytes(stripe));
    }
    return out as DecodedBlock[];
  }

  private async readRange(c: ColumnLayout, path: string, position: number, length: number): Promise<Uint8Array> {
    const buf = new Uint8Array(length);
    let got: number;
    try {
      got = await readAt(path, buf, position);
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') {
        throw new EddyError('FILE_DOESNT_EXIST', `Part ${this.meta.name}, column '${c.field.name}': ${c.file} is missing`, { cause: e });
      }
      throw toEddyError(e);
    }
    if (got < length) {
      throw new EddyError('CORRUPTED_DATA',
        `Part ${this.meta.name}, column '${c.field.name}': ${c.file} is truncated (wanted ${length} bytes at ${position})`);
    }
    return buf;
  }

  /** Verify, decompress and decode block b of a column. */
  private decode(c: ColumnLayout, b: number, packed: Uint8Array): DecodedBlock {
    const where = `Part ${this.meta.name}, column '${c.field.name}' (${c.file}, block ${b})`;
    const actual = crc32(packed);
    if (actual !== c.blockCrc32[b]) {
      throw new EddyError('CHECKSUM_DOESNT_MATCH',
        `${where}: checksum doesn't match: expected ${c.blockCrc32[b]!.toString(16)}, got ${actual.toString(16)}`);
    }
    try {
      const raw = compressionById(c.blockCompression[b]!).decompress(packed, c.blockUncompressedSize[b]!);
      const v = decodeBlock(raw, c.field.type);
      const rows = this.granuleRowStart(b + 1 < c.blockFirstGranule.length ? c.blockFirstGranule[b + 1]! : this.meta.granuleCount);
      const expected = Math.min(this.meta.rowCount, rows) - this.granuleRowStart(c.blockFirstGranule[b]!);
      if (v.length !== expected) throw new EddyError('CORRUPTED_DATA', `block has ${v.length} rows, expected ${expected}`);
      return v;
    } catch (e) {
      const err = toEddyError(e);
      throw new EddyError(err.errorName === 'LOGICAL_ERROR' ? 'CORRUPTED_DATA' : err.errorName, `${where}: ${err.message}`, { cause: e });
    }
  }

  /**
   * Read every column file whole and compare its size and CRC-32 with the metadata (CHECK TABLE, tests).
   * Throws CHECKSUM_DOESNT_MATCH / CORRUPTED_DATA naming the part and column.
   */
  async verify(): Promise<void> {
    for (const c of this.columns) {
      let data: Uint8Array;
      try {
        data = await readFile(join(this.dir, c.file));
      } catch (e) {
        throw new EddyError('FILE_DOESNT_EXIST', `Part ${this.meta.name}, column '${c.field.name}': cannot read ${c.file}`, { cause: e });
      }
      if (data.length !== c.fileSize) {
        throw new EddyError('CORRUPTED_DATA',
          `Part ${this.meta.name}, column '${c.field.name}': ${c.file} has ${data.length} bytes, expected ${c.fileSize}`);
      }
      const actual = crc32(data);
      if (actual !== c.fileCrc32) {
        throw new EddyError('CHECKSUM_DOESNT_MATCH',
          `Part ${this.meta.name}, column '${c.field.name}': checksum doesn't match in ${c.file}: expected ${c.fileCrc32.toString(16)}, got ${actual.toString(16)}`);
      }
    }
  }
}

/** Index of the block holding granule g (binary search over the blocks' first granules). */
function blockOf(c: ColumnLayout, g: number): number {
  const f = c.blockFirstGranule;
  let lo = 0;
  let hi = f.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (f[mid]! <= g) lo = mid;
    else hi = mid - 1;
  }
  return lo;
}

/** An empty vector of the column's type. */
function emptyOf(c: ColumnLayout): DecodedBlock {
  const t = c.field.type;
  if (t.kind === 'String') return { kind: 'string', type: t, length: 0, offsets: new Int32Array(1), bytes: new Uint8Array(0), nulls: null };
  return { kind: 'flat', type: t, length: 0, values: new (arrayTypeOf(t))(0) as TypedArray, nulls: null };
}
