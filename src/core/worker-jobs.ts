/**
 * Jobs on a small pool of worker threads, for storage work that would otherwise hold the event loop
 * (sorting and writing parts, merges). The main side ({@link WorkerJobPool}) posts a job with the
 * buffers to transfer and gets a promise; the worker side ({@link serveJobs}) runs a handler per job
 * with an abort signal and a progress callback. A job's error comes back as an EddyError of the same
 * name (a full disk stays NOT_ENOUGH_SPACE). Workers start lazily, do not keep the process alive while
 * idle, and a worker that dies fails its jobs and is replaced by the next job.
 */
import { parentPort, type MessagePort, type Worker } from 'node:worker_threads';
import { EddyError, type ErrorName } from './errors.ts';
import { lowerThreadPriority } from './thread-priority.ts';
import { startTsWorker } from './ts-worker.ts';

/** An error as plain data, to cross a thread boundary. */
export interface ThreadError { readonly name: ErrorName | null; readonly message: string }

/** `e` as plain data (an EddyError keeps its name; anything else becomes a message). */
export function toThreadError(e: unknown): ThreadError {
  return e instanceof EddyError ? { name: e.errorName, message: e.message } : { name: null, message: String((e as Error)?.stack ?? e) };
}

/** The EddyError a {@link ThreadError} carried (LOGICAL_ERROR when it had no name). */
export function fromThreadError(e: ThreadError): EddyError {
  return new EddyError(e.name ?? 'LOGICAL_ERROR', e.message);
}

type Reply = { id: number; result: unknown } | { id: number; progress: unknown } | { id: number; error: ThreadError };

type Request = { id: number; job: unknown } | { cancel: number };

interface Pending { resolve(r: unknown): void; reject(e: unknown): void; onProgress: ((p: unknown) => void) | undefined }

class PoolWorker {
  readonly worker: Worker;
  readonly jobs = new Map<number, Pending>();
  private failure = '';

  constructor(module: URL, name: string, onExit: (w: PoolWorker) => void) {
    this.worker = startTsWorker(module);
    this.worker.unref();
    this.worker.on('message', (m: Reply) => {
      const p = this.jobs.get(m.id);
      if (p === undefined) return;
      if ('progress' in m) {
        p.onProgress?.(m.progress);
        return;
      }
      this.jobs.delete(m.id);
      if (this.jobs.size === 0) this.worker.unref();
      if ('result' in m) p.resolve(m.result);
      else p.reject(fromThreadError(m.error));
    });
    this.worker.on('error', (e: Error) => { this.failure = e.message; });
    this.worker.on('exit', (code) => {
      onExit(this);
      const err = new EddyError('LOGICAL_ERROR', `${name} thread exited (code ${code})${this.failure ? `: ${this.failure}` : ''}`);
      const jobs = [...this.jobs.values()];
      this.jobs.clear();
      for (const j of jobs) j.reject(err);
    });
  }
}

/** A lazily started pool of `size` threads running `module` (which calls {@link serveJobs}). */
export class WorkerJobPool {
  private readonly workers: PoolWorker[] = [];
  private nextId = 1;

  constructor(private readonly module: URL, private readonly size: number, private readonly name: string) {}

  /**
   * Run `job` on the least busy thread; `transfer` buffers (and ports) move to it (unusable here afterwards).
   * Progress reports reach `onProgress`; aborting `signal` asks the job to stop (its promise then
   * rejects with whatever the job throws).
   */
  run<R>(job: unknown, transfer: readonly (ArrayBuffer | MessagePort)[], opts: { onProgress?: (p: unknown) => void; signal?: AbortSignal } = {}): Promise<R> {
    let w = this.workers.find((x) => x.jobs.size === 0);
    if (w === undefined && this.workers.length < this.size) {
      w = new PoolWorker(this.module, this.name, (dead) => { const i = this.workers.indexOf(dead); if (i >= 0) this.workers.splice(i, 1); });
      this.workers.push(w);
    }
    w ??= this.workers.reduce((a, b) => (b.jobs.size < a.jobs.size ? b : a));
    const id = this.nextId++;
    const worker = w;
    return new Promise<R>((resolve, reject) => {
      worker.jobs.set(id, { resolve: resolve as (r: unknown) => void, reject, onProgress: opts.onProgress });
      worker.worker.ref();
      try {
        worker.worker.postMessage({ id, job } satisfies Request, [...transfer]);
      } catch (e) {
        worker.jobs.delete(id);
        if (worker.jobs.size === 0) worker.worker.unref();
        reject(e);
        return;
      }
      const signal = opts.signal;
      if (signal === undefined) return;
      const cancel = (): void => { if (worker.jobs.has(id)) worker.worker.postMessage({ cancel: id } satisfies Request); };
      if (signal.aborted) cancel();
      else signal.addEventListener('abort', cancel, { once: true });
    });
  }
}

/** What a job handler gets besides its job. */
export interface JobContext {
  /** Aborted when the caller cancels the job. */
  readonly signal: AbortSignal;
  /** Report progress to the caller's onProgress. */
  progress(p: unknown): void;
}

/**
 * Worker side: run `handle` for each job posted by a {@link WorkerJobPool} and answer with its result
 * (whose `transfer` buffers move back) or its error. The thread runs at background priority
 * (thread-priority.ts): job pools do storage and ingest work that queries must not wait behind.
 */
export function serveJobs(handle: (job: never, ctx: JobContext) => Promise<{ result: unknown; transfer?: ArrayBuffer[] }>): void {
  const port = parentPort!;
  lowerThreadPriority();
  const running = new Map<number, AbortController>();
  port.on('message', (m: Request) => {
    if ('cancel' in m) {
      running.get(m.cancel)?.abort();
      return;
    }
    const id = m.id;
    const controller = new AbortController();
    running.set(id, controller);
    const ctx: JobContext = { signal: controller.signal, progress: (p) => port.postMessage({ id, progress: p } satisfies Reply) };
    handle(m.job as never, ctx).then(
      ({ result, transfer }) => port.postMessage({ id, result } satisfies Reply, transfer ?? []),
      (e: unknown) => port.postMessage({ id, error: toThreadError(e) } satisfies Reply),
    ).finally(() => running.delete(id));
  });
}
