import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Kafka, logLevel, Partitioners, type Consumer } from 'kafkajs';
import { startKafka, type KafkaBroker } from './broker.ts';

describe('Kafka test broker', () => {
  let broker: KafkaBroker;
  let consumer: Consumer | undefined;

  beforeAll(async () => {
    broker = await startKafka();
  }, 120_000);

  afterAll(async () => {
    await consumer?.disconnect();
    await broker?.stop();
  }, 30_000);

  it('round-trips 1,000 messages through a 4-partition topic and a consumer group', async () => {
    const kafka = new Kafka({ clientId: 'broker-test', brokers: [broker.brokers], logLevel: logLevel.WARN });
    const suffix = randomBytes(6).toString('hex');
    const topic = `broker-test-${suffix}`;

    const admin = kafka.admin();
    await admin.connect();
    await admin.createTopics({ waitForLeaders: true, topics: [{ topic, numPartitions: 4, replicationFactor: 1 }] });
    const meta = await admin.fetchTopicMetadata({ topics: [topic] });
    expect(meta.topics[0]?.partitions).toHaveLength(4);
    await admin.disconnect();

    const sent = Array.from({ length: 1000 }, (_, i) => ({ key: `k${i % 37}`, value: `message-${i}` }));
    const producer = kafka.producer({ createPartitioner: Partitioners.DefaultPartitioner });
    await producer.connect();
    for (let i = 0; i < sent.length; i += 250) await producer.send({ topic, messages: sent.slice(i, i + 250) });
    await producer.disconnect();

    const received: { key: string; value: string; partition: number }[] = [];
    consumer = kafka.consumer({ groupId: `broker-test-group-${suffix}`, maxWaitTimeInMs: 200 });
    await consumer.connect();
    await consumer.subscribe({ topic, fromBeginning: true });
    const done = new Promise<void>((resolve) => {
      void consumer!.run({
        eachMessage: async ({ message, partition }) => {
          received.push({ key: message.key?.toString() ?? '', value: message.value?.toString() ?? '', partition });
          if (received.length >= sent.length) resolve();
        },
      });
    });
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([done, new Promise((_, reject) => {
      timer = setTimeout(() => reject(new Error(`only ${received.length} of ${sent.length} messages arrived`)), 30_000);
    })]);
    clearTimeout(timer);

    const byValue = (a: { value: string }, b: { value: string }): number => a.value.localeCompare(b.value);
    expect(received.map(({ key, value }) => ({ key, value })).sort(byValue)).toEqual([...sent].sort(byValue));
    expect(new Set(received.map((m) => m.partition)).size).toBe(4);
  }, 60_000);
});
