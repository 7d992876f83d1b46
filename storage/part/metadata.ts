/**
 * The part metadata file `part.meta`: a FlatBuffer (storage/format/part.fbs) followed by a u32 CRC-32
 * of it and the magic "EDP1". Converts between the FlatBuffer and the in-memory {@link PartMetadata}.
 */
import * as flatbuffers from 'flatbuffers';
import { EddyError } from '../../src/core/errors.ts';
import { parseType, typeName, type Field } from '../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../src/core/vector.ts';
import { decodeBlock, encodeBlock } from '../codec/block.ts';
import { crc32 } from '../codec/crc32.ts';
import { materialize } from '../../src/core/materialize.ts';
import { Block, Column, Field as FbField, KeyValue, Part } from '../format/generated/part_generated.ts';

/** Name of the metadata file inside a part directory. */
export const META_FILE = 'part.meta';

/** Version of the part layout written by this code. */
export const FORMAT_VERSION = 1;

const MAGIC = 0x31504445; // "EDP1" little-endian

/** Summary of a part, as exposed to the table layer and system.parts. */
export interface PartMeta {
  name: string;
  rowCount: number;
  granularity: number;
  granuleCount: number;
  partition: string;
  minBlock: number;
  maxBlock: number;
  level: number;
  schema: Field[];
  sortKey: string[];
  extra: Record<string, string>;
  bytesOnDisk: number;
  columns: { name: string; compressedBytes: number; uncompressedBytes: number }[];
}

/** Where one column's blocks are and what its granules hold. */
export interface ColumnLayout {
  readonly field: Field;
  readonly file: string;
  readonly fileSize: number;
  readonly fileCrc32: number;
  readonly uncompressedBytes: number;
  readonly blockOffset: Float64Array;
  readonly blockCompressedSize: Uint32Array;
  readonly blockUncompressedSize: Uint32Array;
  /** First granule of each block, ascending; block b covers granules [first[b], first[b+1]). */
  readonly blockFirstGranule: Uint32Array;
  readonly blockCrc32: Uint32Array;
  readonly blockCompression: Uint8Array;
  readonly granuleMin: FlatVector | StringVector;
  readonly granuleMax: FlatVector | StringVector;
  readonly hasMinMax: Uint8Array;
  readonly granuleNulls: Uint32Array;
  /** Sort key columns only: each granule's first-row value. */
  readonly primaryIndex: FlatVector | StringVector | null;
}

/** Everything `part.meta` holds. */
export interface PartMetadata {
  readonly meta: PartMeta;
  readonly columns: readonly ColumnLayout[];
}

/** Serialize metadata to the bytes of `part.meta` (FlatBuffer + CRC-32 + magic). */
export function encodeMetadata(m: PartMetadata): Uint8Array {
  const b = new flatbuffers.Builder(4096);
  const meta = m.meta;
  const columns = m.columns.map((c) => {
    const name = b.createString(c.field.name);
    const file = b.createString(c.file);
    Column.startBlocksVector(b, c.blockOffset.length);
    for (let i = c.blockOffset.length - 1; i >= 0; i--) {
      Block.createBlock(b, BigInt(c.blockOffset[i]!), c.blockCompressedSize[i]!, c.blockUncompressedSize[i]!,
        c.blockFirstGranule[i]!, c.blockCrc32[i]!, c.blockCompression[i]!);
    }
    const blocks = b.endVector();
    const gmin = Column.createGranuleMinVector(b, encodeBlock(c.granuleMin));
    const gmax = Column.createGranuleMaxVector(b, encodeBlock(c.granuleMax));
    const has = Column.createHasMinmaxVector(b, c.hasMinMax);
    const nulls = Column.createGranuleNullsVector(b, c.granuleNulls);
    const pk = c.primaryIndex === null ? 0 : Column.createPrimaryIndexVector(b, encodeBlock(c.primaryIndex));
    Column.startColumn(b);
    Column.addName(b, name);
    Column.addFile(b, file);
    Column.addBlocks(b, blocks);
    Column.addFileSize(b, BigInt(c.fileSize));
    Column.addFileCrc32(b, c.fileCrc32);
    Column.addUncompressedBytes(b, BigInt(c.uncompressedBytes));
    Column.addGranuleMin(b, gmin);
    Column.addGranuleMax(b, gmax);
    Column.addHasMinmax(b, has);
    Column.addGranuleNulls(b, nulls);
    if (pk !== 0) Column.addPrimaryIndex(b, pk);
    return Column.endColumn(b);
  });
  const schema = meta.schema.map((f) => FbField.createField(b, b.createString(f.name), b.createString(typeName(f.type))));
  const sortKey = meta.sortKey.map((k) => b.createString(k));
  const extra = Object.entries(meta.extra).map(([k, v]) => KeyValue.createKeyValue(b, b.createString(k), b.createString(v)));
  const root = Part.createPart(b, FORMAT_VERSION, b.createString(meta.name), BigInt(meta.rowCount), meta.granularity,
    meta.granuleCount, b.createString(meta.partition), BigInt(meta.minBlock), BigInt(meta.maxBlock), meta.level,
    Part.createSchemaVector(b, schema), Part.createSortKeyVector(b, sortKey), Part.createExtraVector(b, extra),
    Part.createColumnsVector(b, columns));
  Part.finishPartBuffer(b, root);
  const fb = b.asUint8Array();
  const out = new Uint8Array(fb.length + 8);
  out.set(fb);
  const dv = new DataView(out.buffer);
  dv.setUint32(fb.length, crc32(fb), true);
  dv.setUint32(fb.length + 4, MAGIC, true);
  return out;
}

/** Decode the first `n` rows of an encoded statistics block as a flat or string vector. */
function statsVector(bytes: Uint8Array | null, field: Field, what: string, partName: string): FlatVector | StringVector {
  if (bytes === null) throw corrupted(partName, `${what} of column '${field.name}' is missing`);
  return materialize(decodeBlock(bytes.slice(), { ...field.type, nullable: what === 'primary index' && field.type.nullable }));
}

function corrupted(partName: string, what: string): EddyError {
  return new EddyError('CORRUPTED_DATA', `Part ${partName}: metadata ${META_FILE} is corrupted: ${what}`);
}

/**
 * Parse and verify `part.meta` bytes (bytesOnDisk = column files + this file). `partName` only labels errors. Throws CHECKSUM_DOESNT_MATCH when
 * the checksum fails and CORRUPTED_DATA when the content is inconsistent.
 */
export function decodeMetadata(buf: Uint8Array, partName: string): PartMetadata {
  if (buf.length < 8) throw corrupted(partName, `file has ${buf.length} bytes`);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  if (dv.getUint32(buf.length - 4, true) !== MAGIC) throw corrupted(partName, 'bad magic number');
  const fb = buf.subarray(0, buf.length - 8);
  const expected = dv.getUint32(buf.length - 8, true);
  const actual = crc32(fb);
  if (expected !== actual) {
    throw new EddyError('CHECKSUM_DOESNT_MATCH',
      `Part ${partName}: checksum doesn't match in ${META_FILE} (metadata of all columns): ` +
      `expected ${expected.toString(16)}, got ${actual.toString(16)}`);
  }
  try {
    return parse(new flatbuffers.ByteBuffer(fb), partName, buf.length);
  } catch (e) {
    if (e instanceof EddyError) throw e;
    throw corrupted(partName, (e as Error).message);
  }
}

/** Where a column's blocks are (see {@link ColumnLayout}). */
interface BlockArrays {
  readonly offset: Float64Array;
  readonly compressedSize: Uint32Array;
  readonly uncompressedSize: Uint32Array;
  readonly firstGranule: Uint32Array;
  readonly crc32: Uint32Array;
  readonly compression: Uint8Array;
}

/** A column's granule statistics (see {@link ColumnLayout}). */
interface GranuleStats {
  readonly min: FlatVector | StringVector;
  readonly max: FlatVector | StringVector;
  readonly hasMinMax: Uint8Array;
  readonly nulls: Uint32Array;
  readonly primaryIndex: FlatVector | StringVector | null;
}

/**
 * A column's layout read from the FlatBuffer on first use: its blocks when it is first read, its
 * granule statistics when they are first consulted. Opening a part (a worker's first query after a
 * restart) then decodes only what queries touch, not the statistics of every column. The whole file's
 * CRC was verified at open; inconsistencies found later are CORRUPTED_DATA naming the part and column.
 */
class LazyColumnLayout implements ColumnLayout {
  readonly file: string;
  readonly fileSize: number;
  readonly fileCrc32: number;
  readonly uncompressedBytes: number;
  private blockArrays: BlockArrays | null = null;
  private stats: GranuleStats | null = null;

  constructor(private readonly fb: Column, readonly field: Field, private readonly granuleCount: number, private readonly partName: string) {
    this.file = fb.file() ?? '';
    this.fileSize = Number(fb.fileSize());
    this.fileCrc32 = fb.fileCrc32();
    this.uncompressedBytes = Number(fb.uncompressedBytes());
  }

  get blockOffset(): Float64Array { return (this.blockArrays ?? this.decodeBlocks()).offset; }
  get blockCompressedSize(): Uint32Array { return (this.blockArrays ?? this.decodeBlocks()).compressedSize; }
  get blockUncompressedSize(): Uint32Array { return (this.blockArrays ?? this.decodeBlocks()).uncompressedSize; }
  get blockFirstGranule(): Uint32Array { return (this.blockArrays ?? this.decodeBlocks()).firstGranule; }
  get blockCrc32(): Uint32Array { return (this.blockArrays ?? this.decodeBlocks()).crc32; }
  get blockCompression(): Uint8Array { return (this.blockArrays ?? this.decodeBlocks()).compression; }
  get granuleMin(): FlatVector | StringVector { return (this.stats ?? this.decodeStats()).min; }
  get granuleMax(): FlatVector | StringVector { return (this.stats ?? this.decodeStats()).max; }
  get hasMinMax(): Uint8Array { return (this.stats ?? this.decodeStats()).hasMinMax; }
  get granuleNulls(): Uint32Array { return (this.stats ?? this.decodeStats()).nulls; }
  get primaryIndex(): FlatVector | StringVector | null { return (this.stats ?? this.decodeStats()).primaryIndex; }

  private decodeBlocks(): BlockArrays {
    const { fb, field, granuleCount, partName } = this;
    const nb = fb.blocksLength();
    const a: BlockArrays = {
      offset: new Float64Array(nb), compressedSize: new Uint32Array(nb), uncompressedSize: new Uint32Array(nb),
      firstGranule: new Uint32Array(nb), crc32: new Uint32Array(nb), compression: new Uint8Array(nb),
    };
    const block = new Block();
    for (let k = 0; k < nb; k++) {
      fb.blocks(k, block);
      a.offset[k] = Number(block.offset());
      a.compressedSize[k] = block.compressedSize();
      a.uncompressedSize[k] = block.uncompressedSize();
      a.firstGranule[k] = block.firstGranule();
      a.crc32[k] = block.crc32();
      a.compression[k] = block.compression();
      if (k > 0 && a.firstGranule[k]! <= a.firstGranule[k - 1]!) throw corrupted(partName, `blocks of '${field.name}' out of order`);
    }
    if (nb > 0 && (a.firstGranule[0] !== 0 || a.firstGranule[nb - 1]! >= granuleCount)) {
      throw corrupted(partName, `blocks of '${field.name}' do not cover the granules`);
    }
    if (nb === 0 && granuleCount > 0) throw corrupted(partName, `column '${field.name}' has no blocks`);
    this.blockArrays = a;
    return a;
  }

  private decodeStats(): GranuleStats {
    const { fb, field, granuleCount, partName } = this;
    try {
      const min = statsVector(fb.granuleMinArray(), field, 'granule min', partName);
      const max = statsVector(fb.granuleMaxArray(), field, 'granule max', partName);
      const hasMinMax = fb.hasMinmaxArray()?.slice() ?? new Uint8Array(0);
      const nulls = fb.granuleNullsArray()?.slice() ?? new Uint32Array(0);
      const pk = fb.primaryIndexArray();
      const primaryIndex = pk === null ? null : statsVector(pk, field, 'primary index', partName);
      for (const [what, len] of [['min', min.length], ['max', max.length], ['has_minmax', hasMinMax.length],
        ['nulls', nulls.length], ['primary index', primaryIndex?.length ?? granuleCount]] as const) {
        if (len !== granuleCount) throw corrupted(partName, `${what} of column '${field.name}' has ${len} granules, expected ${granuleCount}`);
      }
      this.stats = { min, max, hasMinMax, nulls, primaryIndex };
      return this.stats;
    } catch (e) {
      if (e instanceof EddyError) throw e;
      throw corrupted(partName, (e as Error).message);
    }
  }
}

function parse(bb: flatbuffers.ByteBuffer, partName: string, metaBytes: number): PartMetadata {
  if (!Part.bufferHasIdentifier(bb)) throw corrupted(partName, 'not an Eddy part metadata file');
  const p = Part.getRootAsPart(bb);
  if (p.formatVersion() !== FORMAT_VERSION) {
    throw new EddyError('NOT_IMPLEMENTED', `Part ${partName}: unsupported part format version ${p.formatVersion()}`);
  }
  const schema: Field[] = [];
  for (let i = 0; i < p.schemaLength(); i++) {
    const f = p.schema(i)!;
    schema.push({ name: f.name() ?? '', type: parseType(f.type() ?? '') });
  }
  const sortKey: string[] = [];
  for (let i = 0; i < p.sortKeyLength(); i++) sortKey.push(p.sortKey(i) ?? '');
  const extra: Record<string, string> = {};
  for (let i = 0; i < p.extraLength(); i++) {
    const kv = p.extra(i)!;
    extra[kv.key() ?? ''] = kv.value() ?? '';
  }
  const granuleCount = p.granuleCount();
  if (p.columnsLength() !== schema.length) throw corrupted(partName, `${p.columnsLength()} columns for ${schema.length} fields`);
  const columns: ColumnLayout[] = [];
  for (let i = 0; i < p.columnsLength(); i++) {
    const c = p.columns(i)!;
    const field = schema[i]!;
    if (c.name() !== field.name) throw corrupted(partName, `column ${i} is '${c.name()}', schema says '${field.name}'`);
    columns.push(new LazyColumnLayout(c, field, granuleCount, partName));
  }
  const meta: PartMeta = {
    name: p.name() ?? '', rowCount: Number(p.rowCount()), granularity: p.granularity(), granuleCount,
    partition: p.partition() ?? '', minBlock: Number(p.minBlock()), maxBlock: Number(p.maxBlock()), level: p.level(),
    schema, sortKey, extra, bytesOnDisk: columns.reduce((sum, c) => sum + c.fileSize, metaBytes),
    columns: columns.map((c) => ({ name: c.field.name, compressedBytes: c.fileSize, uncompressedBytes: c.uncompressedBytes })),
  };
  if (meta.granularity < 1 || granuleCount !== Math.ceil(meta.rowCount / meta.granularity)) {
    throw corrupted(partName, `${granuleCount} granules for ${meta.rowCount} rows of granularity ${meta.granularity}`);
  }
  return { meta, columns };
}
