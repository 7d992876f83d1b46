/**
 * A source whose topic does not exist yet keeps retrying (state and last error in
 * system.kafka_consumers) and starts consuming once the topic appears.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { brokers, createTopic, expectedTotals, produce, uniqueName, waitFor } from './helpers.ts';
import { tempDatabase, totals, type TempDatabase } from './embedded.ts';

let t: TempDatabase | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

describe('Kafka source on a missing topic', () => {
  it('reports the error, retries, and consumes once the topic exists', async () => {
    t = await tempDatabase();
    const db = t.db;
    const topic = uniqueName('late');
    await db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT JSONEachRow INTO events` });
    await waitFor(async () => String((await db.query('SELECT last_error FROM system.kafka_consumers')).rows[0]![0]) !== '', 60_000, () => 'no error reported');
    await createTopic(topic, 2);
    await produce(topic, 0, 1000, { partitions: 2 });
    await waitFor(async () => (await totals(db)).count >= 1000, 90_000,
      async () => JSON.stringify((await db.query('SELECT state, last_error FROM system.kafka_consumers')).rows));
    expect(await totals(db)).toEqual(expectedTotals(1000));
  }, 150_000);
});
