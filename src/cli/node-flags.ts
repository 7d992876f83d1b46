/**
 * The V8 flags the server process runs with. Node starts each isolate with a small old generation
 * (tens of MB) and raises its limit only slowly; under a steady insert load the main thread keeps about
 * 25 MB of live objects but promotes a lot, so V8 ran a full mark-compact about every 100 ms (5–25 ms
 * of main-thread pause each, the tail of every poll and acknowledgement), and query workers paid for
 * many more full collections on their first runs. Starting the old generation at 256 MB leaves room
 * for that churn: a few full collections per minute instead of ten a second, with no higher peak RSS
 * in the ingest benchmark. V8 reads the setting when an isolate is created and NODE_OPTIONS refuses
 * it, so it goes on the node command line: `npm start`, bin/eddy.js, docker-compose.yml and the
 * test and benchmark launchers all pass these flags (test/arch/node-flags.test.ts keeps them in step).
 */

/** Flags for `node` when it runs the server. */
export const SERVER_NODE_FLAGS: readonly string[] = ['--initial-old-space-size=256'];

/** The server flags missing from `execArgv` (this process's node flags by default). */
export function missingServerNodeFlags(execArgv: readonly string[] = process.execArgv): string[] {
  return SERVER_NODE_FLAGS.filter((f) => !execArgv.includes(f));
}
