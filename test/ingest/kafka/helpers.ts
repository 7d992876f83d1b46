/**
 * Shared pieces of the Kafka ingestion tests: the run's broker, unique names, topic creation, a
 * producer of JSON rows, and bounded polling.
 */
import { randomBytes } from 'node:crypto';
import { inject } from 'vitest';
import { Kafka, logLevel, type Message } from 'kafkajs';

/** `host:port` of the broker test/kafka/global-setup.ts started for this run. */
export function brokers(): string {
  return inject('kafkaBrokers') ?? process.env['KAFKA_BROKERS'] ?? '';
}

/** A kafkajs client for the test side (producer, admin), on the run's broker unless told otherwise. */
export function testKafka(brokerList = brokers()): Kafka {
  return new Kafka({ clientId: 'eddy-test', brokers: brokerList.split(','), logLevel: logLevel.NOTHING });
}

/** A name no other test uses. */
export function uniqueName(prefix: string): string {
  return `${prefix}_${randomBytes(5).toString('hex')}`;
}

/** Create a topic with `partitions` partitions and wait for its leaders. */
export async function createTopic(topic: string, partitions: number, brokerList = brokers()): Promise<void> {
  const admin = testKafka(brokerList).admin();
  await admin.connect();
  try {
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: partitions, replicationFactor: 1 }] });
  } finally {
    await admin.disconnect();
  }
}

/** The JSON row of message `i`: id i, v = 3i, a short string. */
export function jsonRow(i: number): string {
  return JSON.stringify({ id: i, v: i * 3, s: `m${i % 1000}` });
}

/**
 * Produce messages `from` ≤ i < `to` (value from `value(i)`, partition i mod `partitions`), in sends of
 * `chunk`, optionally pausing `gapMs` between sends. Resolves once every send is acknowledged.
 */
export async function produce(topic: string, from: number, to: number, opts: {
  partitions: number; value?: (i: number) => string | Buffer; chunk?: number; gapMs?: number; kafka?: Kafka;
}): Promise<void> {
  const producer = (opts.kafka ?? testKafka()).producer({ allowAutoTopicCreation: false });
  await producer.connect();
  try {
    const chunk = opts.chunk ?? 5000;
    for (let start = from; start < to; start += chunk) {
      const messages: Message[] = [];
      for (let i = start; i < Math.min(to, start + chunk); i++) {
        messages.push({ value: (opts.value ?? jsonRow)(i), partition: i % opts.partitions });
      }
      await producer.send({ topic, messages });
      if (opts.gapMs) await sleep(opts.gapMs);
    }
  } finally {
    await producer.disconnect();
  }
}

/** Sleep. */
export function sleep(ms: number): Promise<void> {
  return new Promise((r) => setTimeout(r, ms));
}

/** Poll `probe` every `everyMs` until it returns true; throws `describe()` after `timeoutMs`. */
export async function waitFor(probe: () => Promise<boolean>, timeoutMs: number, describe: () => Promise<string> | string, everyMs = 250): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await probe().catch(() => false)) return;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms: ${await describe()}`);
    await sleep(everyMs);
  }
}

/** The expected count, distinct count and sum(v) of ids 0 ≤ i < n produced with {@link jsonRow}. */
export function expectedTotals(n: number): { count: number; uniq: number; sum: bigint } {
  return { count: n, uniq: n, sum: 3n * BigInt(n) * BigInt(n - 1) / 2n };
}
