/**
 * Off-thread part writing for streamed bulk inserts. Sorting a staged piece, gathering it in key
 * order, encoding, compressing and fsyncing its files is most of an insert's CPU; a small pool of
 * worker threads does it while the main thread decodes the next piece, so two cores work on a load.
 *
 * A job hands its rows over: every buffer is transferred (zero-copy) to the worker, so the caller must
 * not use the vectors afterwards (views that do not own a whole buffer are copied first). The worker
 * sorts the blocks and writes them (writeSortedBlocks in sorted-part.ts), and answers with the
 * part's directory; its errors come back as EddyErrors of the same name (disk full stays
 * NOT_ENOUGH_SPACE). Workers start lazily, are shared by all tables, and do not keep the process alive
 * while idle; a worker that dies fails its jobs and is replaced by the next job.
 *
 * Workers run TypeScript like the query pool's: the entry registers tsx's loader, then imports
 * part-write-worker.ts.
 */
import { availableParallelism } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { EddyError, type ErrorName } from '../../src/core/errors.ts';
import { startTsWorker } from '../../src/core/ts-worker.ts';
import type { Field } from '../../src/core/types.ts';
import type { PartWriteOptions } from '../part/index.ts';
import type { PlainVector } from '../segment/column-builder.ts';

/** One part to write: `blocks` (each a list of columns in schema order) sorted by `keyIndexes`. */
export interface PartJob {
  readonly dir: string;
  readonly schema: readonly Field[];
  readonly blocks: (PlainVector | null)[][];
  readonly keyIndexes: readonly number[];
  readonly opts: Omit<PartWriteOptions, 'cache'>;
}

/** A worker's answer. */
export type PartJobReply = { id: number; dir: string } | { id: number; error: { name: ErrorName | null; message: string } };

interface Pending { resolve(dir: string): void; reject(e: unknown): void }

class PoolWorker {
  readonly worker: Worker;
  readonly jobs = new Map<number, Pending>();
  private failure = '';

  constructor(onExit: (w: PoolWorker) => void) {
    this.worker = startTsWorker(new URL('./part-write-worker.ts', import.meta.url));
    this.worker.unref();
    this.worker.on('message', (m: PartJobReply) => {
      const p = this.jobs.get(m.id);
      if (p === undefined) return;
      this.jobs.delete(m.id);
      if (this.jobs.size === 0) this.worker.unref();
      if ('dir' in m) p.resolve(m.dir);
      else p.reject(new EddyError(m.error.name ?? 'LOGICAL_ERROR', m.error.message));
    });
    this.worker.on('error', (e: Error) => { this.failure = e.message; });
    this.worker.on('exit', (code) => {
      onExit(this);
      const err = new EddyError('LOGICAL_ERROR', `Part writer thread exited (code ${code})${this.failure ? `: ${this.failure}` : ''}`);
      const jobs = [...this.jobs.values()];
      this.jobs.clear();
      for (const j of jobs) j.reject(err);
    });
  }
}

const workers: PoolWorker[] = [];
let nextJob = 1;

/**
 * Worker threads used, and pieces a bulk insert writes at once: the cores beside the main thread, at
 * least one, at most two (each piece in flight is held in memory; on 2 cores a second writer measured
 * no faster).
 */
export const PART_WRITERS = Math.max(1, Math.min(2, availableParallelism() - 1));

/** Write `job` as a part on a worker thread; resolves with the part's directory once it is durable. */
export function writePartOffThread(job: PartJob): Promise<string> {
  let w = workers.find((x) => x.jobs.size === 0);
  if (w === undefined && workers.length < PART_WRITERS) {
    w = new PoolWorker((dead) => { const i = workers.indexOf(dead); if (i >= 0) workers.splice(i, 1); });
    workers.push(w);
  }
  w ??= workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
  const transfer = new Set<ArrayBuffer>();
  const blocks = job.blocks.map((cols) => cols.map((v) => (v === null ? null : handOver(v, transfer))));
  const id = nextJob++;
  const worker = w;
  return new Promise<string>((resolve, reject) => {
    worker.jobs.set(id, { resolve, reject });
    worker.worker.ref();
    try {
      worker.worker.postMessage({ id, job: { ...job, blocks } }, [...transfer]);
    } catch (e) {
      worker.jobs.delete(id);
      if (worker.jobs.size === 0) worker.worker.unref();
      reject(e);
    }
  });
}

/** `v` with every array owning its whole buffer (copied when it is a view), the buffers added to `transfer`. */
function handOver(v: PlainVector, transfer: Set<ArrayBuffer>): PlainVector {
  const nulls = v.nulls === null ? null : own(v.nulls, transfer);
  if (v.kind === 'string') return { ...v, offsets: own(v.offsets, transfer), bytes: own(v.bytes, transfer), nulls };
  return { ...v, values: own(v.values, transfer), nulls };
}

function own<A extends { buffer: ArrayBufferLike; byteOffset: number; byteLength: number; slice(): A }>(a: A, transfer: Set<ArrayBuffer>): A {
  const whole = a.buffer instanceof ArrayBuffer && a.byteOffset === 0 && a.byteLength === a.buffer.byteLength;
  const out = whole ? a : a.slice();
  transfer.add(out.buffer as ArrayBuffer);
  return out;
}
