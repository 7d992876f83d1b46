/**
 * Entry point of a query worker thread (started by pool.ts): registers the functions, keeps a column
 * cache of its own (bounded by `workerData.cacheBytes`) and runs the queries the main thread sends.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { ColumnCache } from '../../storage/part/cache.ts';
import '../functions/index.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { WorkerQuery } from './worker-query.ts';

/** What the pool passes to a new worker. */
export interface WorkerOptions {
  readonly cacheBytes: number;
}

const port = parentPort;
if (port === null) throw new Error('query/parallel/worker.ts must run in a worker thread');
const cache = new ColumnCache((workerData as WorkerOptions).cacheBytes);
const queries = new Map<number, WorkerQuery>();
const post = (msg: FromWorker, transfer: ArrayBuffer[]): void => port.postMessage(msg, transfer);

port.on('message', (m: ToWorker) => {
  if (m.t === 'begin') {
    const query = new WorkerQuery(m.q, m.fragment, cache, post, m.part, m.parts);
    queries.set(m.q, query);
    void query.run().finally(() => queries.delete(m.q));
    return;
  }
  const query = queries.get(m.q);
  if (query === undefined) return; // already over (failed or cancelled): late messages are dropped
  switch (m.t) {
    case 'units': query.add(m.units); break;
    case 'finish': query.finish(); break;
    case 'cancel': query.cancel(); break;
    case 'merge': query.merge(m.batches); break;
  }
});
post({ t: 'ready', q: 0 }, []);
