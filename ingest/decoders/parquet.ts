/**
 * Parquet input: a Parquet file keeps its metadata in a footer, so the input is collected, read with
 * parquet-wasm into Arrow, and converted one record batch (row group) at a time.
 */
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { EddyError } from '../../src/core/errors.ts';
import { blockFromRecordBatch } from './arrow-columns.ts';
import { collect } from './arrow.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState } from './decoder.ts';

/** Decode Parquet. */
export const decodeParquet: Decoder = (input, columns, settings) => {
  const st = new DecodeState('Parquet', columns, settings);
  return (async function* () {
    const bytes = await collect(input);
    let table: arrow.Table;
    try {
      table = arrow.tableFromIPC(pq.readParquet(bytes).intoIPCStream());
    } catch (err) {
      throw new EddyError('INCORRECT_DATA', `Cannot read Parquet data: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
    }
    const opts = st.builderOptions;
    let rows = 0;
    for (const rb of table.batches) {
      const block = blockFromRecordBatch(st, rb, opts, rows);
      rows += rb.numRows;
      if (block.rowCount > 0) yield block;
    }
  })();
};
