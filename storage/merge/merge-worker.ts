/**
 * Entry of a merge thread (see off-thread.ts): open the source parts, run the merge task with the
 * caller's cancellation, report rows merged about every 100 ms, answer with the result's directory.
 */
import { serveJobs } from '../../src/core/worker-jobs.ts';
import { PartReader } from '../part/index.ts';
import { MERGE_ALGORITHMS } from './algorithms.ts';
import type { MergeJobSpec } from './off-thread.ts';
import { MergeTask } from './task.ts';

serveJobs(async (job: MergeJobSpec, ctx) => {
  const parts = await Promise.all(job.partDirs.map((d) => PartReader.open(d)));
  const task = new MergeTask({
    tableDir: job.tableDir, schema: job.schema, defaults: job.defaults, sortKey: job.sortKey, parts,
    granularity: job.granularity, algorithm: MERGE_ALGORITHMS[job.algorithm], extra: job.extra,
  });
  const timer = setInterval(() => ctx.progress(task.rowsRead), 100);
  try {
    const reader = await task.run(ctx.signal);
    return { result: reader.dir };
  } finally {
    clearInterval(timer);
  }
});
