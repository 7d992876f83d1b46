/**
 * Message formats: CSV, TSV, JSONEachRow with several rows per message, and a message holding a JSON
 * array of objects — through the same decoders as HTTP inserts.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { brokers, createTopic, expectedTotals, produce, uniqueName, waitFor } from './helpers.ts';
import { tempDatabase, totals, type TempDatabase } from './embedded.ts';

let t: TempDatabase;
beforeAll(async () => { t = await tempDatabase(); });
afterAll(async () => { await t.close(); });

/** Rows 5k … 5k+4 of message k, in `format`. */
function batchOfFive(k: number, render: (i: number) => string, sep: string): string {
  return Array.from({ length: 5 }, (_, j) => render(5 * k + j)).join(sep);
}

const CASES: { format: string; value: (k: number) => string }[] = [
  { format: 'CSV', value: (k) => batchOfFive(k, (i) => `${i},${3 * i},"m,${i}"`, '\n') },
  { format: 'TSV', value: (k) => batchOfFive(k, (i) => `${i}\t${3 * i}\tm\\t${i}`, '\n') },
  { format: 'JSONEachRow', value: (k) => batchOfFive(k, (i) => JSON.stringify({ id: i, v: 3 * i, s: `m${i}` }), '\n') },
  { format: 'JSONEachRow', value: (k) => `[${batchOfFive(k, (i) => JSON.stringify({ id: i, v: 3 * i, s: `m${i}` }), ',')}]` },
  { format: 'CSVWithNames', value: (k) => `id,v,s\n${batchOfFive(k, (i) => `${i},${3 * i},m${i}`, '\n')}` },
];

describe('Kafka source formats', () => {
  it.each(CASES.map((c, n) => ({ ...c, n })))('$format (case $n): 1,000 messages of 5 rows each', async ({ format, value, n }) => {
    const table = `events_${n}`;
    await t.db.execute({ sql: `CREATE TABLE ${table} (id UInt64, v Int64, s String) ENGINE = MergeTree ORDER BY id` });
    const topic = uniqueName(`fmt${n}`);
    await createTopic(topic, 2);
    await t.db.execute({ sql: `CREATE SOURCE src_${n} FROM KAFKA '${brokers()}' TOPIC '${topic}' GROUP '${uniqueName('g')}' FORMAT ${format} INTO ${table}` });
    await produce(topic, 0, 1000, { partitions: 2, value });
    await waitFor(async () => (await totals(t.db, table)).count >= 5000, 60_000, async () => JSON.stringify(await t.db.query(`SELECT * FROM system.kafka_consumers WHERE source = 'src_${n}'`)));
    expect(await totals(t.db, table)).toEqual(expectedTotals(5000));
    const sample = await t.db.query(`SELECT s FROM ${table} WHERE id = 7`);
    expect(sample.rows).toEqual([[format === 'CSV' ? 'm,7' : format === 'TSV' ? 'm\t7' : 'm7']]);
    expect(Number((await t.db.query(`SELECT count() FROM ${table}_dead_letter`)).rows[0]![0])).toBe(0);
  }, 60_000);
});
