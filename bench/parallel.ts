/**
 * Parallel query benchmark: builds a MergeTree table of hits-shaped rows (several parts; 100k users
 * with 20 hits each, a user's region fixed) and runs aggregate / top-K / filter queries with
 * max_threads = 1 and 2, printing for each the median wall time, the speed-up, the CPU time used by
 * all threads, and the longest event-loop stall seen on the main thread while the query ran.
 *
 *   node --import tsx bench/parallel.ts [rows=4000000] [parts=8] [runs=5]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../src/database.ts';
import { shutdownSharedPool } from '../query/parallel/pool.ts';

const rows = Number(process.argv[2] ?? 4_000_000);
const parts = Number(process.argv[3] ?? 8);
const runs = Number(process.argv[4] ?? 5);

const QUERIES = [
  `SELECT count(), sum(ResolutionWidth) FROM hits WHERE AdvEngineID > 2`,
  `SELECT RegionID, count() AS c, uniqExact(UserID) FROM hits GROUP BY RegionID ORDER BY c DESC LIMIT 10`,
  `SELECT SearchPhrase, count() AS c FROM hits WHERE SearchPhrase <> '' GROUP BY SearchPhrase ORDER BY c DESC LIMIT 10`,
  `SELECT UserID, count() FROM hits GROUP BY UserID ORDER BY 2 DESC LIMIT 10`,
  `SELECT SearchPhrase, EventTime FROM hits WHERE SearchPhrase <> '' ORDER BY EventTime LIMIT 10`,
  `SELECT UserID, SearchPhrase FROM hits WHERE URL LIKE '%page9999%' LIMIT 10`,
];

/** Milliseconds of the query, and the longest gap between 1 ms timer ticks meanwhile. */
async function timed(db: Database, sql: string, threads: number): Promise<{ ms: number; cpu: number; stall: number; rows: number }> {
  let last = performance.now();
  let stall = 0;
  const timer = setInterval(() => { const now = performance.now(); stall = Math.max(stall, now - last); last = now; }, 1);
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const r = await db.query(sql, { settings: { max_threads: threads } });
  const ms = performance.now() - t0;
  const c = process.cpuUsage(c0);
  clearInterval(timer);
  return { ms, cpu: (c.user + c.system) / 1000, stall: Math.max(stall, performance.now() - last), rows: r.rows.length };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

const dir = mkdtempSync(join(tmpdir(), 'eddy-parallel-bench-'));
const db = await Database.open({ dataDir: dir });
try {
  await db.execute({ sql: `CREATE TABLE hits (CounterID UInt32, EventTime DateTime, UserID Int64, RegionID UInt32, AdvEngineID UInt8,
    ResolutionWidth UInt16, SearchPhrase String, URL String) ENGINE = MergeTree ORDER BY (CounterID, EventTime)` });
  const t0 = performance.now();
  const per = Math.ceil(rows / parts);
  for (let p = 0; p < parts; p++) {
    await db.execute({ sql: `INSERT INTO hits SELECT number % 97 AS CounterID, toDateTime(1372636800 + number * 13 % 2678400) AS EventTime,
      (number * 2654435761) % 100003 AS UserID, (number * 2654435761) % 100003 % 5000 AS RegionID, number % 17 AS AdvEngineID,
      1024 + number % 1000 AS ResolutionWidth, if(number % 3 = 0, toString(number % 100003), '') AS SearchPhrase,
      concat('http://example.com/page', toString(number % 1000003)) AS URL
      FROM numbers(${p * per}, ${Math.min(per, rows - p * per)})` });
    await db.flush();
  }
  console.log(`loaded ${rows} rows in ${parts} parts in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const sql of QUERIES) {
    const res: Record<number, { ms: number[]; cpu: number[]; stall: number[] }> = { 1: { ms: [], cpu: [], stall: [] }, 2: { ms: [], cpu: [], stall: [] } };
    for (let r = 0; r < 3; r++) for (const th of [1, 2]) await timed(db, sql, th); // warm caches and JIT, start the workers
    for (let r = 0; r < runs; r++) {
      for (const th of [1, 2]) {
        const t = await timed(db, sql, th);
        res[th]!.ms.push(t.ms);
        res[th]!.stall.push(t.stall);
        res[th]!.cpu.push(t.cpu);
      }
    }
    const m1 = median(res[1]!.ms);
    const m2 = median(res[2]!.ms);
    console.log(`${sql.replace(/\s+/g, ' ').slice(0, 100)}\n  1 thread ${m1.toFixed(0)} ms, 2 threads ${m2.toFixed(0)} ms, ` +
      `speed-up ×${(m1 / m2).toFixed(2)}; CPU ${median(res[1]!.cpu).toFixed(0)} ms vs ${median(res[2]!.cpu).toFixed(0)} ms; max event-loop stall ${Math.max(...res[1]!.stall).toFixed(0)} ms vs ${Math.max(...res[2]!.stall).toFixed(0)} ms`);
  }
} finally {
  await db.close();
  await shutdownSharedPool();
  rmSync(dir, { recursive: true, force: true });
}
