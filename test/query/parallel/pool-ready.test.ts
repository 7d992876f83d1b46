/**
 * WorkerPool.prestart: resolves once the workers have loaded their modules (each posts `ready`), which
 * the server awaits before it answers /ping, so a first query after a restart does not pay for them.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { WorkerPool } from '../../../query/parallel/pool.ts';

describe('WorkerPool.prestart', () => {
  const pool = new WorkerPool(16 * 1024 * 1024);
  afterAll(async () => { await pool.terminate(); });

  it('resolves once every worker is loaded, and starts no more on a second call', async () => {
    await pool.prestart(2);
    expect(pool.size).toBe(2);
    expect(pool.sessions).toBe(0);
    await pool.prestart(2);
    expect(pool.size).toBe(2);
  }, 60_000);
});
