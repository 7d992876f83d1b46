/**
 * Arrow IPC input: ArrowStream is read incrementally, one record batch at a time, straight from the
 * byte stream; the Arrow file format keeps its index in a footer, so the whole file is collected
 * first. Columns are matched to the targets by name.
 */
import * as arrow from 'apache-arrow';
import { EddyError } from '../../src/core/errors.ts';
import { blockFromRecordBatch } from './arrow-columns.ts';
import type { DecodedBlock, Decoder } from './decoder.ts';
import { DecodeState } from './decoder.ts';

/** Collect a byte stream. */
export async function collect(input: AsyncIterable<Uint8Array>): Promise<Uint8Array> {
  const parts: Uint8Array[] = [];
  let n = 0;
  for await (const c of input) { parts.push(c); n += c.length; }
  const out = new Uint8Array(n);
  let p = 0;
  for (const c of parts) { out.set(c, p); p += c.length; }
  return out;
}

function invalid(format: string, err: unknown): EddyError {
  if (err instanceof EddyError) return err;
  return new EddyError('INCORRECT_DATA', `Cannot read ${format} data: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
}

async function* batches(format: string, st: DecodeState, reader: AsyncIterable<arrow.RecordBatch> | Iterable<arrow.RecordBatch>): AsyncIterable<DecodedBlock> {
  const opts = st.builderOptions;
  let rows = 0;
  try {
    for await (const rb of reader) {
      const block = blockFromRecordBatch(st, rb, opts, rows);
      rows += rb.numRows;
      if (block.rowCount > 0) yield block;
    }
  } catch (err) {
    throw invalid(format, err);
  }
}

/** Decode ArrowStream. */
export const decodeArrowStream: Decoder = (input, columns, settings) => {
  const st = new DecodeState('ArrowStream', columns, settings);
  return (async function* () {
    let reader: AsyncIterable<arrow.RecordBatch>;
    try {
      reader = await arrow.RecordBatchReader.from(input);
    } catch (err) {
      throw invalid('ArrowStream', err);
    }
    yield* batches('ArrowStream', st, reader);
  })();
};

/** Decode Arrow (IPC file format). */
export const decodeArrowFile: Decoder = (input, columns, settings) => {
  const st = new DecodeState('Arrow', columns, settings);
  return (async function* () {
    const bytes = await collect(input);
    let table: arrow.Table;
    try {
      table = arrow.tableFromIPC(bytes);
    } catch (err) {
      throw invalid('Arrow', err);
    }
    yield* batches('Arrow', st, table.batches);
  })();
};
