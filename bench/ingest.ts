/**
 * HTTP ingest benchmark (`npm run bench:ingest`): one Eddy server process, DuckDB in this process,
 * measured one after the other in the same run.
 *
 *   node --import tsx bench/ingest.ts [--formats JSONEachRow,CSV,ArrowStream] [--batches 1,100,10000,100000]
 *     [--clients 1,8] [--cell-rows 500000] [--cell-seconds 4] [--probes 100] [--probe-seconds 20]
 *     [--probe-batch 10000] [--probe-clients 4] [--probe-rate 100000] [--probe-format CSV] [--file-rows 1000000] [--hits-rows 1000000] [--skip-hits]
 *
 * 1. Matrix: rows/s of `INSERT INTO t FORMAT <format>` into a fresh 10-column event table per cell,
 *    for each format × rows per insert × concurrent clients. A cell stops starting inserts once it has
 *    sent --cell-rows rows or run --cell-seconds, whichever comes first; its time runs until the last
 *    acknowledgement, and the table must then hold every acknowledged row. Insert bodies are encoded
 *    before the clock starts (a few distinct bodies per cell, sent in turn).
 * 2. Visibility: while --probe-clients clients insert --probe-format batches of --probe-batch rows,
 *    paced to --probe-rate rows/s in total (as fast as they can when the server is slower), a prober
 *    inserts one marker row (event 'probe' and a session_id no other row has) and polls
 *    `SELECT count() FROM t WHERE event = 'probe' AND session_id = <marker>` (the leading ORDER BY
 *    column, as a dashboard query would filter) until it sees it: acknowledged→visible latency counts
 *    from the insert's acknowledgement to the answer that shows the row.
 * 3. Bulk reference: the same --file-rows events written once as a CSV file, streamed into Eddy as
 *    one insert, and loaded by DuckDB (`COPY t FROM 'file.csv'`, file-backed database).
 * 4. hits: the ClickBench TSV (bench/data/hits-<rows>-s1.tsv, generated when missing) streamed into
 *    Eddy as one insert, and loaded by DuckDB's COPY of the same file.
 *
 * Output: tables on stdout, bench/results/ingest-<date>.json, progress on stderr.
 */
import { createReadStream, createWriteStream, mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { loadHitsTsv, openDuckDB } from './clickbench/duckdb.ts';
import { encodeEvents, type EventFormat } from './lib/event-formats.ts';
import { duckEventsDdl, eddyEventsDdl, generateEvents, MARKER_SESSION_BASE } from './lib/events.ts';
import { intFlag, intListFlag, numberFlag } from './lib/flags.ts';
import { ensureHitsTsv, loadHitsIntoEddy } from './lib/hits-data.ts';
import { EddyClient } from './lib/http-client.ts';
import { progress } from './lib/progress.ts';
import { writeResults } from './lib/results.ts';
import { RssSampler } from './lib/rss.ts';
import { summarize, type Summary } from './lib/stats.ts';
import { formatTable } from './lib/table.ts';
import { startServer, type ServerProcess } from '../test/support/server-process.ts';

const FORMATS: readonly EventFormat[] = ['JSONEachRow', 'CSV', 'ArrowStream'];

const { values } = parseArgs({
  options: {
    formats: { type: 'string', default: FORMATS.join(',') },
    batches: { type: 'string', default: '1,100,10000,100000' },
    clients: { type: 'string', default: '1,8' },
    'cell-rows': { type: 'string', default: '500000' },
    'cell-seconds': { type: 'string', default: '4' },
    probes: { type: 'string', default: '100' },
    'probe-seconds': { type: 'string', default: '20' },
    'probe-batch': { type: 'string', default: '10000' },
    'probe-clients': { type: 'string', default: '4' },
    'probe-rate': { type: 'string', default: '100000' },
    'probe-format': { type: 'string', default: 'CSV' },
    'file-rows': { type: 'string', default: '1000000' },
    'hits-rows': { type: 'string', default: '1000000' },
    'skip-hits': { type: 'boolean', default: false },
  },
});
/** The event format named `f` (flag `flag`), or an error listing the known ones. */
function eventFormat(f: string, flag = 'probe-format'): EventFormat {
  const format = FORMATS.find((x) => x === f.trim());
  if (!format) throw new Error(`--${flag}: '${f}' is not one of ${FORMATS.join(', ')}`);
  return format;
}
const formats = values.formats.split(',').map((f) => eventFormat(f, 'formats'));
const batches = intListFlag('batches', values.batches);
const clientCounts = intListFlag('clients', values.clients);
const cellRows = intFlag('cell-rows', values['cell-rows']);
const cellMs = numberFlag('cell-seconds', values['cell-seconds']) * 1000;
const probes = intFlag('probes', values.probes);
const probeMs = numberFlag('probe-seconds', values['probe-seconds']) * 1000;
const probeBatch = intFlag('probe-batch', values['probe-batch']);
const probeClients = intFlag('probe-clients', values['probe-clients']);
const probeRate = intFlag('probe-rate', values['probe-rate']);
const probeFormat = eventFormat(values['probe-format']);
const fileRows = intFlag('file-rows', values['file-rows']);
const hitsRows = intFlag('hits-rows', values['hits-rows']);

/** Distinct bodies encoded per cell (sent in turn), fewer when they would exceed BODY_ROWS rows in all. */
const BODIES_PER_CELL = 8;
const BODY_ROWS = 200_000;
/** A marker must become visible within this long. */
const VISIBLE_TIMEOUT_MS = 10_000;
/** Pause between two probes. */
const PROBE_GAP_MS = 50;

const sleep = (ms: number): Promise<void> => new Promise((r) => setTimeout(r, ms));
const round = (x: number, digits = 0): number => Math.round(x * 10 ** digits) / 10 ** digits;

/** One cell of the matrix. */
interface Cell {
  format: EventFormat;
  rowsPerInsert: number;
  clients: number;
  rows: number;
  inserts: number;
  seconds: number;
  rowsPerSec: number;
  mbPerSec: number;
  insertMs: Summary;
}

/** Insert bodies of `batch` rows each in `format`, cut from distinct rows of the data set. */
function bodiesFor(format: EventFormat, batch: number): Uint8Array[] {
  const n = Math.max(1, Math.min(BODIES_PER_CELL, Math.floor(BODY_ROWS / batch)));
  const rows = generateEvents(0, batch * n);
  return Array.from({ length: n }, (_, k) => encodeEvents(format, rows, k * batch, (k + 1) * batch));
}

async function countRows(client: EddyClient, table: string, where = ''): Promise<number> {
  return Number((await client.query(`SELECT count() FROM ${table}${where}`)).trim());
}

/** Run one matrix cell on a fresh table, check the table holds every acknowledged row, drop it. */
async function runCell(server: ServerProcess, format: EventFormat, batch: number, clients: number, index: number): Promise<Cell> {
  const label = `${format} × ${batch.toLocaleString('en-US')} rows × ${clients} client${clients > 1 ? 's' : ''}`;
  const table = `ev_cell_${index}`;
  const bodies = bodiesFor(format, batch);
  const client = new EddyClient(server.url, clients + 1);
  const latencies: number[] = [];
  let claimed = 0;
  let acked = 0;
  let bytes = 0;
  let next = 0;
  let shown = 0;
  try {
    await client.query(eddyEventsDdl(table));
    const sql = `INSERT INTO ${table} FORMAT ${format}`;
    const started = performance.now();
    const worker = async (): Promise<void> => {
      while (claimed < cellRows && performance.now() - started < cellMs) {
        claimed += batch;
        const body = bodies[next++ % bodies.length]!;
        const t0 = performance.now();
        await client.insert(sql, body);
        const t1 = performance.now();
        latencies.push(t1 - t0);
        acked += batch;
        bytes += body.length;
        if (t1 - shown > 250) {
          shown = t1;
          progress(`ingest ${label}: ${acked.toLocaleString('en-US')} rows, ${((t1 - started) / 1000).toFixed(1)} s`);
        }
      }
    };
    await Promise.all(Array.from({ length: clients }, worker));
    const seconds = (performance.now() - started) / 1000;
    const stored = await countRows(client, table);
    if (stored !== acked) throw new Error(`${label}: ${acked} rows acknowledged but the table holds ${stored}`);
    const cell: Cell = {
      format, rowsPerInsert: batch, clients, rows: acked, inserts: latencies.length, seconds: round(seconds, 2),
      rowsPerSec: round(acked / seconds), mbPerSec: round(bytes / 1e6 / seconds, 1), insertMs: summarize(latencies),
    };
    progress(`ingest ${label}: ${cell.rowsPerSec.toLocaleString('en-US')} rows/s`, true);
    return cell;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    client.close();
  }
}

/** Figures of the visibility phase. */
interface Visibility {
  probes: number;
  ackToVisibleMs: Summary;
  markerInsertMs: Summary;
  pollQueryMs: Summary;
  visibleOnFirstPoll: number;
  backgroundRowsPerSec: number;
  tableRowsAtEnd: number;
}

/** Acknowledged→visible latency of marker rows while background clients keep inserting. */
async function runVisibility(server: ServerProcess): Promise<Visibility> {
  const table = 'ev_visibility';
  const client = new EddyClient(server.url, probeClients + 2);
  const bodies = bodiesFor(probeFormat, probeBatch);
  try {
    await client.query(eddyEventsDdl(table));
    const sql = `INSERT INTO ${table} FORMAT ${probeFormat}`;
    const markerSql = `INSERT INTO ${table} FORMAT JSONEachRow`;
    let stop = false;
    let backgroundRows = 0;
    let next = 0;
    const started = performance.now();
    const background = async (): Promise<void> => {
      // Bounded by the prober, which stops within probeMs plus one probe's time limit.
      while (!stop) {
        const ahead = backgroundRows / probeRate * 1000 - (performance.now() - started);
        if (ahead > 0) await sleep(ahead);
        backgroundRows += probeBatch;
        await client.insert(sql, bodies[next++ % bodies.length]!);
      }
    };
    const writers = Array.from({ length: probeClients }, background);
    const visible: number[] = [];
    const markerInserts: number[] = [];
    const polls: number[] = [];
    let firstPoll = 0;
    try {
      await sleep(500); // let the background load get going
      for (let i = 0; i < probes && performance.now() - started < probeMs; i++) {
        const marker = MARKER_SESSION_BASE + BigInt(i);
        const row = `{"ts":"2024-01-01 00:00:00","user_id":1,"event":"probe","url":"","country":"","duration_ms":0,"value":0,"session_id":${marker},"is_mobile":0,"referrer":""}\n`;
        const t0 = performance.now();
        await client.insert(markerSql, row);
        const acked = performance.now();
        markerInserts.push(acked - t0);
        for (let poll = 1; ; poll++) {
          const p0 = performance.now();
          const n = await countRows(client, table, ` WHERE event = 'probe' AND session_id = ${marker}`);
          const p1 = performance.now();
          polls.push(p1 - p0);
          if (n === 1) {
            visible.push(p1 - acked);
            if (poll === 1) firstPoll++;
            break;
          }
          if (n > 1) throw new Error(`marker ${marker} counted ${n} times`);
          if (p1 - acked > VISIBLE_TIMEOUT_MS) throw new Error(`marker ${marker} not visible ${VISIBLE_TIMEOUT_MS} ms after its insert was acknowledged`);
        }
        progress(`visibility: ${i + 1} probes, ${backgroundRows.toLocaleString('en-US')} background rows`);
        await sleep(PROBE_GAP_MS);
      }
    } finally {
      stop = true;
      await Promise.all(writers);
    }
    const seconds = (performance.now() - started) / 1000;
    const result: Visibility = {
      probes: visible.length,
      ackToVisibleMs: summarize(visible),
      markerInsertMs: summarize(markerInserts),
      pollQueryMs: summarize(polls),
      visibleOnFirstPoll: visible.length === 0 ? 0 : round(firstPoll / visible.length, 3),
      backgroundRowsPerSec: round(backgroundRows / seconds),
      tableRowsAtEnd: await countRows(client, table),
    };
    progress(`visibility: ack→visible p50 ${result.ackToVisibleMs.p50} ms, p99 ${result.ackToVisibleMs.p99} ms`, true);
    return result;
  } finally {
    await client.query(`DROP TABLE IF EXISTS ${table}`).catch(() => undefined);
    client.close();
  }
}

/** A bulk load of one file by one system. */
interface BulkLoad {
  system: 'Eddy' | 'DuckDB';
  data: string;
  rows: number;
  fileMB: number;
  seconds: number;
  rowsPerSec: number;
  mbPerSec: number;
  /** DuckDB: seconds of the CHECKPOINT after the COPY (not included in `seconds`). */
  checkpointSeconds?: number;
}

function bulk(system: BulkLoad['system'], data: string, rows: number, path: string, seconds: number, checkpointSeconds?: number): BulkLoad {
  const mb = statSync(path).size / 1e6;
  return {
    system, data, rows, fileMB: round(mb, 1), seconds: round(seconds, 2), rowsPerSec: round(rows / seconds), mbPerSec: round(mb / seconds, 1),
    ...(checkpointSeconds !== undefined ? { checkpointSeconds: round(checkpointSeconds, 2) } : {}),
  };
}

/** Write --file-rows events as CSV (in pieces of 100k rows, so memory stays flat). */
async function writeEventsCsv(path: string): Promise<void> {
  const out = createWriteStream(path);
  for (let at = 0; at < fileRows; at += 100_000) {
    const n = Math.min(100_000, fileRows - at);
    if (!out.write(encodeEvents('CSV', generateEvents(at, n), 0, n))) await new Promise((r) => out.once('drain', r));
  }
  out.end();
  await finished(out);
}

/** The events CSV into Eddy (one streamed insert) and into a file-backed DuckDB (COPY). */
async function runEventsBulk(server: ServerProcess, dir: string): Promise<BulkLoad[]> {
  const csvPath = join(dir, 'events.csv');
  progress(`bulk: writing ${fileRows.toLocaleString('en-US')} events to ${csvPath}`);
  await writeEventsCsv(csvPath);
  const data = `events CSV, ${fileRows.toLocaleString('en-US')} rows`;
  const client = new EddyClient(server.url, 2);
  let eddy: BulkLoad;
  try {
    await client.query(eddyEventsDdl('ev_bulk'));
    progress('bulk: Eddy loading the events CSV');
    const started = performance.now();
    await client.insertStream('INSERT INTO ev_bulk FORMAT CSV', createReadStream(csvPath, { highWaterMark: 1 << 20 }));
    eddy = bulk('Eddy', data, fileRows, csvPath, (performance.now() - started) / 1000);
    const stored = await countRows(client, 'ev_bulk');
    if (stored !== fileRows) throw new Error(`Eddy bulk load: ${stored} of ${fileRows} rows stored`);
  } finally {
    await client.query('DROP TABLE IF EXISTS ev_bulk').catch(() => undefined);
    client.close();
  }
  progress('bulk: DuckDB loading the events CSV');
  const duck = await openDuckDB(join(dir, 'events.duckdb'));
  let duckLoad: BulkLoad;
  try {
    await duck.connection.run(duckEventsDdl('ev_bulk'));
    const started = performance.now();
    await duck.connection.run(`COPY ev_bulk FROM '${csvPath.replace(/'/g, "''")}' (FORMAT csv, HEADER false)`);
    const copied = performance.now();
    await duck.connection.run('CHECKPOINT');
    duckLoad = bulk('DuckDB', data, fileRows, csvPath, (copied - started) / 1000, (performance.now() - copied) / 1000);
    const stored = Number((await duck.connection.runAndReadAll('SELECT count(*) FROM ev_bulk')).getRows()[0]![0]);
    if (stored !== fileRows) throw new Error(`DuckDB bulk load: ${stored} of ${fileRows} rows stored`);
  } finally {
    duck.close();
  }
  rmSync(csvPath);
  progress(`bulk: Eddy ${eddy.rowsPerSec.toLocaleString('en-US')} rows/s, DuckDB ${duckLoad.rowsPerSec.toLocaleString('en-US')} rows/s`, true);
  return [eddy, duckLoad];
}

/** The hits TSV into Eddy over HTTP and into a file-backed DuckDB (COPY). */
async function runHits(server: ServerProcess, dir: string): Promise<BulkLoad[]> {
  const path = await ensureHitsTsv(hitsRows);
  const data = `hits TSV, ${hitsRows.toLocaleString('en-US')} rows`;
  const client = new EddyClient(server.url, 2);
  let eddy: BulkLoad;
  try {
    const seconds = await loadHitsIntoEddy(`${server.url}/`, path);
    eddy = bulk('Eddy', data, hitsRows, path, seconds);
    const stored = await countRows(client, 'hits');
    if (stored !== hitsRows) throw new Error(`Eddy hits load: ${stored} of ${hitsRows} rows stored`);
  } finally {
    await client.query('DROP TABLE IF EXISTS hits').catch(() => undefined);
    client.close();
  }
  progress('hits: DuckDB loading');
  const duck = await openDuckDB(join(dir, 'hits.duckdb'));
  let duckLoad: BulkLoad;
  try {
    const started = performance.now();
    await loadHitsTsv(duck, path);
    const copied = performance.now();
    await duck.connection.run('CHECKPOINT');
    duckLoad = bulk('DuckDB', data, hitsRows, path, (copied - started) / 1000, (performance.now() - copied) / 1000);
  } finally {
    duck.close();
  }
  progress(`hits: Eddy ${eddy.rowsPerSec.toLocaleString('en-US')} rows/s, DuckDB ${duckLoad.rowsPerSec.toLocaleString('en-US')} rows/s`, true);
  return [eddy, duckLoad];
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'eddy-bench-ingest-'));
  const server = await startServer(join(dir, 'eddy'));
  const peakRss: Record<string, number> = {};
  const phase = async <T>(name: string, run: () => Promise<T>): Promise<T> => {
    const rss = new RssSampler(server.child.pid!);
    try {
      return await run();
    } finally {
      peakRss[name] = rss.stop();
    }
  };
  try {
    const cells: Cell[] = [];
    await phase('matrix', async () => {
      for (const format of formats) {
        for (const batch of batches) {
          for (const clients of clientCounts) cells.push(await runCell(server, format, batch, clients, cells.length));
        }
      }
    });
    const visibility = await phase('visibility', () => runVisibility(server));
    const loads = await phase('eventsBulk', () => runEventsBulk(server, dir));
    if (!values['skip-hits']) loads.push(...await phase('hits', () => runHits(server, dir)));

    process.stdout.write('\nHTTP inserts into a fresh 10-column MergeTree table per cell\n');
    process.stdout.write(formatTable(
      ['format', 'rows/insert', 'clients', 'rows', 'inserts', 's', 'rows/s', 'MB/s', 'insert p50 ms', 'insert p99 ms'],
      cells.map((c) => [c.format, c.rowsPerInsert, c.clients, c.rows, c.inserts, c.seconds, c.rowsPerSec, c.mbPerSec, c.insertMs.p50, c.insertMs.p99])));
    process.stdout.write(`\nAcknowledged→visible latency (${visibility.probes} single-row probes while ${probeClients} clients insert ${probeBatch}-row ${probeFormat} batches, ${visibility.backgroundRowsPerSec.toLocaleString('en-US')} rows/s)\n`);
    process.stdout.write(formatTable(['measure', 'p50 ms', 'p99 ms', 'max ms'], [
      ['ack → visible', visibility.ackToVisibleMs.p50, visibility.ackToVisibleMs.p99, visibility.ackToVisibleMs.max],
      ['marker insert round trip', visibility.markerInsertMs.p50, visibility.markerInsertMs.p99, visibility.markerInsertMs.max],
      ['one poll query', visibility.pollQueryMs.p50, visibility.pollQueryMs.p99, visibility.pollQueryMs.max],
    ], 2));
    process.stdout.write(`visible on the first poll: ${(visibility.visibleOnFirstPoll * 100).toFixed(1)}% of probes\n`);
    process.stdout.write('\nBulk loads of one file (Eddy: one streamed HTTP insert; DuckDB: COPY into a file-backed database, CHECKPOINT not counted)\n');
    process.stdout.write(formatTable(['data', 'system', 'rows', 'MB', 's', 'rows/s', 'MB/s'],
      loads.map((l) => [l.data, l.system, l.rows, l.fileMB, l.seconds, l.rowsPerSec, l.mbPerSec])));
    process.stdout.write(`\nEddy server peak RSS (MiB) by phase: ${Object.entries(peakRss).map(([k, v]) => `${k} ${v}`).join(', ')}\n`);
    const path = writeResults('ingest', {
      settings: { formats, batches, clients: clientCounts, cellRows, cellSeconds: cellMs / 1000, probes, probeSeconds: probeMs / 1000, probeBatch, probeClients, probeRate, probeFormat, fileRows, hitsRows: values['skip-hits'] ? null : hitsRows },
      matrix: cells, visibility, bulkLoads: loads, eddyPeakRssMiB: peakRss,
    });
    process.stderr.write(`results: ${path}\n`);
  } finally {
    await server.stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

await main();
