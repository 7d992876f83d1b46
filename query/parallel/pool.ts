/**
 * The query worker pool: worker threads started lazily, reused across queries and shared by concurrent
 * ones (a worker interleaves the queries it serves between batches). A query opens one session per
 * worker it uses. Idle workers do not keep the process alive. A worker that dies fails the sessions
 * it served and is replaced by the next query that needs it; a cancelled session that does not wind
 * down within a grace period gets its worker terminated.
 */
import { availableParallelism, totalmem } from 'node:os';
import type { Worker } from 'node:worker_threads';
import { EddyError } from '../../src/core/errors.ts';
import { startTsWorker } from '../../src/core/ts-worker.ts';
import type { Fragment } from './fragment.ts';
import type { PackedBatch } from './pack.ts';
import type { FromWorker, ToWorker, UnitTask } from './protocol.ts';
import type { WorkerOptions } from './worker.ts';

/** How long a cancelled session may take to wind down before its worker is terminated. */
const CANCEL_GRACE_MS = 2000;

/** Receives one session's messages. */
export interface SessionListener {
  message(m: FromWorker): void;
  /** The worker died; the session is over. */
  crashed(e: EddyError): void;
}

const IGNORE: SessionListener = { message() {}, crashed() {} };

/** One worker thread and the sessions it serves. */
class PooledWorker {
  readonly worker: Worker;
  readonly sessions = new Map<number, SessionListener>();
  /** Resolves once the worker has loaded its modules (or has exited). */
  readonly ready: Promise<void>;
  private failure = '';

  constructor(options: WorkerOptions, onExit: (w: PooledWorker) => void) {
    this.worker = startTsWorker(new URL('./worker.ts', import.meta.url), options);
    this.worker.unref();
    let loaded!: () => void;
    this.ready = new Promise((ok) => { loaded = ok; });
    this.worker.on('message', (m: FromWorker) => {
      if (m.t === 'ready') {
        loaded();
        return;
      }
      const s = this.sessions.get(m.q);
      if (s === undefined) return;
      if (m.t === 'done') this.drop(m.q);
      s.message(m);
    });
    this.worker.on('error', (e: Error) => { this.failure = e.message; });
    this.worker.on('exit', (code) => {
      loaded();
      onExit(this);
      const err = new EddyError('LOGICAL_ERROR', `Query worker thread exited (code ${code})${this.failure ? `: ${this.failure}` : ''}`);
      const sessions = [...this.sessions.values()];
      this.sessions.clear();
      for (const s of sessions) s.crashed(err);
    });
  }

  add(q: number, listener: SessionListener): void {
    if (this.sessions.size === 0) this.worker.ref();
    this.sessions.set(q, listener);
  }

  drop(q: number): void {
    if (this.sessions.delete(q) && this.sessions.size === 0) this.worker.unref();
  }

  send(m: ToWorker, transfer: ArrayBuffer[] = []): void {
    this.worker.postMessage(m, transfer);
  }
}

/** A query's connection to one worker. */
export class WorkerSession {
  private over = false;

  constructor(private readonly pw: PooledWorker, readonly q: number) {}

  /** Queue units for the worker to read. */
  send(units: readonly UnitTask[]): void {
    if (!this.over) this.pw.send({ t: 'units', q: this.q, units });
  }

  /** No more units: the worker answers with its result (or nothing more, for `rows` fragments), then `done`. */
  finish(): void {
    if (!this.over) this.pw.send({ t: 'finish', q: this.q });
  }

  /** Aggregate exchange: the states of the worker's hash share from the other partitions (null: none needed). */
  merge(batches: readonly PackedBatch[] | null, transfer: ArrayBuffer[]): void {
    if (!this.over) this.pw.send({ t: 'merge', q: this.q, batches }, transfer);
  }

  /** Stop the worker's share of the query; its worker is terminated if it does not stop in time. */
  cancel(): void {
    if (this.over) return;
    this.over = true;
    if (!this.pw.sessions.has(this.q)) return;
    this.pw.sessions.set(this.q, IGNORE);
    this.pw.send({ t: 'cancel', q: this.q });
    setTimeout(() => { if (this.pw.sessions.has(this.q)) void this.pw.worker.terminate(); }, CANCEL_GRACE_MS).unref();
  }

  /** The session ended normally (its `done` arrived). */
  close(): void {
    this.over = true;
  }
}

/** Worker threads for parallel query execution. */
export class WorkerPool {
  private readonly workers: PooledWorker[] = [];
  private nextQuery = 1;

  /** @param cacheBytes each worker's column cache budget */
  constructor(private readonly cacheBytes: number) {}

  /** Workers currently started. */
  get size(): number {
    return this.workers.length;
  }

  /** Sessions the workers still serve (a finished or cancelled query leaves none behind). */
  get sessions(): number {
    let n = 0;
    for (const w of this.workers) n += w.sessions.size;
    return n;
  }

  /**
   * Start workers until there are `n` and resolve once they have loaded their modules, so that a first
   * query does not wait for them (the server answers /ping only after this).
   */
  async prestart(n: number): Promise<void> {
    this.grow(n);
    await Promise.all(this.workers.map((w) => w.ready));
  }

  /** Start workers until there are `n` (they load in the background). */
  private grow(n: number): void {
    while (this.workers.length < n) {
      this.workers.push(new PooledWorker({ cacheBytes: this.cacheBytes }, (w) => {
        const i = this.workers.indexOf(w);
        if (i >= 0) this.workers.splice(i, 1);
      }));
    }
  }

  /**
   * Sessions for one query on `n` distinct workers (started when fewer exist), each beginning `fragment`.
   * Listener `i` receives the messages of session `i`. The least busy workers are chosen, in start order.
   */
  open(n: number, fragment: Fragment, listener: (i: number) => SessionListener): WorkerSession[] {
    this.grow(n);
    const chosen = [...this.workers].sort((a, b) => a.sessions.size - b.sessions.size).slice(0, n);
    chosen.sort((a, b) => this.workers.indexOf(a) - this.workers.indexOf(b));
    return chosen.map((pw, i) => {
      const q = this.nextQuery++;
      pw.add(q, listener(i));
      pw.send({ t: 'begin', q, fragment, part: i, parts: n });
      return new WorkerSession(pw, q);
    });
  }

  /** Stop every worker (sessions still open fail). */
  async terminate(): Promise<void> {
    await Promise.all(this.workers.map((w) => w.worker.terminate()));
  }
}

/**
 * Default per-worker column cache budget: a quarter of the machine's memory shared by one worker per
 * core (at least 256 MiB). Hot ClickBench queries at 10M rows re-decoded URL and Title on every run
 * with 256 MiB per worker (Q21 1.7 s → 0.7 s with the larger cache).
 */
const WORKER_CACHE_BYTES = Math.max(256 * 1024 * 1024, Math.floor(totalmem() / 4 / availableParallelism()));

let shared: WorkerPool | null = null;

/** The process-wide pool, created on first use. */
export function sharedPool(): WorkerPool {
  shared ??= new WorkerPool(WORKER_CACHE_BYTES);
  return shared;
}

/** Terminate the process-wide pool's workers (tests, shutdown); the next query starts new ones. */
export async function shutdownSharedPool(): Promise<void> {
  const p = shared;
  shared = null;
  await p?.terminate();
}

/** The thread count `max_threads` asks for (0 = the number of cores). */
export function threadsFor(maxThreads: number): number {
  return maxThreads > 0 ? Math.floor(maxThreads) : availableParallelism();
}
