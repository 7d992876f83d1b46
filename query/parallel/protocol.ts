/**
 * Messages between the main thread and the query workers. Every message names its query (`q`, unique
 * per pool); a worker runs several queries at once and keeps each one's state until it sends `done`.
 *
 * main → worker: `begin` (the fragment, the session's index among the query's workers), then `units`
 * (more units to read, any number of times), then `finish` (no more units: send the result) or
 * `cancel` (drop everything).
 * worker → main: `progress` after each unit (counters; for `rows` fragments the unit's rows), `result`
 * after `finish` (aggregate / top-K fragments), `error`, and finally `done`.
 * Aggregates with an exchange (exchange.ts): after `finish` the worker sends `partial` (its states, whole
 * or split by key hash) and waits for `merge` — the states of its hash share from the other partitions,
 * or null when the main thread merges everything — then sends `result` (its final rows).
 */
import type { PartRangeDescriptor } from '../../src/core/scan.ts';
import type { Fragment } from './fragment.ts';
import type { PackedBatch } from './pack.ts';

/** A part range and its ordinal in the query's unit order. */
export interface UnitTask {
  readonly descriptor: PartRangeDescriptor;
  readonly ordinal: number;
  /** Aggregate exchange: every worker reads this unit and aggregates only the rows of its key-hash bucket. */
  readonly shared?: boolean;
}

/** Messages to a worker. */
export type ToWorker =
  | { readonly t: 'begin'; readonly q: number; readonly fragment: Fragment; readonly part: number; readonly parts: number }
  | { readonly t: 'units'; readonly q: number; readonly units: readonly UnitTask[] }
  | { readonly t: 'finish'; readonly q: number }
  | { readonly t: 'cancel'; readonly q: number }
  | { readonly t: 'merge'; readonly q: number; readonly batches: readonly PackedBatch[] | null };

/** Counters a worker reports after each unit. */
export interface UnitProgress {
  readonly ordinal: number;
  /** Rows and bytes read for this unit. */
  readonly readRows: number;
  readonly readBytes: number;
  /** Bytes the query's state holds in the worker now. */
  readonly memory: number;
  /** Aggregate exchange: groups in the worker's table so far. */
  readonly groups?: number;
  /** Aggregate exchange: rows folded into the worker's table so far. */
  readonly folded?: number;
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
  | {
    readonly t: 'partial'; readonly q: number; readonly memory: number;
    /** All partial groups (few of them), or else `buckets`: bucket j for worker j, the sender's own left empty. */
    readonly whole: readonly PackedBatch[] | null; readonly buckets: readonly (readonly PackedBatch[])[] | null;
  }
  | { readonly t: 'error'; readonly q: number; readonly error: WorkerError }
  | { readonly t: 'done'; readonly q: number }
  /** Sent once, unprompted (q = 0), when the worker has loaded its modules and listens for queries. */
  | { readonly t: 'ready'; readonly q: 0 };
