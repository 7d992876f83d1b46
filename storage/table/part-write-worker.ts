/**
 * Entry of a part-writer thread (see part-write-pool.ts): for each job, sort the handed-over blocks
 * and write them as a part ({@link writeSortedBlocks}), and answer with its directory or the error.
 */
import { parentPort } from 'node:worker_threads';
import { EddyError } from '../../src/core/errors.ts';
import type { PartJob, PartJobReply } from './part-write-pool.ts';
import { writeSortedBlocks } from './sorted-part.ts';

async function run(id: number, job: PartJob): Promise<PartJobReply> {
  try {
    const reader = await writeSortedBlocks(job.dir, job.schema, job.blocks, job.keyIndexes, job.opts);
    return { id, dir: reader.dir };
  } catch (e) {
    return { id, error: e instanceof EddyError ? { name: e.errorName, message: e.message } : { name: null, message: String((e as Error)?.stack ?? e) } };
  }
}

parentPort!.on('message', (m: { id: number; job: PartJob }) => {
  void run(m.id, m.job).then((r) => parentPort!.postMessage(r));
});
