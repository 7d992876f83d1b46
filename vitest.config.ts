/**
 * Test projects run by `npm test`:
 * - unit: everything under test/ except the slow suites (test/slow, run by `npm run test:slow`)
 *   and the Kafka tests;
 * - kafka: tests against the real Apache Kafka broker, which test/kafka/global-setup.ts starts once
 *   (or takes from KAFKA_BROKERS) — only when a Kafka test is selected.
 */
import { defineConfig } from 'vitest/config';

const KAFKA_TESTS = ['test/kafka/**/*.test.ts', 'test/ingest/kafka/**/*.test.ts', '**/*.kafka.test.ts'];

export default defineConfig({
  test: {
    testTimeout: 60_000,
    hookTimeout: 180_000,
    pool: 'forks',
    projects: [
      {
        extends: true,
        test: { name: 'unit', include: ['test/**/*.test.ts'], exclude: ['test/slow/**', 'node_modules/**', ...KAFKA_TESTS] },
      },
      {
        extends: true,
        test: { name: 'kafka', include: KAFKA_TESTS, exclude: ['node_modules/**'], globalSetup: ['test/kafka/global-setup.ts'] },
      },
    ],
  },
});
