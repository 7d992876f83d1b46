/**
 * The binary layout of one columnar block inside a WAL record. Columns are stored by name and type so
 * a record written before ADD/DROP COLUMN still replays: the reader maps columns by name.
 *
 * Layout (little-endian):
 * ```
 * u32 rowCount | u32 columnCount | u32 extraLen | extra (UTF-8 JSON object of strings, may be empty)
 * per column:
 *   u16 nameLen | name | u16 typeLen | type name (ClickHouse spelling) | u8 encoding (0 flat, 1 string)
 *   u8 hasNulls | [ceil(rowCount/8) bytes: null bitmap, bit i = row i is NULL]
 *   flat:   u32 byteLen | values (raw typed-array bytes)
 *   string: u32 byteLen | (rowCount+1) × i32 offsets starting at 0 | byteLen UTF-8 bytes
 * ```
 */
import { EddyError } from '../../src/core/errors.ts';
import { materialize } from '../../src/core/materialize.ts';
import type { DataType, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf, parseType, typeName } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector, fromUtf8, stringVector, utf8 } from '../../src/core/vector.ts';

/** A block as read back from the WAL: columns by name, always flat or string. */
export interface DecodedBlock {
  readonly names: readonly string[];
  readonly types: readonly DataType[];
  readonly columns: readonly (FlatVector | StringVector)[];
  readonly rowCount: number;
  readonly extra: Readonly<Record<string, string>> | undefined;
}

/** Serialize `rowCount` rows of named columns plus optional `extra` metadata. */
export function encodeBlock(names: readonly string[], columns: readonly Vector[], rowCount: number,
  extra?: Readonly<Record<string, string>>): Uint8Array {
  const flat = columns.map(materialize);
  const nameBytes = names.map(utf8);
  const typeBytes = flat.map((v) => utf8(typeName(v.type)));
  const extraBytes = extra && Object.keys(extra).length > 0 ? utf8(JSON.stringify(extra)) : new Uint8Array(0);
  const bitmapLen = (rowCount + 7) >>> 3;
  let size = 12 + extraBytes.length;
  for (let c = 0; c < flat.length; c++) {
    const v = flat[c]!;
    size += 2 + nameBytes[c]!.length + 2 + typeBytes[c]!.length + 2 + (v.nulls ? bitmapLen : 0) + 4;
    if (v.kind === 'flat') size += rowCount * v.values.BYTES_PER_ELEMENT;
    else size += (rowCount + 1) * 4 + (v.offsets[rowCount]! - v.offsets[0]!);
  }
  const out = new Uint8Array(size);
  const dv = new DataView(out.buffer);
  dv.setUint32(0, rowCount, true);
  dv.setUint32(4, flat.length, true);
  dv.setUint32(8, extraBytes.length, true);
  out.set(extraBytes, 12);
  let p = 12 + extraBytes.length;
  for (let c = 0; c < flat.length; c++) {
    const v = flat[c]!;
    if (v.length < rowCount) throw new EddyError('LOGICAL_ERROR', `column ${names[c]} has ${v.length} rows, expected ${rowCount}`);
    dv.setUint16(p, nameBytes[c]!.length, true); out.set(nameBytes[c]!, p + 2); p += 2 + nameBytes[c]!.length;
    dv.setUint16(p, typeBytes[c]!.length, true); out.set(typeBytes[c]!, p + 2); p += 2 + typeBytes[c]!.length;
    out[p++] = v.kind === 'flat' ? 0 : 1;
    out[p++] = v.nulls ? 1 : 0;
    if (v.nulls) {
      const nulls = v.nulls;
      for (let i = 0; i < rowCount; i++) if (nulls[i] === 1) out[p + (i >>> 3)]! |= 1 << (i & 7);
      p += bitmapLen;
    }
    if (v.kind === 'flat') {
      const w = v.values.BYTES_PER_ELEMENT;
      dv.setUint32(p, rowCount * w, true); p += 4;
      out.set(new Uint8Array(v.values.buffer, v.values.byteOffset, rowCount * w), p);
      p += rowCount * w;
    } else {
      const base = v.offsets[0]!;
      const len = v.offsets[rowCount]! - base;
      dv.setUint32(p, len, true); p += 4;
      // offsets are copied as raw bytes like flat values (little-endian, as the layout says)
      let offsets = v.offsets.subarray(0, rowCount + 1);
      if (base !== 0) {
        offsets = new Int32Array(rowCount + 1);
        for (let i = 0; i <= rowCount; i++) offsets[i] = v.offsets[i]! - base;
      }
      out.set(new Uint8Array(offsets.buffer, offsets.byteOffset, (rowCount + 1) * 4), p);
      p += (rowCount + 1) * 4;
      out.set(v.bytes.subarray(base, base + len), p);
      p += len;
    }
  }
  return out;
}

/** Only the `extra` metadata of an encoded block (cheap: the columns are not decoded). */
export function decodeBlockExtra(buf: Uint8Array): Readonly<Record<string, string>> | undefined {
  if (buf.length < 12) throw new EddyError('CORRUPTED_DATA', 'WAL block is truncated');
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const extraLen = dv.getUint32(8, true);
  if (12 + extraLen > buf.length) throw new EddyError('CORRUPTED_DATA', 'WAL block is truncated');
  return extraLen > 0 ? JSON.parse(fromUtf8(buf, 12, 12 + extraLen)) as Record<string, string> : undefined;
}

/** Parse a block written by {@link encodeBlock}; throws CORRUPTED_DATA on a malformed payload. */
export function decodeBlock(buf: Uint8Array): DecodedBlock {
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  const need = (p: number, n: number): void => {
    if (p + n > buf.length) throw new EddyError('CORRUPTED_DATA', 'WAL block is truncated');
  };
  need(0, 12);
  const rowCount = dv.getUint32(0, true);
  const columnCount = dv.getUint32(4, true);
  const extraLen = dv.getUint32(8, true);
  need(12, extraLen);
  const extra = extraLen > 0 ? JSON.parse(fromUtf8(buf, 12, 12 + extraLen)) as Record<string, string> : undefined;
  let p = 12 + extraLen;
  const names: string[] = [];
  const types: DataType[] = [];
  const columns: (FlatVector | StringVector)[] = [];
  const bitmapLen = (rowCount + 7) >>> 3;
  for (let c = 0; c < columnCount; c++) {
    need(p, 2); const nl = dv.getUint16(p, true); need(p + 2, nl);
    names.push(fromUtf8(buf, p + 2, p + 2 + nl)); p += 2 + nl;
    need(p, 2); const tl = dv.getUint16(p, true); need(p + 2, tl);
    const type = parseType(fromUtf8(buf, p + 2, p + 2 + tl)); p += 2 + tl;
    types.push(type);
    need(p, 2);
    const encoding = buf[p++]!;
    const hasNulls = buf[p++] === 1;
    let nulls: Uint8Array | null = null;
    if (hasNulls) {
      need(p, bitmapLen);
      nulls = new Uint8Array(rowCount);
      for (let i = 0; i < rowCount; i++) nulls[i] = (buf[p + (i >>> 3)]! >>> (i & 7)) & 1;
      p += bitmapLen;
    }
    need(p, 4);
    const byteLen = dv.getUint32(p, true); p += 4;
    if (encoding === 0) {
      need(p, byteLen);
      const Ctor = arrayTypeOf(type);
      if (byteLen !== rowCount * Ctor.BYTES_PER_ELEMENT) throw new EddyError('CORRUPTED_DATA', 'WAL block column size mismatch');
      const values = new (Ctor as Float64ArrayConstructor)(buf.buffer.slice(buf.byteOffset + p, buf.byteOffset + p + byteLen)) as TypedArray;
      columns.push(flatVector(type, values, nulls));
      p += byteLen;
    } else {
      need(p, (rowCount + 1) * 4 + byteLen);
      const offsets = new Int32Array(buf.buffer.slice(buf.byteOffset + p, buf.byteOffset + p + (rowCount + 1) * 4));
      p += (rowCount + 1) * 4;
      const bytes = buf.slice(p, p + byteLen);
      p += byteLen;
      columns.push(stringVector(type, offsets, bytes, nulls));
    }
  }
  return { names, types, columns, rowCount, extra };
}
