/**
 * Bad messages (unparseable, wrong types) go to the dead-letter table with their topic, partition,
 * offset, raw bytes and error, while the good ones keep flowing into the target table.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { brokers, createTopic, jsonRow, produce, uniqueName, waitFor } from './helpers.ts';
import { tempDatabase, totals, type TempDatabase } from './embedded.ts';

let t: TempDatabase | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

const N = 10_000;
/** Message i: garbage when i % 1000 = 7, a wrong type when i % 1000 = 500, a good row otherwise. */
function message(i: number): string {
  if (i % 1000 === 7) return `not json {${i}`;
  if (i % 1000 === 500) return JSON.stringify({ id: `x${i}`, v: 1, s: 'bad' });
  return jsonRow(i);
}
const isBad = (i: number): boolean => i % 1000 === 7 || i % 1000 === 500;

describe('Kafka source dead letters', () => {
  it('isolates bad messages into <table>_dead_letter and keeps consuming', async () => {
    t = await tempDatabase();
    const db = t.db;
    const topic = uniqueName('dl');
    await createTopic(topic, 2);
    await db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT JSONEachRow INTO events` });
    await produce(topic, 0, N, { partitions: 2, value: message });
    const bad = Array.from({ length: N }, (_, i) => i).filter(isBad);
    const good = N - bad.length;
    await waitFor(async () => (await totals(db)).count >= good
      && Number((await db.query('SELECT count() FROM events_dead_letter')).rows[0]![0]) >= bad.length,
    60_000, async () => JSON.stringify(await db.query('SELECT * FROM system.kafka_consumers')));

    const goodSum = Array.from({ length: N }, (_, i) => i).filter((i) => !isBad(i)).reduce((s, i) => s + BigInt(3 * i), 0n);
    expect(await totals(db)).toEqual({ count: good, uniq: good, sum: goodSum });

    const dl = await db.query('SELECT source, topic, partition, `offset`, raw, error FROM events_dead_letter ORDER BY partition, `offset`');
    // Message i went to partition i % 2 at offset floor(i / 2).
    const expected = bad.map((i) => [i % 2, Math.floor(i / 2), message(i)]).sort((a, b) => (a[0] as number) - (b[0] as number) || (a[1] as number) - (b[1] as number));
    expect(dl.rows.map((r) => [Number(r[2]), Number(r[3]), r[4]])).toEqual(expected);
    expect(dl.rows.every((r) => r[0] === 'ev' && r[1] === topic && String(r[5]).length > 0)).toBe(true);
    expect(String(dl.rows.find((r) => String(r[4]).startsWith('not json'))![5])).toMatch(/Cannot parse JSON/);
    expect(String(dl.rows.find((r) => String(r[4]).includes('"x'))![5])).toMatch(/UInt64/);

    const status = await db.query('SELECT sum(dead_letters), sum(rows), sum(messages) FROM system.kafka_consumers');
    expect(status.rows[0]!.map(Number)).toEqual([bad.length, good, N]);

    // A restart re-reads nothing into either table.
    await t.reopen();
    await new Promise((r) => setTimeout(r, 2000));
    expect((await totals(t.db)).count).toBe(good);
    expect((await t.db.query('SELECT count() FROM events_dead_letter')).rows[0]![0]).toBe(BigInt(bad.length));
  }, 120_000);
});
