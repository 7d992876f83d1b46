/**
 * Query concurrency benchmark (`npm run bench:concurrency`): one Eddy server process holding the
 * ClickBench `hits` data set, asked a dashboard's mix of queries by N concurrent clients.
 *
 *   node --import tsx bench/concurrency.ts [--rows 1000000] [--levels 1,8,32] [--seconds 10]
 *     [--heavy-seconds 10] [--ping-every-ms 10]
 *
 * 1. Load: bench/data/hits-<rows>-s1.tsv (generated when missing) streamed over HTTP as one
 *    `INSERT INTO hits FORMAT TabSeparated` into ClickBench's create.sql table.
 * 2. Each query of the mix runs once alone (its answer must be non-empty), for a reference time.
 * 3. Levels: for each client count, every client sends the mix in turn (starting at its own place in
 *    it) for --seconds; a query under way at the deadline still finishes and counts. Queries per
 *    second = completed queries / time until the last one finished; p50/p99 per level and per query.
 * 4. /ping under load: a heavy GROUP BY runs back to back for --heavy-seconds while a second client
 *    pings every --ping-every-ms (one ping at a time); p50/p99/max of the pings answered while the
 *    heavy query ran, against the same pings with the server idle (target: p99 ≤ 50 ms).
 *
 * Output: tables on stdout, bench/results/concurrency-<date>.json, progress on stderr.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { intFlag, intListFlag, numberFlag } from './lib/flags.ts';
import { ensureHitsTsv, loadHitsIntoEddy } from './lib/hits-data.ts';
import { EddyClient } from './lib/http-client.ts';
import { progress } from './lib/progress.ts';
import { writeResults } from './lib/results.ts';
import { RssSampler } from './lib/rss.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { startServer, type ServerProcess } from '../test/support/server-process.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    levels: { type: 'string', default: '1,8,32' },
    seconds: { type: 'string', default: '10' },
    'heavy-seconds': { type: 'string', default: '10' },
    'ping-every-ms': { type: 'string', default: '10' },
  },
});
const rows = intFlag('rows', values.rows);
const levels = intListFlag('levels', values.levels);
const levelMs = numberFlag('seconds', values.seconds) * 1000;
const heavyMs = numberFlag('heavy-seconds', values['heavy-seconds']) * 1000;
const pingEveryMs = numberFlag('ping-every-ms', values['ping-every-ms']);

/** Pings sent with the server idle, for the reference figures. */
const IDLE_PINGS = 200;
/** The /ping target of the issue. */
const PING_TARGET_P99_MS = 50;
/** Request timeout of one heavy query. */
const HEAVY_TIMEOUT_MS = 600_000;
/** The heavy query of the /ping phase. */
const HEAVY_QUERY = 'SELECT UserID, SearchPhrase, count() AS c FROM hits GROUP BY UserID, SearchPhrase ORDER BY c DESC LIMIT 10';

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** The dashboard's queries; `dayStart` bounds the per-minute chart to the last day of data. */
function dashboard(dayStart: string): { name: string; sql: string }[] {
  return [
    { name: 'hits per minute, last day', sql: `SELECT toStartOfMinute(EventTime) AS minute, count() AS hits FROM hits WHERE EventTime >= '${dayStart}' GROUP BY minute ORDER BY minute` },
    { name: 'top pages by views', sql: 'SELECT URL, count() AS views FROM hits GROUP BY URL ORDER BY views DESC LIMIT 10' },
    { name: 'unique users', sql: 'SELECT uniq(UserID) FROM hits' },
    { name: 'site 62 by day', sql: 'SELECT EventDate, count() AS views, uniq(UserID) AS users FROM hits WHERE CounterID = 62 GROUP BY EventDate ORDER BY EventDate' },
    { name: 'top 10 search phrases', sql: "SELECT SearchPhrase, count() AS c FROM hits WHERE SearchPhrase <> '' GROUP BY SearchPhrase ORDER BY c DESC LIMIT 10" },
  ];
}

/** Figures of one concurrency level. */
interface Level {
  clients: number;
  queries: number;
  errors: number;
  firstError: string | null;
  seconds: number;
  qps: number;
  latencyMs: Summary;
  perQueryMs: Record<string, Summary>;
  peakRssMiB: number;
}

async function runLevel(server: ServerProcess, mix: readonly { name: string; sql: string }[], clients: number): Promise<Level> {
  const client = new EddyClient(server.url, clients);
  const rss = new RssSampler(server.child.pid!);
  const all: number[] = [];
  const per = new Map<string, number[]>(mix.map((q) => [q.name, []]));
  let errors = 0;
  let firstError: string | null = null;
  let shown = 0;
  const started = performance.now();
  const worker = async (id: number): Promise<void> => {
    for (let k = id; performance.now() - started < levelMs; k++) {
      const q = mix[k % mix.length]!;
      const t0 = performance.now();
      try {
        await client.query(q.sql);
      } catch (e) {
        errors++;
        firstError ??= `${q.name}: ${(e as Error).message.slice(0, 200)}`;
        continue;
      }
      const t1 = performance.now();
      all.push(t1 - t0);
      per.get(q.name)!.push(t1 - t0);
      if (t1 - shown > 250) {
        shown = t1;
        progress(`${clients} clients: ${all.length} queries, ${((t1 - started) / 1000).toFixed(1)} s`);
      }
    }
  };
  try {
    await Promise.all(Array.from({ length: clients }, (_, id) => worker(id)));
  } finally {
    client.close();
  }
  const seconds = (performance.now() - started) / 1000;
  const level: Level = {
    clients, queries: all.length, errors, firstError, seconds: round(seconds, 2), qps: round(all.length / seconds, 2),
    latencyMs: summarize(all), perQueryMs: Object.fromEntries([...per].map(([name, ms]) => [name, summarize(ms)])), peakRssMiB: rss.stop(),
  };
  progress(`${clients} clients: ${level.qps} queries/s, p50 ${level.latencyMs.p50} ms, p99 ${level.latencyMs.p99} ms`, true);
  return level;
}

/** Ping every pingEveryMs (one at a time) while `running()` holds, at most `limit` times; latencies of the pings that ended while it held, in ms. */
async function pingWhile(client: EddyClient, running: () => boolean, limit: number): Promise<number[]> {
  const out: number[] = [];
  for (let i = 0; i < limit && running(); i++) {
    const t0 = performance.now();
    await client.ping();
    const ms = performance.now() - t0;
    if (running()) out.push(ms);
    await sleep(Math.max(0, pingEveryMs - ms));
  }
  return out;
}

/** Figures of the /ping phase. */
interface PingUnderLoad {
  heavyQuery: string;
  heavyRuns: number;
  heavyQueryMs: Summary;
  idlePingMs: Summary;
  busyPingMs: Summary;
  targetP99Ms: number;
  meetsTarget: boolean;
}

async function runPing(server: ServerProcess): Promise<PingUnderLoad> {
  const pinger = new EddyClient(server.url, 1, 60_000);
  const heavy = new EddyClient(server.url, 1, HEAVY_TIMEOUT_MS);
  try {
    progress('/ping: idle');
    const idle = await pingWhile(pinger, () => true, IDLE_PINGS);
    let busy = true;
    const heavyTimes: number[] = [];
    const started = performance.now();
    const heavyLoop = (async () => {
      try {
        // At least one run; then more while time is left.
        do {
          const t0 = performance.now();
          await heavy.query(HEAVY_QUERY);
          heavyTimes.push(performance.now() - t0);
          progress(`/ping: heavy query run ${heavyTimes.length}`);
        } while (performance.now() - started < heavyMs);
      } finally {
        busy = false;
      }
    })();
    // The heavy loop ends within heavyMs plus one query's request timeout.
    const pings = await pingWhile(pinger, () => busy, Math.ceil((heavyMs + HEAVY_TIMEOUT_MS) / pingEveryMs));
    await heavyLoop;
    const busyPingMs = summarize(pings);
    const result: PingUnderLoad = {
      heavyQuery: HEAVY_QUERY, heavyRuns: heavyTimes.length, heavyQueryMs: summarize(heavyTimes),
      idlePingMs: summarize(idle), busyPingMs, targetP99Ms: PING_TARGET_P99_MS, meetsTarget: busyPingMs.p99 <= PING_TARGET_P99_MS,
    };
    progress(`/ping during the heavy query: p50 ${busyPingMs.p50} ms, p99 ${busyPingMs.p99} ms, max ${busyPingMs.max} ms`, true);
    return result;
  } finally {
    pinger.close();
    heavy.close();
  }
}

async function main(): Promise<void> {
  const tsv = await ensureHitsTsv(rows);
  const dir = mkdtempSync(join(tmpdir(), 'eddy-bench-concurrency-'));
  const server = await startServer(join(dir, 'eddy'));
  const client = new EddyClient(server.url, 1);
  try {
    const loadRss = new RssSampler(server.child.pid!);
    const loadSeconds = await loadHitsIntoEddy(`${server.url}/`, tsv);
    const loadPeakRssMiB = loadRss.stop();
    const stored = Number((await client.query('SELECT count() FROM hits')).trim());
    if (stored !== rows) throw new Error(`hits holds ${stored} of ${rows} rows after the load`);
    progress(`loaded ${rows.toLocaleString('en-US')} hits rows in ${loadSeconds.toFixed(1)} s`, true);

    const dayStart = (await client.query('SELECT max(EventTime) - INTERVAL 1 DAY FROM hits')).trim();
    const mix = dashboard(dayStart);
    const alone: Record<string, number> = {};
    for (const q of mix) {
      progress(`alone: ${q.name}`);
      const t0 = performance.now();
      const text = await client.query(q.sql);
      alone[q.name] = round(performance.now() - t0, 1);
      if (text.trim() === '') throw new Error(`${q.name}: empty answer`);
    }

    const results: Level[] = [];
    for (const clients of levels) results.push(await runLevel(server, mix, clients));
    const ping = await runPing(server);

    process.stdout.write(`\nDashboard mix on ${rows.toLocaleString('en-US')} hits rows, ${levelMs / 1000} s per level\n`);
    process.stdout.write(formatTable(['clients', 'queries', 'errors', 'queries/s', 'p50 ms', 'p99 ms', 'max ms', 'server RSS MiB'],
      results.map((l) => [l.clients, l.queries, l.errors, l.qps, l.latencyMs.p50, l.latencyMs.p99, l.latencyMs.max, l.peakRssMiB]), 2));
    process.stdout.write('\nPer query: time alone, then p50 ms at each level\n');
    process.stdout.write(formatTable(['query', 'alone ms', ...results.map((l) => `p50 @${l.clients}`)],
      mix.map((q) => [q.name, alone[q.name]!, ...results.map((l) => l.perQueryMs[q.name]!.p50)])));
    for (const l of results) if (l.firstError) process.stdout.write(`errors at ${l.clients} clients, first: ${l.firstError}\n`);
    process.stdout.write(`\n/ping every ${pingEveryMs} ms while "${HEAVY_QUERY}" ran ${ping.heavyRuns}× (p50 ${ping.heavyQueryMs.p50} ms)\n`);
    process.stdout.write(formatTable(['server', 'pings', 'p50 ms', 'p99 ms', 'max ms'], [
      ['idle', ping.idlePingMs.n, ping.idlePingMs.p50, ping.idlePingMs.p99, ping.idlePingMs.max],
      ['heavy query running', ping.busyPingMs.n, ping.busyPingMs.p50, ping.busyPingMs.p99, ping.busyPingMs.max],
    ], 2));
    process.stdout.write(`target p99 ≤ ${PING_TARGET_P99_MS} ms: ${ping.meetsTarget ? 'met' : 'NOT met'}\n`);
    const path = writeResults('concurrency', {
      settings: { rows, levels, seconds: levelMs / 1000, heavySeconds: heavyMs / 1000, pingEveryMs },
      load: { seconds: round(loadSeconds, 2), rowsPerSec: round(rows / loadSeconds), peakRssMiB: loadPeakRssMiB },
      queries: mix, aloneMs: alone, levels: results, ping,
    });
    process.stderr.write(`results: ${path}\n`);
  } finally {
    client.close();
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
