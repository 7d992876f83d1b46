/**
 * Exactly-once across restarts of the Kafka broker: a broker of this file's own is stopped (SIGTERM,
 * then SIGKILL) and started again on the same data while 100,000 messages stream through a source;
 * the source reconnects by itself and every message lands once.
 */
import { afterAll, describe, expect, it } from 'vitest';
import { startKafka, type KafkaBroker } from '../../kafka/broker.ts';
import { createTopic, expectedTotals, produce, testKafka, uniqueName, waitFor } from './helpers.ts';
import { tempDatabase, totals, type TempDatabase } from './embedded.ts';

let broker: KafkaBroker | undefined;
let t: TempDatabase | undefined;
afterAll(async () => {
  await t?.close();
  await broker?.stop();
});

describe('Kafka source across broker restarts', () => {
  it('ingests 100,000 messages exactly once while the broker restarts twice', async () => {
    broker = await startKafka({ own: true });
    const restart = broker.restart!;
    const kafka = testKafka(broker.brokers);
    t = await tempDatabase();
    const db = t.db;
    const topic = uniqueName('brk');
    await createTopic(topic, 4, broker.brokers);
    // Small fetches so that consumption is still going on when the broker goes away.
    await db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${broker.brokers}' TOPIC '${topic}' GROUP '${uniqueName('g')}' `
      + 'FORMAT JSONEachRow INTO events SETTINGS session_timeout_ms = 6000, max_batch_bytes = 16384, max_batch_ms = 50' });
    const describeState = async (): Promise<string> => JSON.stringify({
      totals: await totals(db), consumers: (await db.query('SELECT partition, stored_offset, state, last_error FROM system.kafka_consumers')).rows,
    }, (_, v: unknown) => (typeof v === 'bigint' ? v.toString() : v));

    await produce(topic, 0, 50_000, { partitions: 4, kafka });
    await waitFor(async () => (await totals(db)).count >= 5_000, 60_000, describeState, 20);
    await restart();
    await produce(topic, 50_000, 75_000, { partitions: 4, kafka });
    const before = (await totals(db)).count;
    await waitFor(async () => (await totals(db)).count > before, 60_000, describeState, 20);
    await restart({ kill: true });
    await produce(topic, 75_000, 100_000, { partitions: 4, kafka });
    await waitFor(async () => (await totals(db)).count >= 100_000, 90_000, describeState);
    await new Promise((r) => setTimeout(r, 1000));
    expect(await totals(db)).toEqual(expectedTotals(100_000));
  }, 180_000);
});
