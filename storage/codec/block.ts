/**
 * Column block encoding: rows [start, end) of one flat vector → self-describing bytes, and back.
 *
 * Layout (little-endian, typed arrays 8-byte aligned from the block start):
 *   u8 encoding, u8 nullMode (0 none, 1 bitmap, 2 all NULL), u16 0, u32 rows,
 *   [nullMode 1: NULL bitmap], payload (absent when all NULL).
 *
 * Fixed-width values are handled as Int32 lanes (64-bit types as lo/hi pairs; floats by their bits),
 * so every encoding is exact for every type. The encoder picks the smallest candidate from cheap
 * statistics: one pass gives the exact packed sizes of FOR, DELTA and DELTA2, and a dictionary is only
 * built when a sample of the block suggests it can win (the build gives up once it cannot):
 *   PLAIN  the values as stored in memory;
 *   FOR    frame-of-reference bit-packing;
 *   DELTA / DELTA2  first 1 or 2 values raw, then deltas (of deltas) frame-of-reference packed;
 *   DICT   distinct values plus bit-packed codes.
 * Strings are PLAIN (lengths FOR-packed + bytes) or DICT (a PLAIN dictionary + packed codes); DICT
 * strings decode to a DictVector. Strings with few distinct values per row take DICT even when it is
 * slightly larger, for the query engine's dictionary paths.
 */
import { EddyError } from '../../src/core/errors.ts';
import { arrayTypeOf, is64Bit, isUnsigned, type DataType, type TypedArray } from '../../src/core/types.ts';
import type { DictVector, FlatVector, StringVector } from '../../src/core/vector.ts';
import { bitWidth, type LaneArray } from './bitpack.ts';
import { ByteReader, ByteWriter } from './bytes.ts';
import { deltaDecode32, deltaDecode64, deltaEncode32, deltaEncode64 } from './delta.ts';
import { buildLaneDict, buildStringDict, estimateLaneDistinct, estimateStringDistinct, type LaneDict, type StringDict } from './dictionary.ts';
import { readFor32, readFor64, readForHeader, readForValues, writeFor32, writeFor64, type ForHeader } from './frame-of-reference.ts';
import { countNulls, packNulls, unpackNulls } from './nulls.ts';
import { shapeWidths32, shapeWidths64, type ShapeWidths } from './shape.ts';

/** Encodings as stored in the block header. */
export const ENCODING = { PLAIN: 0, FOR: 1, DELTA: 2, DELTA2: 3, DICT: 4 } as const;

/** An encoding id. */
export type EncodingId = (typeof ENCODING)[keyof typeof ENCODING];

/** Most distinct values a block dictionary may hold. */
const MAX_DICT = 65536;

/** A decoded block: flat values, strings, or dictionary-coded strings. */
export type DecodedBlock = FlatVector | StringVector | DictVector;

/**
 * Encode rows [start, end) of `v`. `force` picks the encoding (tests, benchmarks); when that encoding
 * does not apply to the data (DICT over too many values, DELTA on floats) the automatic choice is used.
 * The result is a view into the encoder's own (possibly larger) buffer, 8-byte aligned and not shared.
 */
export function encodeBlock(v: FlatVector | StringVector, start = 0, end = v.length, force?: EncodingId): Uint8Array {
  const n = end - start;
  const nullCount = countNulls(v.nulls, start, end);
  const w = new ByteWriter(64 + blockRawBytes(v, start, end));
  const nullMode = nullCount === 0 ? 0 : nullCount === n ? 2 : 1;
  const headerAt = w.length;
  w.u8(0);
  w.u8(nullMode);
  w.u8(0);
  w.u8(0);
  w.u32(n);
  if (nullMode === 1) w.bytes(packNulls(v.nulls!, start, end));
  let enc: EncodingId = ENCODING.PLAIN;
  if (nullMode !== 2) {
    enc = v.kind === 'string' ? writeStrings(w, v, start, end, force) : writeFixed(w, v, start, end, force);
  }
  const out = w.finish();
  out[headerAt] = enc;
  return out;
}

/** Uncompressed in-memory size of rows [start, end) of `v` (values, offsets, NULL mask). */
export function blockRawBytes(v: FlatVector | StringVector, start: number, end: number): number {
  const nullBytes = v.nulls === null ? 0 : end - start;
  if (v.kind === 'string') return v.offsets[end]! - v.offsets[start]! + 4 * (end - start) + nullBytes;
  return v.values.BYTES_PER_ELEMENT * (end - start) + nullBytes;
}

/** Decode a block of column type `type`. `buf` must start 8-byte aligned; views into it are returned. */
export function decodeBlock(buf: Uint8Array, type: DataType): DecodedBlock {
  const r = new ByteReader(buf);
  const enc = r.u8();
  const nullMode = r.u8();
  r.u8();
  r.u8();
  const n = r.u32();
  if (nullMode > 2) throw new EddyError('CORRUPTED_DATA', `Bad NULL mode ${nullMode} in block`);
  const nulls = nullMode === 0 ? null : nullMode === 2 ? new Uint8Array(n).fill(1) : unpackNulls(r.bytes((n + 7) >>> 3), n);
  if (type.kind === 'String') {
    if (nullMode === 2) return { kind: 'string', type, length: n, offsets: new Int32Array(n + 1), bytes: new Uint8Array(0), nulls };
    return readStrings(r, enc, n, type, nulls);
  }
  const C = arrayTypeOf(type);
  if (nullMode === 2) return { kind: 'flat', type, length: n, values: new C(n) as TypedArray, nulls };
  return { kind: 'flat', type, length: n, values: readFixed(r, enc, n, type), nulls };
}

/** Int32 lanes of rows [start, end): a view for 4/8-byte types, a widened copy for 1/2-byte types. */
function lanesOf(values: TypedArray, start: number, end: number): Int32Array {
  const width = values.BYTES_PER_ELEMENT;
  if (width >= 4) return new Int32Array(values.buffer, values.byteOffset + start * width, ((end - start) * width) / 4);
  const out = new Int32Array(end - start);
  out.set(values.subarray(start, end) as Int8Array);
  return out;
}

/** Estimated packed bytes of `count` values of `width` bits plus a small header. */
function packedBytes(count: number, width: number): number {
  return Math.ceil((count * width) / 8) + 16;
}

/**
 * Largest dictionary size (at most `limit`) whose estimated bytes (values plus packed codes for `n`
 * rows) stay below `budget`; 0 if none.
 */
function usefulDictSize(n: number, valueBytes: number, budget: number, limit: number): number {
  let best = 0;
  for (let width = 0; width <= 32; width++) {
    const lo = width === 0 ? 1 : 2 ** (width - 1) + 1;
    if (lo > limit) break;
    const hi = Math.min(width === 0 ? 1 : 2 ** width, limit, Math.floor((budget - 1 - packedBytes(n, width)) / valueBytes));
    if (hi < lo) break;
    best = hi;
  }
  return best;
}

/** Scratch for the shape statistics of the block being encoded. */
const shape: ShapeWidths = { forWidth: 0, deltaWidth: 0, delta2Width: 0 };

/**
 * Choose and write the encoding of fixed-width rows. One pass over the lanes gives the exact packed
 * sizes of FOR, DELTA and DELTA2; a dictionary is built only when a sample suggests few enough distinct
 * values to beat them, and the build stops as soon as it has too many to win.
 */
function writeFixed(w: ByteWriter, v: FlatVector, start: number, end: number, force: EncodingId | undefined): EncodingId {
  const n = end - start;
  const lanes = lanesOf(v.values, start, end);
  const wide = is64Bit(v.type) || v.type.kind === 'Float64';
  const laneCount: 1 | 2 = wide ? 2 : 1;
  const unsigned = isUnsigned(v.type);
  const isFloat = v.type.kind === 'Float32' || v.type.kind === 'Float64';
  const valueBytes = v.values.BYTES_PER_ELEMENT;
  const writeFor = wide ? writeFor64 : writeFor32;

  let best: EncodingId = ENCODING.PLAIN;
  let dict: LaneDict | null = force === ENCODING.DICT ? buildLaneDict(lanes, n, laneCount, Math.min(MAX_DICT, n)) : null;
  const forced = force === ENCODING.PLAIN || dict !== null ||
    (!isFloat && (force === ENCODING.FOR || ((force === ENCODING.DELTA || force === ENCODING.DELTA2) && n > 2)));
  if (forced) {
    best = force!;
  } else {
    let bestBytes = valueBytes * n;
    if (!isFloat) {
      (wide ? shapeWidths64 : shapeWidths32)(lanes, n, unsigned, shape);
      const forBytes = packedBytes(n, shape.forWidth);
      if (forBytes < bestBytes) {
        best = ENCODING.FOR;
        bestBytes = forBytes;
      }
      if (n > 2) {
        const deltaBytes = packedBytes(n - 1, shape.deltaWidth);
        if (deltaBytes < bestBytes) {
          best = ENCODING.DELTA;
          bestBytes = deltaBytes;
        }
        const delta2Bytes = packedBytes(n - 2, shape.delta2Width);
        if (delta2Bytes < bestBytes) {
          best = ENCODING.DELTA2;
          bestBytes = delta2Bytes;
        }
      }
    }
    const maxDict = usefulDictSize(n, valueBytes, bestBytes, Math.min(MAX_DICT, n >>> 1));
    if (maxDict > 0 && estimateLaneDistinct(lanes, n, laneCount) <= maxDict) {
      dict = buildLaneDict(lanes, n, laneCount, maxDict);
      if (dict !== null) best = ENCODING.DICT;
    }
  }
  switch (best) {
    case ENCODING.PLAIN:
      w.array(v.values.subarray(start, end));
      break;
    case ENCODING.FOR:
      writeFor(w, lanes, n, unsigned);
      break;
    case ENCODING.DELTA:
    case ENCODING.DELTA2: {
      const k = best === ENCODING.DELTA ? 1 : 2;
      const d = lanes.slice();
      const deltaEncode = wide ? deltaEncode64 : deltaEncode32;
      deltaEncode(d, n);
      if (k === 2) deltaEncode(d.subarray(laneCount), n - 1);
      w.array(d.subarray(0, k * laneCount));
      writeFor(w, d.subarray(k * laneCount), n - k, false);
      break;
    }
    case ENCODING.DICT: {
      const dv = dict!;
      w.u32(dv.size);
      w.array(narrowLanes(dv.dict, v.values, dv.size));
      writeFor32(w, dv.codes, n, true);
      break;
    }
  }
  return best;
}

/** Dictionary lanes back in the column's own array type (so 1/2-byte types store 1/2 bytes each). */
function narrowLanes(lanes: Int32Array, like: TypedArray, count: number): TypedArray {
  const width = like.BYTES_PER_ELEMENT;
  if (width >= 4) return new Uint8Array(lanes.buffer, lanes.byteOffset, count * width);
  const C = like.constructor as Int8ArrayConstructor;
  const out = new C(count);
  out.set(lanes.subarray(0, count));
  return out;
}

function readFixed(r: ByteReader, enc: number, n: number, type: DataType): TypedArray {
  const C = arrayTypeOf(type);
  const width = C.BYTES_PER_ELEMENT;
  const wide = width === 8;
  const laneCount = wide ? 2 : 1;
  if (enc === ENCODING.PLAIN) return r.array(C as unknown as Int8ArrayConstructor, n) as TypedArray;
  let lanes: Int32Array;
  switch (enc) {
    case ENCODING.FOR:
      if (width < 4) {
        // Narrow types unpack straight into their own array (no Int32 lanes to copy from).
        const out = new C(n) as TypedArray;
        readFor32(r, n, laneView(out));
        return out;
      }
      lanes = new Int32Array(n * laneCount);
      (wide ? readFor64 : readFor32)(r, n, lanes);
      break;
    case ENCODING.DELTA:
    case ENCODING.DELTA2: {
      const k = Math.min(enc === ENCODING.DELTA ? 1 : 2, n);
      lanes = new Int32Array(n * laneCount);
      lanes.set(r.array(Int32Array, k * laneCount));
      (wide ? readFor64 : readFor32)(r, n - k, lanes.subarray(k * laneCount));
      if (enc === ENCODING.DELTA2) (wide ? deltaDecode64 : deltaDecode32)(lanes.subarray(laneCount), n - 1);
      (wide ? deltaDecode64 : deltaDecode32)(lanes, n);
      break;
    }
    case ENCODING.DICT: {
      const size = r.u32();
      const dict = r.array(C as unknown as Int8ArrayConstructor, size) as TypedArray;
      const codes = new Int32Array(n);
      const h = readForHeader(r);
      readForValues(r, h, n, codes);
      const out = new C(n) as TypedArray;
      // One monomorphic loop per width (signedness does not matter for copying bits).
      const top = width === 8 ? gatherDict64(new Int32Array(out.buffer), new Int32Array(dict.buffer, dict.byteOffset, size * 2), codes, n)
        : width === 4 ? gatherDict32(new Int32Array(out.buffer), new Int32Array(dict.buffer, dict.byteOffset, size), codes, n)
          : width === 2 ? gatherDict16(new Int16Array(out.buffer), new Int16Array(dict.buffer, dict.byteOffset, size), codes, n)
            : gatherDict8(new Int8Array(out.buffer), new Int8Array(dict.buffer, dict.byteOffset, size), codes, n);
      if (n > 0 && top >= size) throw badCode(codes.find((c) => c >>> 0 >= size)!, size);
      return out;
    }
    default:
      throw new EddyError('CORRUPTED_DATA', `Unknown encoding ${enc} for ${type.kind} block`);
  }
  if (width >= 4) return new C(lanes.buffer as ArrayBuffer) as TypedArray;
  const out = new C(n) as Int8Array;
  out.set(lanes);
  return out;
}

/** The Int32/Int16/Int8 lanes over a typed array's bytes (signedness does not matter for storing bits). */
function laneView(a: TypedArray): LaneArray {
  switch (a.BYTES_PER_ELEMENT) {
    case 1: return new Int8Array(a.buffer, a.byteOffset, a.length);
    case 2: return new Int16Array(a.buffer, a.byteOffset, a.length);
    default: return new Int32Array(a.buffer, a.byteOffset, a.length);
  }
}

/** True when every value a frame-of-reference header admits is a code of a `size`-entry dictionary. */
function codesFit(h: ForHeader, size: number): boolean {
  return h.min >= 0 && h.min + 2 ** h.width - 1 < size;
}

// Dictionary gathers: out[i] = dict[codes[i]]. Each returns the largest code (unsigned); an
// out-of-range code reads undefined, stored as 0, and the caller reports it afterwards.

function gatherDict64(o: Int32Array, d: Int32Array, codes: Int32Array, n: number): number {
  let top = 0;
  for (let i = 0; i < n; i++) {
    const c = codes[i]! >>> 0;
    top = c > top ? c : top;
    o[2 * i] = d[2 * c]!;
    o[2 * i + 1] = d[2 * c + 1]!;
  }
  return top;
}

function gatherDict32(o: Int32Array, d: Int32Array, codes: Int32Array, n: number): number {
  let top = 0;
  for (let i = 0; i < n; i++) { const c = codes[i]! >>> 0; top = c > top ? c : top; o[i] = d[c]!; }
  return top;
}

function gatherDict16(o: Int16Array, d: Int16Array, codes: Int32Array, n: number): number {
  let top = 0;
  for (let i = 0; i < n; i++) { const c = codes[i]! >>> 0; top = c > top ? c : top; o[i] = d[c]!; }
  return top;
}

function gatherDict8(o: Int8Array, d: Int8Array, codes: Int32Array, n: number): number {
  let top = 0;
  for (let i = 0; i < n; i++) { const c = codes[i]! >>> 0; top = c > top ? c : top; o[i] = d[c]!; }
  return top;
}

function badCode(code: number, size: number): EddyError {
  return new EddyError('CORRUPTED_DATA', `Dictionary code ${code >>> 0} out of range (dictionary size ${size})`);
}

/** Lengths of rows [start, end) of a string vector as Int32 lanes. */
function lengthsOf(offsets: Int32Array, start: number, end: number): Int32Array {
  const out = new Int32Array(end - start);
  for (let i = start; i < end; i++) out[i - start] = offsets[i + 1]! - offsets[i]!;
  return out;
}

/** Longest string among rows [start, end). */
function maxLength(offsets: Int32Array, start: number, end: number): number {
  let m = 0;
  for (let i = start; i < end; i++) {
    const len = offsets[i + 1]! - offsets[i]!;
    if (len > m) m = len;
  }
  return m;
}

function writePlainStrings(w: ByteWriter, offsets: Int32Array, bytes: Uint8Array, start: number, end: number): void {
  writeFor32(w, lengthsOf(offsets, start, end), end - start, true);
  const b = bytes.subarray(offsets[start]!, offsets[end]!);
  w.u32(b.length);
  w.bytes(b);
}

/**
 * A String block whose distinct count is at most this fraction of its rows is dictionary-encoded even
 * when plain strings would be somewhat smaller: the query engine's dictionary paths (grouping on codes,
 * predicates once per entry) then apply.
 */
const LOW_CARD_FRACTION = 4;
/** ...provided the dictionary form costs at most this much more than plain (before compression). */
const DICT_SLACK = 1.25;

/**
 * Choose and write the encoding of string rows: DICT when forced, for LowCardinality, or when a sample
 * suggests few distinct values (at most 1/{@link LOW_CARD_FRACTION} of the rows) and the dictionary
 * form stays within {@link DICT_SLACK} of the plain one (the build stops as soon as it cannot); else PLAIN.
 */
function writeStrings(w: ByteWriter, v: StringVector, start: number, end: number, force: EncodingId | undefined): EncodingId {
  const n = end - start;
  let dict: StringDict | null = null;
  if (force === ENCODING.DICT || (force === undefined && v.type.lowCardinality)) {
    dict = buildStringDict(v.offsets, v.bytes, start, end, MAX_DICT);
  } else if (force === undefined && n >= 16) {
    const limit = Math.min(MAX_DICT, Math.floor(n / LOW_CARD_FRACTION));
    const est = estimateStringDistinct(v.offsets, v.bytes, start, end);
    if (est <= limit) {
      const plainBytes = v.offsets[end]! - v.offsets[start]!;
      const budget = DICT_SLACK * (plainBytes + packedBytes(n, bitWidth(maxLength(v.offsets, start, end))));
      const dictCost = (bytes: number, size: number): number => bytes + size + packedBytes(n, bitWidth(size - 1));
      if (dictCost((est * plainBytes) / n, est) <= budget) {
        dict = buildStringDict(v.offsets, v.bytes, start, end, limit, budget - packedBytes(n, 0));
        if (dict !== null && dictCost(dict.bytes.length, dict.size) > budget) dict = null;
      }
    }
  }
  if (dict !== null) {
    w.u32(dict.size);
    writePlainStrings(w, dict.offsets, dict.bytes, 0, dict.size);
    writeFor32(w, dict.codes, n, true);
    return ENCODING.DICT;
  }
  writePlainStrings(w, v.offsets, v.bytes, start, end);
  return ENCODING.PLAIN;
}

function readPlainStrings(r: ByteReader, n: number): { offsets: Int32Array; bytes: Uint8Array } {
  const offsets = new Int32Array(n + 1);
  readFor32(r, n, offsets.subarray(1));
  for (let i = 1; i <= n; i++) {
    const len = offsets[i]!;
    if (len < 0) throw new EddyError('CORRUPTED_DATA', `Negative string length ${len} in block`);
    offsets[i] = offsets[i - 1]! + len;
  }
  const total = r.u32();
  if (total !== offsets[n]) throw new EddyError('CORRUPTED_DATA', `String bytes ${total} != sum of lengths ${offsets[n]}`);
  return { offsets, bytes: r.bytes(total) };
}

function readStrings(r: ByteReader, enc: number, n: number, type: DataType, nulls: Uint8Array | null): DecodedBlock {
  if (enc === ENCODING.PLAIN) {
    const { offsets, bytes } = readPlainStrings(r, n);
    return { kind: 'string', type, length: n, offsets, bytes, nulls };
  }
  if (enc !== ENCODING.DICT) throw new EddyError('CORRUPTED_DATA', `Unknown encoding ${enc} for String block`);
  const size = r.u32();
  const d = readPlainStrings(r, size);
  const codes = size <= 256 ? new Uint8Array(n) : size <= 65536 ? new Uint16Array(n) : new Uint32Array(n);
  const h = readForHeader(r);
  if (codesFit(h, size)) {
    // Every value the packing can hold is a valid code: unpack straight into the code array.
    readForValues(r, h, n, laneView(codes));
  } else {
    const wide = new Int32Array(n);
    readForValues(r, h, n, wide);
    for (let i = 0; i < n; i++) {
      const c = wide[i]!;
      if ((c >>> 0) >= size) throw badCode(c, size);
      codes[i] = c;
    }
  }
  const dictType: DataType = { ...type, nullable: false };
  const dict: StringVector = { kind: 'string', type: dictType, length: size, offsets: d.offsets, bytes: d.bytes, nulls: null };
  return { kind: 'dict', type, length: n, codes, dict, nulls };
}
