/**
 * Kafka → Eddy, in process: 100,000 messages over 4 partitions land exactly once; the source survives
 * a database restart (close + reopen mid-stream) and resumes from the offsets stored with the rows.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { brokers, createTopic, expectedTotals, produce, uniqueName, waitFor } from './helpers.ts';
import { tempDatabase, totals, type TempDatabase } from './embedded.ts';

let t: TempDatabase | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('Kafka source (in process)', () => {
  it('ingests 100,000 messages over 4 partitions exactly once', async () => {
    t = await tempDatabase();
    const db = t.db;
    const topic = uniqueName('eo');
    await createTopic(topic, 4);
    await db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT JSONEachRow INTO events SETTINGS session_timeout_ms = 6000` });
    await produce(topic, 0, 100_000, { partitions: 4 });
    await waitFor(async () => (await totals(db)).count >= 100_000, 90_000, async () => JSON.stringify(await db.query('SELECT * FROM system.kafka_consumers')));
    expect(await totals(db)).toEqual(expectedTotals(100_000));

    const status = await db.query('SELECT partition, stored_offset, lag, rows, state FROM system.kafka_consumers ORDER BY partition');
    expect(status.rows.map((r) => [Number(r[0]), Number(r[1]), Number(r[2]), Number(r[3]), r[4]])).toEqual(
      [0, 1, 2, 3].map((p) => [p, 25_000, 0, 25_000, 'running']));
  }, 120_000);

  it('resumes from its stored offsets after the database reopens, and PAUSE / RESUME persist', async () => {
    t = await tempDatabase();
    const topic = uniqueName('reopen');
    await createTopic(topic, 4);
    await t.db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT JSONEachRow INTO events SETTINGS session_timeout_ms = 6000` });
    await produce(topic, 0, 20_000, { partitions: 4 });
    await waitFor(async () => (await totals(t!.db)).count >= 20_000, 60_000, () => 'first part');
    await t.reopen();
    await produce(topic, 20_000, 40_000, { partitions: 4 });
    await waitFor(async () => (await totals(t!.db)).count >= 40_000, 60_000, async () => JSON.stringify(await totals(t!.db)));
    expect(await totals(t.db)).toEqual(expectedTotals(40_000));

    await t.db.execute({ sql: 'ALTER SOURCE ev PAUSE' });
    await t.reopen();
    expect((await t.db.query('SELECT state FROM system.kafka_consumers')).rows).toEqual([['paused']]);
    await produce(topic, 40_000, 50_000, { partitions: 4 });
    await new Promise((r) => setTimeout(r, 1500));
    expect((await totals(t.db)).count).toBe(40_000);
    await t.db.execute({ sql: 'ALTER SOURCE ev RESUME' });
    await waitFor(async () => (await totals(t!.db)).count >= 50_000, 60_000, async () => JSON.stringify(await totals(t!.db)));
    expect(await totals(t.db)).toEqual(expectedTotals(50_000));

    await t.db.execute({ sql: 'DROP SOURCE ev' });
    await t.db.execute({ sql: 'DROP SOURCE IF EXISTS ev' });
    await t.reopen();
    expect((await t.db.query('SELECT count() FROM system.kafka_consumers')).rows).toEqual([[0n]]);
  }, 120_000);
});
