/**
 * Worker threads that run TypeScript modules. On Node 20 a worker started directly on a .ts file does
 * not see loader hooks (not even with `--import tsx` in its execArgv), so the worker's entry registers
 * tsx's loader first and then imports the module.
 */
import { Worker } from 'node:worker_threads';

/** Start a worker thread running the TypeScript module at `module`, with `workerData`. */
export function startTsWorker(module: URL, workerData?: unknown): Worker {
  const entry = `import(${JSON.stringify(import.meta.resolve('tsx/esm/api'))}).then(({ register }) => { register(); ` +
    `return import(${JSON.stringify(module.href)}); })`;
  return new Worker(entry, { eval: true, workerData });
}
