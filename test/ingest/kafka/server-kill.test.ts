/**
 * Exactly-once across crashes of the real server process: while 100,000 messages stream in over 4
 * partitions, `eddy server` is killed with SIGKILL at random moments of active ingestion (at least 10
 * times) and restarted on the same data directory; at the end every message is in the table once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { post, startServer, type ServerProcess } from '../../support/server-process.ts';
import { brokers, createTopic, expectedTotals, produce, sleep, uniqueName, waitFor } from './helpers.ts';

const KILLS = Number(process.env['EDDY_KAFKA_KILLS'] ?? 10);
const TOTAL = 100_000;

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

async function totals(url: string): Promise<{ count: number; uniq: number; sum: bigint }> {
  const [c, u, s] = (await post(url, 'SELECT count(), uniqExact(id), sum(v) FROM events FORMAT TSV')).trim().split('\t');
  return { count: Number(c), uniq: Number(u), sum: BigInt(s ?? '0') };
}

describe('Kafka source across SIGKILLs of the server', () => {
  let srv: ServerProcess | undefined;
  let dir = '';
  afterAll(async () => {
    await srv?.kill();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it(`ingests ${TOTAL} messages exactly once across ${KILLS} kills`, async () => {
    const seed = Number(process.env['EDDY_KAFKA_SEED'] ?? Date.now() % 100_000);
    const rand = rng(seed);
    dir = await mkdtemp(join(tmpdir(), 'eddy-kafka-kill-'));
    const topic = uniqueName('kill');
    await createTopic(topic, 4);
    // Small flush thresholds so kills also land during flushes and merges.
    const args = ['--flush-max-rows', '4000', '--flush-max-age-ms', '300'];
    srv = await startServer(dir, { args });
    await post(srv.url, 'CREATE TABLE events (id UInt64, v Int64, s String) ENGINE = MergeTree ORDER BY id');
    await post(srv.url, `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' `
      + 'FORMAT JSONEachRow INTO events SETTINGS session_timeout_ms = 6000, max_batch_messages = 2000');
    // About 85 s of traffic (a restart costs ~7 s: the group waits out the dead member's session), so
    // that every kill lands while messages keep arriving.
    const producing = produce(topic, 0, TOTAL, { partitions: 4, chunk: 1000, gapMs: 800 });
    let last = 0;
    for (let k = 0; k < KILLS; k++) {
      const url = srv.url;
      await waitFor(async () => (await totals(url)).count > last, 45_000, () => `no progress after restart ${k} from ${last} rows (seed ${seed})`, 100);
      expect(last, 'the stream ended before the last kill').toBeLessThan(TOTAL);
      await sleep(Math.floor(rand() * 700));
      await srv.kill();
      srv = await startServer(dir, { args });
      last = (await totals(srv.url)).count;
      expect((await totals(srv.url)).uniq, `duplicates after kill ${k + 1} (seed ${seed})`).toBe(last);
    }
    await producing;
    const url = srv.url;
    await waitFor(async () => (await totals(url)).count >= TOTAL, 60_000, async () => `${JSON.stringify(await totals(url))} (seed ${seed})`);
    await sleep(1000);
    expect(await totals(url), `seed ${seed}`).toEqual(expectedTotals(TOTAL));
    const lag = await post(url, 'SELECT sum(lag), count() FROM system.kafka_consumers FORMAT TSV');
    expect(lag.trim()).toBe('0\t4');
  }, 170_000);
});
