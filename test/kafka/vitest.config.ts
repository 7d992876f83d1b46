/**
 * vitest configuration for the Kafka integration tests: one broker for the whole run
 * (global-setup.ts), tests under test/kafka/ and any `*.kafka.test.ts` elsewhere.
 * Run: `npx vitest run --config test/kafka/vitest.config.ts`.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    root: fileURLToPath(new URL('../..', import.meta.url)),
    include: ['test/kafka/**/*.test.ts', '**/*.kafka.test.ts'],
    exclude: ['node_modules/**'],
    globalSetup: ['test/kafka/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
  },
});
