import { describe, expect, it } from 'vitest';
import { BACKGROUND_NICE, threadNice } from '../../src/core/thread-priority.ts';
import { WorkerJobPool } from '../../src/core/worker-jobs.ts';

describe('background thread priority', () => {
  it.runIf(process.platform === 'linux')('job-pool threads run at the background nice value, the calling thread keeps its own', async () => {
    const before = threadNice();
    const pool = new WorkerJobPool(new URL('./fixtures/nice-job.ts', import.meta.url), 2, 'Nice test');
    const answers = await Promise.all([pool.run<number>({}, []), pool.run<number>({}, [])]);
    expect(answers).toEqual([BACKGROUND_NICE, BACKGROUND_NICE]);
    expect(threadNice()).toBe(before);
  });
});
