/**
 * Entry of a part-writer thread (see part-write-pool.ts): for each job, sort the handed-over blocks
 * and write them as a part ({@link writeSortedBlocks}); the answer is its directory.
 */
import { serveJobs } from '../../src/core/worker-jobs.ts';
import type { PartJob } from './part-write-pool.ts';
import { writeSortedBlocks } from './sorted-part.ts';

serveJobs(async (job: PartJob) => {
  const reader = await writeSortedBlocks(job.dir, job.schema, job.blocks, job.keyIndexes, job.opts);
  return { result: reader.dir };
});
