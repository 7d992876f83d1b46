/**
 * Worker thread of the parallel TSV writer (tsv-writer.ts): builds the model from the options in
 * `workerData`, then answers each `{ block, start, end }` request with the TSV bytes of those rows
 * (the buffer is transferred, not copied).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ByteBuilder } from './byte-builder.ts';
import { HitsModel, type HitsOptions } from './model.ts';
import { HitsRowGenerator } from './rows.ts';
import { appendTsvRow } from './tsv.ts';

/** A request from the writer: rows [start, end) as block number `block`. */
export interface BlockRequest {
  readonly block: number;
  readonly start: number;
  readonly end: number;
}

/** The worker's answer to a {@link BlockRequest}. */
export interface BlockResult {
  readonly block: number;
  readonly rows: number;
  readonly bytes: Uint8Array;
}

const port = parentPort;
if (port === null) throw new Error('bench/hits/worker.ts must run in a worker thread');
const model = new HitsModel(workerData as HitsOptions);
const g = new HitsRowGenerator(model);
port.on('message', ({ block, start, end }: BlockRequest) => {
  const out = new ByteBuilder((end - start) * 900);
  for (let row = start; row < end; row++) {
    g.generate(row);
    appendTsvRow(out, g);
  }
  const bytes = out.buf.subarray(0, out.pos);
  const result: BlockResult = { block, rows: end - start, bytes };
  port.postMessage(result, [bytes.buffer as ArrayBuffer]);
});
