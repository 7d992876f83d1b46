/**
 * Kafka ingestion: sustained messages/s from a 4-partition topic into a 10-column table through a
 * source (decode → WAL → segment, offsets committed with the rows), and produce-to-queryable latency
 * (p50/p99) of single messages sent while a background stream keeps the source busy.
 *
 *   node --import tsx bench/kafka-ingest.ts [--messages 500000] [--probes 200] [--rate 5000] [--max-batch-ms 250]
 *
 * Uses the broker in KAFKA_BROKERS, or starts one (test/kafka/broker.ts).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { Kafka, logLevel, type Message } from 'kafkajs';
import { Database } from '../src/database.ts';
import { startKafka } from '../test/kafka/broker.ts';

const { values: opts } = parseArgs({ options: {
  messages: { type: 'string', default: '500000' },
  probes: { type: 'string', default: '200' },
  rate: { type: 'string', default: '5000' },
  'max-batch-ms': { type: 'string', default: '250' },
} });
const MESSAGES = Number(opts.messages);
const PROBES = Number(opts.probes);
const RATE = Number(opts.rate);
const MAX_BATCH_MS = Number(opts['max-batch-ms']);
const PARTITIONS = 4;
const PROBE_BASE = 1_000_000_000;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const COUNTRIES = ['DE', 'FR', 'US', 'JP', 'BR', 'IN', 'NG', 'SE'];
const EVENTS = ['view', 'click', 'add_to_cart', 'purchase'];

/** Message i: one JSON row of the 10-column table. */
function row(i: number): string {
  return JSON.stringify({
    id: i, ts: 1_700_000_000 + (i >> 4), user_id: (i * 7919) % 100_000, session: i * 31,
    event: EVENTS[i % 4], country: COUNTRIES[i % 8], url: `https://example.com/p/${i % 5000}`,
    price: (i % 10_000) / 100, qty: i % 17, flag: i & 1,
  });
}

async function main(): Promise<void> {
  const broker = await startKafka();
  const kafka = new Kafka({ clientId: 'eddy-bench', brokers: broker.brokers.split(','), logLevel: logLevel.NOTHING });
  const topic = `bench_${Date.now().toString(36)}`;
  const admin = kafka.admin();
  await admin.connect();
  await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: PARTITIONS, replicationFactor: 1 }] });
  await admin.disconnect();
  const producer = kafka.producer();
  await producer.connect();
  const send = async (from: number, to: number): Promise<void> => {
    const messages: Message[] = [];
    for (let i = from; i < to; i++) messages.push({ value: row(i), partition: i % PARTITIONS });
    await producer.send({ topic, messages });
  };

  const t0 = Date.now();
  for (let i = 0; i < MESSAGES; i += 10_000) await send(i, Math.min(MESSAGES, i + 10_000));
  console.log(`produced ${MESSAGES} messages in ${((Date.now() - t0) / 1000).toFixed(1)} s`);

  const dir = await mkdtemp(join(tmpdir(), 'eddy-bench-kafka-'));
  const db = await Database.open({ dataDir: dir, logger: { info: () => {}, warn: (m) => console.warn(m) } });
  const count = async (): Promise<number> => Number((await db.query('SELECT count() FROM events')).rows[0]![0]);
  try {
    await db.execute({ sql: 'CREATE TABLE events (id UInt64, ts DateTime, user_id UInt32, session UInt64, event String, '
      + 'country String, url String, price Float64, qty UInt16, flag UInt8) ENGINE = MergeTree ORDER BY (event, id)' });
    const started = Date.now();
    await db.execute({ sql: `CREATE SOURCE ev FROM KAFKA '${broker.brokers}' TOPIC '${topic}' GROUP 'bench-${topic}' `
      + `FORMAT JSONEachRow INTO events SETTINGS max_batch_ms = ${MAX_BATCH_MS}` });
    let firstRowAt = 0;
    for (let k = 0; k < 6000; k++) { // ≤ 10 min
      const n = await count();
      if (n > 0 && firstRowAt === 0) firstRowAt = Date.now();
      if (n >= MESSAGES) break;
      await sleep(100);
    }
    const done = Date.now();
    const steady = (done - firstRowAt) / 1000;
    console.log(`backlog: ${MESSAGES} messages in ${((done - started) / 1000).toFixed(2)} s from CREATE SOURCE `
      + `(group join ${((firstRowAt - started) / 1000).toFixed(2)} s); sustained ${Math.round(MESSAGES / steady)} messages/s`);

    // Latency: single probe messages while a background stream of RATE messages/s keeps flowing.
    let bg = MESSAGES;
    let streaming = true;
    const background = (async () => {
      while (streaming) {
        const tick = Date.now();
        const n = Math.round(RATE / 10);
        await send(bg, bg + n);
        bg += n;
        await sleep(Math.max(0, 100 - (Date.now() - tick)));
      }
    })();
    const latencies: number[] = [];
    for (let p = 0; p < PROBES; p++) {
      const id = PROBE_BASE + p;
      const sentAt = performance.now();
      await producer.send({ topic, messages: [{ value: row(id), partition: p % PARTITIONS }] });
      for (let k = 0; k < 2000; k++) { // ≤ ~10 s
        const r = await db.query(`SELECT count() FROM events WHERE id = ${id}`);
        if (Number(r.rows[0]![0]) > 0) break;
        await sleep(2);
      }
      latencies.push(performance.now() - sentAt);
      await sleep(20);
    }
    streaming = false;
    await background;
    latencies.sort((a, b) => a - b);
    const q = (f: number): string => latencies[Math.min(latencies.length - 1, Math.floor(f * latencies.length))]!.toFixed(0);
    console.log(`produce-to-queryable latency over ${PROBES} probes at ~${RATE} messages/s background, max_batch_ms = ${MAX_BATCH_MS}: `
      + `p50 ${q(0.5)} ms, p99 ${q(0.99)} ms, max ${q(1)} ms`);
  } finally {
    await producer.disconnect();
    await db.close();
    await rm(dir, { recursive: true, force: true });
    await broker.stop();
  }
}

await main();
