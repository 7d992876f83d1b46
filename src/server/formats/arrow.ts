/**
 * Arrow (IPC file, `ARROW1` magic) and ArrowStream (IPC stream). Columns are built from our buffers
 * with makeData, never row by row. Types follow ClickHouse's mapping: Date → UInt16, DateTime →
 * UInt32, DateTime64 → Timestamp, String → Utf8, Bool → Bool, Nullable → nullable field. Output is
 * uncompressed (apache-arrow cannot write LZ4). ArrowStream streams one record batch per batch; the
 * file format needs its footer to index every batch, so it is written at the end.
 */
import * as arrow from 'apache-arrow';
import type { Batch } from '../../core/batch.ts';
import type { DataType, Field } from '../../core/types.ts';
import type { FlatVector, StringVector } from '../../core/vector.ts';
import { gather, materialize } from '../../core/materialize.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

/** The Arrow type a column is written as. */
export function arrowTypeOf(t: DataType): arrow.DataType {
  switch (t.kind) {
    case 'Int8': return new arrow.Int8();
    case 'Int16': return new arrow.Int16();
    case 'Int32': return new arrow.Int32();
    case 'Int64': return new arrow.Int64();
    case 'UInt8': return new arrow.Uint8();
    case 'UInt16': return new arrow.Uint16();
    case 'UInt32': return new arrow.Uint32();
    case 'UInt64': return new arrow.Uint64();
    case 'Float32': return new arrow.Float32();
    case 'Float64': return new arrow.Float64();
    case 'Bool': return new arrow.Bool();
    case 'String': return new arrow.Utf8();
    case 'Date': return new arrow.Uint16();
    case 'DateTime': return new arrow.Uint32();
    case 'DateTime64': {
      const p = t.precision ?? 3;
      const unit = p === 0 ? arrow.TimeUnit.SECOND : p <= 3 ? arrow.TimeUnit.MILLISECOND
        : p <= 6 ? arrow.TimeUnit.MICROSECOND : arrow.TimeUnit.NANOSECOND;
      return new arrow.Timestamp(unit, t.timezone ?? null);
    }
    case 'Nothing': return new arrow.Null();
  }
}

/** The Arrow schema of a result. */
export function arrowSchemaOf(schema: readonly Field[]): arrow.Schema {
  return new arrow.Schema(schema.map((f) => new arrow.Field(f.name, arrowTypeOf(f.type), f.type.nullable)));
}

function validity(nulls: Uint8Array | null, n: number): { bitmap: Uint8Array | undefined; nullCount: number } {
  if (nulls === null) return { bitmap: undefined, nullCount: 0 };
  const bitmap = new Uint8Array((n + 7) >> 3);
  let nullCount = 0;
  for (let i = 0; i < n; i++) {
    if (nulls[i] === 1) nullCount++;
    else bitmap[i >> 3]! |= 1 << (i & 7);
  }
  return nullCount === 0 ? { bitmap: undefined, nullCount: 0 } : { bitmap, nullCount };
}

function tickScale(p: number): bigint {
  const target = p === 0 ? 0 : p <= 3 ? 3 : p <= 6 ? 6 : 9;
  return 10n ** BigInt(target - p);
}

function columnData(v: FlatVector | StringVector, type: arrow.DataType): arrow.Data {
  const n = v.length;
  const { bitmap, nullCount } = validity(v.nulls, n);
  if (v.kind === 'string') {
    return arrow.makeData({ type: type as arrow.Utf8, length: n, nullCount, nullBitmap: bitmap, valueOffsets: v.offsets, data: v.bytes });
  }
  const t = v.type;
  switch (t.kind) {
    case 'Bool': {
      const bits = new Uint8Array((n + 7) >> 3);
      const a = v.values;
      for (let i = 0; i < n; i++) if (a[i]) bits[i >> 3]! |= 1 << (i & 7);
      return arrow.makeData({ type: type as arrow.Bool, length: n, nullCount, nullBitmap: bitmap, data: bits });
    }
    case 'Date':
      return arrow.makeData({ type: type as arrow.Uint16, length: n, nullCount, nullBitmap: bitmap, data: Uint16Array.from(v.values as Int32Array) });
    case 'DateTime64': {
      const scale = tickScale(t.precision ?? 3);
      const src = v.values as BigInt64Array;
      const data = scale === 1n ? src : src.map((x) => x * scale);
      return arrow.makeData({ type: type as arrow.Timestamp, length: n, nullCount, nullBitmap: bitmap, data });
    }
    case 'Nothing':
      return arrow.makeData({ type: type as arrow.Null, length: n, nullCount: n });
    default:
      return arrow.makeData({ type: type as arrow.Int32, length: n, nullCount, nullBitmap: bitmap, data: v.values as Int32Array });
  }
}

/** One of our batches (active rows only) as an Arrow record batch. */
export function toRecordBatch(b: Batch, schema: arrow.Schema): arrow.RecordBatch {
  const n = b.sel === null ? b.length : b.sel.length;
  const children = b.columns.map((c, k) => columnData(b.sel === null ? materialize(c) : gather(c, b.sel), schema.fields[k]!.type as arrow.DataType));
  const struct = arrow.makeData({ type: new arrow.Struct(schema.fields), length: n, nullCount: 0, children });
  return new arrow.RecordBatch(schema, struct);
}

/** Stream-format bytes of a schema message alone (without the end-of-stream marker). */
function schemaMessage(schema: arrow.Schema): Uint8Array {
  const bytes = arrow.tableToIPC(new arrow.Table(schema), 'stream');
  return bytes.subarray(0, bytes.length - 8);
}

const ARROW_STREAM: OutputFormat = {
  name: 'ArrowStream',
  contentType: 'application/vnd.apache.arrow.stream',
  create(fields): FormatWriter {
    const schema = arrowSchemaOf(fields);
    const head = schemaMessage(schema);
    return {
      header: () => head,
      batch(b) {
        if ((b.sel === null ? b.length : b.sel.length) === 0) return EMPTY;
        const bytes = arrow.tableToIPC(new arrow.Table([toRecordBatch(b, schema)]), 'stream');
        return bytes.subarray(head.length, bytes.length - 8);
      },
      footer: () => Uint8Array.of(0xff, 0xff, 0xff, 0xff, 0, 0, 0, 0),
    };
  },
};

const ARROW_FILE: OutputFormat = {
  name: 'Arrow',
  contentType: 'application/vnd.apache.arrow.file',
  create(fields): FormatWriter {
    const schema = arrowSchemaOf(fields);
    const batches: arrow.RecordBatch[] = [];
    return {
      header: () => EMPTY,
      batch(b) {
        if ((b.sel === null ? b.length : b.sel.length) > 0) batches.push(toRecordBatch(b, schema));
        return EMPTY;
      },
      footer: () => arrow.tableToIPC(batches.length > 0 ? new arrow.Table(batches) : new arrow.Table(schema), 'file'),
    };
  },
};

/** Arrow formats. */
export const ARROW_FORMATS: readonly OutputFormat[] = [ARROW_FILE, ARROW_STREAM];
