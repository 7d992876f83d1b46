/**
 * Messages between the main thread and the query workers. Every message names its query (`q`, unique
 * per pool); a worker runs several queries at once and keeps each one's state until it sends `done`.
 *
 * main → worker: `begin` (the fragment), then `units` (more units to read, any number of times), then
 * `finish` (no more units: send the result) or `cancel` (drop everything).
 * worker → main: `progress` after each unit (counters; for `rows` fragments the unit's rows), `result`
 * after `finish` (aggregate / top-K fragments), `error`, and finally `done`.
 */
import type { PartRangeDescriptor } from '../../src/core/scan.ts';
import type { Fragment } from './fragment.ts';
import type { PackedBatch } from './pack.ts';

/** A part range and its ordinal in the query's unit order. */
export interface UnitTask {
  readonly descriptor: PartRangeDescriptor;
  readonly ordinal: number;
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly t: 'begin'; readonly q: number; readonly fragment: Fragment }
  | { readonly t: 'units'; readonly q: number; readonly units: readonly UnitTask[] }
  | { readonly t: 'finish'; readonly q: number }
  | { readonly t: 'cancel'; readonly q: number };

/** Counters a worker reports after each unit. */
export interface UnitProgress {
  readonly ordinal: number;
  /** Rows and bytes read for this unit. */
  readonly readRows: number;
  readonly readBytes: number;
  /** Bytes the query's state holds in the worker now. */
  readonly memory: number;
  /** `rows` fragments: the unit's result rows. */
  readonly batches?: readonly PackedBatch[];
}

/** A worker-side error, rebuilt as an EddyError on the main thread. */
export interface WorkerError {
  readonly errorName: string;
  readonly message: string;
}

/** Messages from a worker. */
export type FromWorker =
  | ({ readonly t: 'progress'; readonly q: number } & UnitProgress)
  | { readonly t: 'result'; readonly q: number; readonly batches: readonly PackedBatch[]; readonly sinkRows: number }
  | { readonly t: 'error'; readonly q: number; readonly error: WorkerError }
  | { readonly t: 'done'; readonly q: number };
