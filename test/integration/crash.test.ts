/**
 * Crash safety with the real server process: clients stream inserts and record what was acknowledged;
 * the server is killed with SIGKILL at random moments, restarted, and every acknowledged row must be
 * there exactly once (unacknowledged rows may be there, but never twice).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { post, startServer } from '../support/server-process.ts';

const KILLS = Number(process.env.EDDY_CRASH_KILLS ?? 20);

/** Deterministic PRNG so a failure can be replayed from its seed. */
function rng(seed: number): () => number {
  let s = seed >>> 0;
  return () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('crash recovery (SIGKILL)', () => {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-crash-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it(`keeps every acknowledged row exactly once across ${KILLS} kills`, async () => {
    const seed = Number(process.env.EDDY_CRASH_SEED ?? Date.now() % 100000);
    const rand = rng(seed);
    const acked = new Set<number>();
    let nextId = 0;
    // Small flush thresholds so kills land during flushes and merges too.
    const args = ['--flush-max-rows', '300', '--flush-max-age-ms', '200'];
    let srv = await startServer(dir, { args });
    await post(srv.url, 'CREATE TABLE t (id UInt64, v String) ENGINE = MergeTree ORDER BY id');
    for (let round = 0; round < KILLS; round++) {
      const stopAt = Date.now() + 100 + Math.floor(rand() * 600);
      const client = async (): Promise<void> => {
        while (Date.now() < stopAt + 1000) {
          const n = 1 + Math.floor(rand() * 40);
          const ids = Array.from({ length: n }, () => nextId++);
          const body = ids.map((id) => JSON.stringify({ id, v: `row-${id}` })).join('\n');
          try {
            await post(srv.url, 'INSERT INTO t FORMAT JSONEachRow', body);
            for (const id of ids) acked.add(id);
          } catch {
            return; // the server died mid-request: those rows were not acknowledged
          }
        }
      };
      const clients = [client(), client(), client()];
      await new Promise((r) => setTimeout(r, Math.max(0, stopAt - Date.now())));
      await srv.kill();
      await Promise.all(clients);
      srv = await startServer(dir, { args });
      const out = await post(srv.url, 'SELECT id FROM t FORMAT TabSeparated');
      const ids = out.split('\n').filter((l) => l.length > 0).map(Number);
      const seen = new Set<number>();
      const dups = ids.filter((id) => (seen.has(id) ? true : (seen.add(id), false)));
      const missing = [...acked].filter((id) => !seen.has(id));
      expect({ round, seed, dups: dups.slice(0, 10), missing: missing.slice(0, 10) })
        .toEqual({ round, seed, dups: [], missing: [] });
    }
    expect(acked.size).toBeGreaterThan(KILLS * 10);
    await srv.stop();
  }, 600_000);
});
