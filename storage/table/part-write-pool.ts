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
import type { Field, TypedArray } from '../../src/core/types.ts';
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

/** Bytes copied between two event-loop turns by {@link ownedCopies}. */
const COPY_SLICE_BYTES = 4 << 20;

/**
 * Copies of blocks of columns, each array owning its buffer, for handing rows that stay in use here (a
 * frozen segment, still queryable while it is written) to a part writer. At most
 * {@link COPY_SLICE_BYTES} are copied per event-loop turn, so copying a large segment does not hold
 * queries up.
 */
export async function ownedCopies(blocks: readonly (readonly PlainVector[])[]): Promise<PlainVector[][]> {
  let budget = COPY_SLICE_BYTES;
  const copy = async <A extends Uint8Array | Int32Array | TypedArray>(a: A): Promise<A> => {
    const out = new (a.constructor as new (n: number) => A)(a.length);
    const step = Math.max(1, Math.floor(COPY_SLICE_BYTES / a.BYTES_PER_ELEMENT));
    for (let i = 0; i < a.length; i += step) {
      const end = Math.min(a.length, i + step);
      out.set(a.subarray(i, end) as never, i);
      budget -= (end - i) * a.BYTES_PER_ELEMENT;
      if (budget <= 0) {
        budget = COPY_SLICE_BYTES;
        await yieldToLoop();
      }
    }
    return out;
  };
  const out: PlainVector[][] = [];
  for (const columns of blocks) {
    const copies: PlainVector[] = [];
    for (const v of columns) {
      const n = v.length;
      const nulls = v.nulls === null ? null : await copy(v.nulls.subarray(0, n));
      if (v.kind === 'flat') {
        copies.push({ ...v, values: await copy(v.values.subarray(0, n)), nulls });
        continue;
      }
      const first = v.offsets[0]!;
      let offsets = await copy(v.offsets.subarray(0, n + 1));
      if (first !== 0) for (let i = 0; i <= n; i++) offsets[i] = offsets[i]! - first;
      copies.push({ ...v, offsets, bytes: await copy(v.bytes.subarray(first, v.offsets[n]!)), nulls });
    }
    out.push(copies);
  }
  return out;
}
