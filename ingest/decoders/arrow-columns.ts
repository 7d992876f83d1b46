/**
 * Arrow record batches → blocks of the target columns, matched by name. Same-width numbers, UTF-8
 * strings and validity bitmaps are copied as buffers; dates and timestamps are converted with one
 * loop per column (Date32/Date64/UInt16 → Date, Timestamp/UInt32/Int64 → DateTime, Timestamp →
 * DateTime64). Other combinations go through per-value conversion. Missing columns get defaults.
 */
import * as arrow from 'apache-arrow';
import type { Field, Scalar, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector } from '../../src/core/vector.ts';
import type { BuilderOptions } from './column-builder.ts';
import { makeBuilder } from './column-builder.ts';
import { ParseFailure } from './parse-bytes.ts';
import type { DecodedBlock, DecodeState } from './decoder.ts';

function nullsOf(d: arrow.Data): Uint8Array | null {
  if (d.nullCount === 0 || !d.nullBitmap || d.nullBitmap.length === 0) {
    return d.typeId === arrow.Type.Null ? new Uint8Array(d.length).fill(1) : null;
  }
  const out = new Uint8Array(d.length);
  const bm = d.nullBitmap;
  for (let i = 0; i < d.length; i++) {
    const bit = d.offset + i;
    out[i] = (bm[bit >> 3]! >> (bit & 7)) & 1 ? 0 : 1;
  }
  return out;
}

function unitScale(unit: arrow.TimeUnit): number {
  return unit === arrow.TimeUnit.SECOND ? 1 : unit === arrow.TimeUnit.MILLISECOND ? 1e3 : unit === arrow.TimeUnit.MICROSECOND ? 1e6 : 1e9;
}

/** Convert one Arrow data chunk to a column of `field`'s type, or null when only the slow path fits. */
function fastColumn(field: Field, d: arrow.Data, nullAsDefault: boolean): Vector | null {
  const t = field.type;
  const n = d.length;
  const nulls = nullsOf(d);
  if (nulls && !t.nullable) {
    if (!nullAsDefault) throw new ParseFailure(`a non-NULL ${t.kind} (the column is not Nullable)`);
    return null;
  }
  const vals = d.values as TypedArray | undefined;
  if (t.kind === 'String') {
    if (d.typeId !== arrow.Type.Utf8 && d.typeId !== arrow.Type.Binary) return null;
    const src = d.valueOffsets as Int32Array;
    const base = src[d.offset]!;
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i <= n; i++) offsets[i] = src[d.offset + i]! - base;
    const bytes = (d.values as Uint8Array).slice(base, base + offsets[n]!);
    return stringVector(t, offsets, bytes, nulls);
  }
  if (t.kind === 'Bool' && d.typeId === arrow.Type.Bool) {
    const out = new Uint8Array(n);
    const bits = d.values as Uint8Array;
    for (let i = 0; i < n; i++) { const bit = d.offset + i; out[i] = (bits[bit >> 3]! >> (bit & 7)) & 1; }
    return flatVector(t, out, nulls);
  }
  if (!vals) return null;
  const slice = vals.subarray(d.offset * (d.stride ?? 1), (d.offset + n) * (d.stride ?? 1));
  const Ctor = arrayTypeOf(t);
  const at = d.type as arrow.DataType;
  if (t.kind === 'DateTime64' && arrow.DataType.isTimestamp(at)) {
    const from = unitScale((at as arrow.Timestamp).unit);
    const to = 10 ** (t.precision ?? 3);
    const src = slice as BigInt64Array;
    const out = new BigInt64Array(n);
    if (from === to) out.set(src);
    else if (to > from) { const k = BigInt(to / from); for (let i = 0; i < n; i++) out[i] = src[i]! * k; }
    else { const k = BigInt(from / to); for (let i = 0; i < n; i++) out[i] = src[i]! / k; }
    return flatVector(t, out, nulls);
  }
  if (t.kind === 'DateTime' && arrow.DataType.isTimestamp(at)) {
    const k = BigInt(unitScale((at as arrow.Timestamp).unit));
    const src = slice as BigInt64Array;
    const out = new Uint32Array(n);
    for (let i = 0; i < n; i++) out[i] = Number(src[i]! / k);
    return flatVector(t, out, nulls);
  }
  if (t.kind === 'Date' && arrow.DataType.isDate(at)) {
    const out = new Int32Array(n);
    if ((at as arrow.Date_).unit === arrow.DateUnit.DAY) out.set(slice as Int32Array);
    else { const src = slice as unknown as BigInt64Array; for (let i = 0; i < n; i++) out[i] = Math.floor(Number(src[i]!) / 86400000); }
    return flatVector(t, out, nulls);
  }
  if (arrow.DataType.isInt(at) || arrow.DataType.isFloat(at)) {
    if (slice instanceof Ctor) return flatVector(t, slice.slice() as TypedArray, nulls);
    const out = new Ctor(n);
    const big = out instanceof BigInt64Array || out instanceof BigUint64Array;
    const srcBig = slice instanceof BigInt64Array || slice instanceof BigUint64Array;
    if (big === srcBig && !big) (out as Float64Array).set(slice as Float64Array);
    else for (let i = 0; i < n; i++) (out as unknown as Scalar[])[i] = (big ? BigInt(slice[i]!) : Number(slice[i]!)) as never;
    return flatVector(t, out, nulls);
  }
  return null;
}

/** Convert an Arrow record batch to a block of `columns`; `first` is the number of rows before it. */
export function blockFromRecordBatch(st: DecodeState, rb: arrow.RecordBatch, opts: BuilderOptions, first: number): DecodedBlock {
  const n = rb.numRows;
  const out = st.columns.map((field, c) => {
    const child = rb.getChild(field.name);
    if (!child) {
      const bld = makeBuilder(field, opts);
      for (let i = 0; i < n; i++) bld.appendDefault();
      return bld.finish();
    }
    const d = child.data[0]!;
    try {
      const fast = child.data.length === 1 ? fastColumn(field, d, opts.nullAsDefault) : null;
      if (fast) return fast;
    } catch (err) {
      throw st.valueError(c, 'NULL', err, first + 1);
    }
    const bld = makeBuilder(field, opts);
    for (let i = 0; i < n; i++) {
      const v: unknown = child.get(i);
      try {
        if (v === null || v === undefined) bld.appendNull();
        else if (v instanceof Date) bld.appendScalar(field.type.kind === 'Date' ? Math.floor(v.getTime() / 86400000) : Math.floor(v.getTime() / 1000));
        else if (typeof v === 'number' || typeof v === 'bigint' || typeof v === 'boolean' || typeof v === 'string') bld.appendScalar(v);
        else bld.appendScalar(String(v));
      } catch (err) {
        throw st.valueError(c, String(v), err, first + i + 1);
      }
    }
    return bld.finish();
  });
  return { columns: out, rowCount: n };
}
