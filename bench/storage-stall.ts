/**
 * Event-loop stalls caused by storage work: the longest time the loop could not run a callback
 * (perf_hooks.monitorEventLoopDelay, 1 ms resolution, plus a 1 ms interval probe) while a 1M-row
 * segment is flushed into a part, and while 4 parts are merged into one. Also prints the flush rate
 * and the peak RSS / ArrayBuffer growth during the merge. On a loaded machine wall-clock stalls include
 * time the process was descheduled, so the largest process CPU time (user + system) consumed between
 * two probe ticks is printed too: the stall an idle machine would see.
 *
 *   node --import tsx bench/storage-stall.ts [rows] [key: int|string]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { T } from '../src/core/types.ts';
import { flatVector, stringVector } from '../src/core/vector.ts';
import { TableStorage, type ColumnDef } from '../storage/table/index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const keyKind = process.argv[3] ?? 'int';
const schema: ColumnDef[] = [
  { name: 'ts', type: T.Int64 }, { name: 'user', type: T.UInt32 }, { name: 'value', type: T.Float64 }, { name: 'url', type: T.String },
];
const root = mkdtempSync(join(tmpdir(), 'eddy-stall-'));
const t = await TableStorage.open({
  dir: join(root, 't'), schema, sortKey: keyKind === 'string' ? ['url', 'ts'] : ['user', 'ts'],
  logger: { info: () => {}, warn: (m) => console.warn(m) },
  flush: { maxRows: 1e12, maxBytes: 1e15, maxAgeMs: 1e9 }, merge: { background: false },
});

let seed = 42;
const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed >>> 8; };
const enc = new TextEncoder();

/** Insert n rows in WAL-sized batches; returns their raw bytes. */
async function load(n: number, base: number): Promise<number> {
  const ts = new BigInt64Array(n);
  const user = new Uint32Array(n);
  const value = new Float64Array(n);
  const offsets = new Int32Array(n + 1);
  let bytes = new Uint8Array(n * 48);
  let total = 0;
  for (let i = 0; i < n; i++) {
    ts[i] = BigInt(1_700_000_000_000 + base + i);
    user[i] = rnd() % 100_000;
    value[i] = (rnd() % 100000) / 100;
    if (bytes.length - total < 256) {
      const b = new Uint8Array(bytes.length * 2);
      b.set(bytes);
      bytes = b;
    }
    total += enc.encodeInto(`https://example.com/page/${rnd() % 50_000}?q=${rnd() % 1000}`, bytes.subarray(total)).written;
    offsets[i + 1] = total;
  }
  const B = 50_000;
  for (let a = 0; a < n; a += B) {
    const b = Math.min(n, a + B);
    await t.insert([
      flatVector(T.Int64, ts.subarray(a, b)), flatVector(T.UInt32, user.subarray(a, b)), flatVector(T.Float64, value.subarray(a, b)),
      stringVector(T.String, offsets.subarray(a, b + 1), bytes),
    ], b - a);
  }
  return n * 24 + total;
}

interface Stall {
  maxMs: number; p99Ms: number; probeMaxMs: number; cpuMaxMs: number; ms: number; peakRssMiB: number; peakBuffersMiB: number;
}

/** Run `work` while measuring event-loop delay and memory. */
async function measure(work: () => Promise<void>): Promise<Stall> {
  const h = monitorEventLoopDelay({ resolution: 1 });
  let last = performance.now();
  let probeMax = 0;
  let cpuMax = 0;
  let lastCpu = process.cpuUsage();
  const m0 = process.memoryUsage();
  let peakRss = m0.rss;
  let peakBuf = m0.arrayBuffers;
  const probe = setInterval(() => {
    const now = performance.now();
    probeMax = Math.max(probeMax, now - last);
    last = now;
    const cpu = process.cpuUsage();
    cpuMax = Math.max(cpuMax, (cpu.user - lastCpu.user + cpu.system - lastCpu.system) / 1000);
    lastCpu = cpu;
    const m = process.memoryUsage();
    peakRss = Math.max(peakRss, m.rss);
    peakBuf = Math.max(peakBuf, m.arrayBuffers);
  }, 1);
  h.enable();
  const t0 = performance.now();
  await work();
  const ms = performance.now() - t0;
  h.disable();
  clearInterval(probe);
  return {
    maxMs: h.max / 1e6, p99Ms: h.percentile(99) / 1e6, probeMaxMs: probeMax, cpuMaxMs: cpuMax, ms,
    peakRssMiB: (peakRss - m0.rss) / 2 ** 20, peakBuffersMiB: (peakBuf - m0.arrayBuffers) / 2 ** 20,
  };
}

const fmt = (s: Stall): string => `${s.ms.toFixed(0)} ms; max stall ${s.maxMs.toFixed(1)} ms (probe ${s.probeMaxMs.toFixed(1)} ms), ` +
  `p99 ${s.p99Ms.toFixed(1)} ms, max CPU between ticks ${s.cpuMaxMs.toFixed(1)} ms; +RSS ${s.peakRssMiB.toFixed(0)} MiB, +ArrayBuffers ${s.peakBuffersMiB.toFixed(0)} MiB`;

const raw = await load(rows, 0);
if (global.gc) global.gc();
const f = await measure(() => t.flush());
console.log(`flush ${rows} rows (${keyKind} key, ${(raw / 2 ** 20).toFixed(0)} MiB raw): ${fmt(f)}; ${(raw / 2 ** 20 / (f.ms / 1000)).toFixed(1)} MB/s`);
for (let p = 1; p < 4; p++) {
  await load(rows, p * rows);
  await t.flush();
}
if (global.gc) global.gc();
const m = await measure(() => t.optimize({ final: true }));
console.log(`merge 4×${rows} rows: ${fmt(m)}; ${(4 * raw / 2 ** 20 / (m.ms / 1000)).toFixed(1)} MB/s`);
await t.close();
rmSync(root, { recursive: true, force: true });
