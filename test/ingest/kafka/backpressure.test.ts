/**
 * Backpressure: with flushes that never happen by themselves, the source pauses the topic whenever the
 * table's un-flushed rows pass max_unflushed_rows, asks for a flush, and resumes by itself; memory
 * stays bounded and every message still arrives once.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { Database } from '../../../src/database.ts';
import { brokers, createTopic, expectedTotals, produce, uniqueName, waitFor } from './helpers.ts';
import { totals } from './embedded.ts';

let db: Database | undefined;
let dir = '';
afterAll(async () => {
  await db?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});

const LIMIT = 5_000;
const CHUNK = 1_000;

describe('Kafka source backpressure', () => {
  it('pauses while un-flushed rows exceed the bound and resumes by itself', async () => {
    dir = await mkdtemp(join(tmpdir(), 'eddy-kafka-bp-'));
    // Segments flush only when asked to (huge thresholds): the source's backpressure must ask.
    db = await Database.open({ dataDir: dir, logger: { info: () => {}, warn: () => {} }, flush: { maxRows: 1e9, maxBytes: 2 ** 40, maxAgeMs: 3_600_000 } });
    const d = db;
    await d.execute({ sql: 'CREATE TABLE events (id UInt64, v Int64, s String) ENGINE = MergeTree ORDER BY id' });
    const topic = uniqueName('bp');
    await createTopic(topic, 4);
    await produce(topic, 0, 60_000, { partitions: 4 });
    await d.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT JSONEachRow INTO events `
      + `SETTINGS max_unflushed_rows = ${LIMIT}, max_batch_messages = ${CHUNK}` });

    let maxUnflushed = 0;
    const states = new Set<string>();
    await waitFor(async () => {
      const inParts = Number((await d.query("SELECT sum(rows) FROM system.parts WHERE table = 'events' AND active")).rows[0]![0] ?? 0);
      const all = (await totals(d)).count;
      maxUnflushed = Math.max(maxUnflushed, all - inParts);
      for (const r of (await d.query('SELECT state FROM system.kafka_consumers')).rows) states.add(String(r[0]));
      return all >= 60_000;
    }, 90_000, () => `max un-flushed ${maxUnflushed}`, 20);
    expect(await totals(d)).toEqual(expectedTotals(60_000));
    expect(states.has('backpressure')).toBe(true);
    // Checked before every write of at most CHUNK one-row messages, per partition in flight.
    expect(maxUnflushed).toBeLessThanOrEqual(LIMIT + CHUNK);
    expect(Number((await d.query("SELECT count() FROM system.parts WHERE table = 'events' AND active")).rows[0]![0])).toBeGreaterThan(1);
  }, 120_000);
});
