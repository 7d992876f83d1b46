/**
 * vitest globalSetup that starts one Kafka broker for the whole run (see broker.ts) and hands its
 * address to the tests both as `inject('kafkaBrokers')` and as `process.env.KAFKA_BROKERS` (so
 * `startKafka()` inside a test reuses it instead of starting another). Stops it after the run.
 *
 * Wired in as the globalSetup of the `kafka` project in vitest.config.ts.
 */
import type { TestProject } from 'vitest/node';
import { startKafka } from './broker.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `host:port` of the run's Kafka broker. */
    kafkaBrokers: string;
  }
}

/** Start the broker; the returned function stops it. */
export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const broker = await startKafka();
  process.env['KAFKA_BROKERS'] = broker.brokers;
  project.provide('kafkaBrokers', broker.brokers);
  return async () => {
    await broker.stop();
  };
}
