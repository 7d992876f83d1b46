/**
 * Writes a whole `hits` data set as TSV to a stream using worker threads: the rows are cut into
 * blocks, the workers (worker.ts) generate blocks in parallel, and the blocks are written in order,
 * so the output is byte-identical for any number of threads. Bounded read-ahead keeps memory flat,
 * and the stream's backpressure is respected.
 */
import { once } from 'node:events';
import { availableParallelism } from 'node:os';
import { startTsWorker } from '../../src/core/ts-worker.ts';
import type { HitsOptions } from './model.ts';
import type { BlockRequest, BlockResult } from './worker.ts';

/** Options of {@link writeHitsTsv}. */
export interface WriteHitsOptions extends HitsOptions {
  /** Destination (a file stream, process.stdout, an HTTP request body, …); not ended here. */
  readonly out: NodeJS.WritableStream;
  /** Worker threads (default: the machine's available parallelism). */
  readonly threads?: number;
  /** Rows per block (default 16384). */
  readonly blockRows?: number;
  /** Called after each written block with the rows and bytes written so far. */
  readonly onProgress?: (rows: number, bytes: number) => void;
}

const IN_FLIGHT_PER_WORKER = 2;


/** Generate the data set and write it to `options.out`; resolves with the byte count once all is written. */
export async function writeHitsTsv(options: WriteHitsOptions): Promise<{ rows: number; bytes: number }> {
  const { rows, seed, out } = options;
  const blockRows = options.blockRows ?? 16384;
  const blocks = Math.ceil(rows / blockRows);
  const threads = Math.max(1, Math.min(options.threads ?? availableParallelism(), blocks));
  const workers = Array.from({ length: blocks === 0 ? 0 : threads },
    () => startTsWorker(new URL('./worker.ts', import.meta.url), { rows, seed } satisfies HitsOptions));
  const inFlight = new Array<number>(workers.length).fill(0);
  const ready = new Map<number, Uint8Array>();
  let nextBlock = 0;
  let wake: (() => void) | null = null;
  let failure: Error | null = null;

  const dispatch = (): void => {
    for (let w = 0; w < workers.length; w++) {
      while (inFlight[w]! < IN_FLIGHT_PER_WORKER && nextBlock < blocks) {
        const start = nextBlock * blockRows;
        const request: BlockRequest = { block: nextBlock, start, end: Math.min(rows, start + blockRows) };
        workers[w]!.postMessage(request);
        inFlight[w]!++;
        nextBlock++;
      }
    }
  };
  workers.forEach((worker, w) => {
    worker.on('message', (result: BlockResult) => {
      inFlight[w]!--;
      ready.set(result.block, result.bytes);
      wake?.();
    });
    worker.on('error', (err: Error) => {
      failure ??= err;
      wake?.();
    });
  });

  let rowsWritten = 0;
  let bytesWritten = 0;
  try {
    dispatch();
    for (let block = 0; block < blocks; block++) {
      while (!ready.has(block) && failure === null) await new Promise<void>((resolve) => { wake = resolve; });
      if (failure !== null) throw failure;
      const bytes = ready.get(block)!;
      ready.delete(block);
      // Hand out the next blocks before waiting on the stream, so the workers keep going.
      dispatch();
      if (!out.write(bytes)) await once(out, 'drain');
      rowsWritten = Math.min(rows, (block + 1) * blockRows);
      bytesWritten += bytes.length;
      options.onProgress?.(rowsWritten, bytesWritten);
    }
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  return { rows: rowsWritten, bytes: bytesWritten };
}
