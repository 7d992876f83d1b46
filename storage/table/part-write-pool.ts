/**
 * Off-thread part writing for bulk-insert pieces and segment flushes. Sorting rows, gathering it in key
 * order, encoding, compressing and fsyncing its files is most of an insert's CPU; a small pool of
 * worker threads does it while the main thread decodes the next piece, so two cores work on a load.
 *
 * A job hands its rows over: every buffer is transferred (zero-copy) to the worker, so the caller must
 * not use the vectors afterwards (views that do not own a whole buffer are copied first). The worker
 * sorts the blocks and writes them (writeSortedBlocks in sorted-part.ts), and answers with the
 * part's directory; errors and thread life follow src/core/worker-jobs.ts. The pool is shared by all
 * tables: bulk-insert pieces and segment flushes.
 */
import { availableParallelism } from 'node:os';
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import { handOverVector } from '../../src/core/hand-over.ts';
import { WorkerJobPool } from '../../src/core/worker-jobs.ts';
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

/**
 * Worker threads used, and pieces a bulk insert writes at once: the cores beside the main thread, at
 * least one, at most two (each piece in flight is held in memory; on 2 cores a second writer measured
 * no faster).
 */
export const PART_WRITERS = Math.max(1, Math.min(2, availableParallelism() - 1));

const pool = new WorkerJobPool(new URL('./part-write-worker.ts', import.meta.url), PART_WRITERS, 'Part writer');

/** Write `job` as a part on a worker thread; resolves with the part's directory once it is durable. */
export function writePartOffThread(job: PartJob): Promise<string> {
  const transfer = new Set<ArrayBuffer>();
  const blocks = job.blocks.map((cols) => cols.map((v) => (v === null ? null : handOverVector(v, transfer))));
  return pool.run<string>({ ...job, blocks }, [...transfer]);
}

/**
 * Copies of `columns` that own their buffers, for handing rows that stay in use here (a frozen segment,
 * still queryable while it is written) to a part writer. One column per event-loop turn, so copying a
 * large segment does not hold queries up.
 */
export async function ownedCopies(columns: readonly PlainVector[]): Promise<PlainVector[]> {
  const out: PlainVector[] = [];
  for (const v of columns) {
    out.push(copyPlain(v));
    await yieldToLoop();
  }
  return out;
}

function copyPlain(v: PlainVector): PlainVector {
  const n = v.length;
  // new Uint8Array(view) copies (Buffer#slice would not)
  const nulls = v.nulls === null ? null : new Uint8Array(v.nulls.subarray(0, n));
  if (v.kind === 'flat') return { ...v, values: v.values instanceof Uint8Array ? new Uint8Array(v.values.subarray(0, n)) : v.values.slice(0, n), nulls };
  const first = v.offsets[0]!;
  const offsets = new Int32Array(n + 1);
  for (let i = 0; i <= n; i++) offsets[i] = v.offsets[i]! - first;
  return { ...v, offsets, bytes: new Uint8Array(v.bytes.subarray(first, v.offsets[n]!)), nulls };
}
