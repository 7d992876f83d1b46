/**
 * `hits` rows as Eddy column vectors (src/core/vector.ts), for tests and for loading without text:
 * Int16/Int32 columns in their typed arrays, Date as Int32Array days, DateTime as Uint32Array
 * seconds, Int64 in BigInt64Array (written through an Int32Array view, no BigInt per row), strings as
 * UTF-8 bytes + offsets.
 */
import type { Batch } from '../../src/core/batch.ts';
import { makeBatch } from '../../src/core/batch.ts';
import { flatVector, stringVector, type Vector } from '../../src/core/vector.ts';
import { ByteBuilder } from './byte-builder.ts';
import { HitsModel, type HitsOptions } from './model.ts';
import { HitsRowGenerator } from './rows.ts';
import { HITS_COLUMN_COUNT, HITS_FIELDS, HITS_KINDS } from './schema.ts';

/** Rows [start, end) of the data set of `options` (default: all of it) as 105 vectors in table order. */
export function generateHitsColumns(options: HitsOptions & { readonly start?: number; readonly end?: number }): Vector[] {
  const model = new HitsModel(options);
  return columnsOf(model, new HitsRowGenerator(model), options.start ?? 0, options.end ?? options.rows);
}

/** The whole data set of `options` as batches of up to `batchRows` rows, generated lazily. */
export function* generateHitsBatches(options: HitsOptions, batchRows = 65536): Generator<Batch> {
  const model = new HitsModel(options);
  const g = new HitsRowGenerator(model);
  for (let start = 0; start < options.rows; start += batchRows) {
    yield makeBatch(HITS_FIELDS, columnsOf(model, g, start, Math.min(options.rows, start + batchRows)));
  }
}

function columnsOf(model: HitsModel, g: HitsRowGenerator, start: number, end: number): Vector[] {
  if (start < 0 || end > model.rows || start > end) throw new Error(`row range [${start}, ${end}) outside 0..${model.rows}`);
  const n = end - start;
  const int16 = new Map<number, Int16Array>();
  const int32 = new Map<number, Int32Array | Uint32Array>();
  const int64 = new Map<number, Int32Array>();
  const strings = new Map<number, { offsets: Int32Array; bytes: ByteBuilder }>();
  const values = new Array<Int16Array | Int32Array | Uint32Array | BigInt64Array>(HITS_COLUMN_COUNT);
  HITS_KINDS.forEach((kind, c) => {
    switch (kind) {
      case 'Int16': int16.set(c, (values[c] = new Int16Array(n)) as Int16Array); break;
      case 'Int32': case 'Date': int32.set(c, (values[c] = new Int32Array(n)) as Int32Array); break;
      case 'DateTime': int32.set(c, (values[c] = new Uint32Array(n)) as Uint32Array); break;
      case 'Int64': {
        const big = (values[c] = new BigInt64Array(n)) as BigInt64Array;
        int64.set(c, new Int32Array(big.buffer));
        break;
      }
      case 'String': strings.set(c, { offsets: new Int32Array(n + 1), bytes: new ByteBuilder(Math.max(64, n * 8)) }); break;
    }
  });
  const i16 = [...int16];
  const i32 = [...int32];
  const i64 = [...int64];
  const str = [...strings];
  for (let i = 0; i < n; i++) {
    g.generate(start + i);
    for (const [c, a] of i16) a[i] = g.ints[c]!;
    for (const [c, a] of i32) a[i] = g.ints[c]!;
    for (const [c, a] of i64) {
      a[2 * i] = g.ints[c]!; // little-endian: low half first
      a[2 * i + 1] = g.his[c]!;
    }
    for (const [c, s] of str) {
      s.bytes.bytes(g.strBuf[c]!, g.strStart[c]!, g.strEnd[c]!);
      s.offsets[i + 1] = s.bytes.pos;
    }
  }
  return HITS_FIELDS.map((field, c): Vector => {
    const s = strings.get(c);
    return s ? stringVector(field.type, s.offsets, s.bytes.toBytes()) : flatVector(field.type, values[c]!);
  });
}
