/**
 * Memory of a big, wide merge: parts of a 105-column table are merged into one; prints the peak
 * growth of RSS and of ArrayBuffer memory over the merge (garbage included), the peak live memory
 * (sampled after a forced GC every 250 ms), and the rate. Data: `synthetic` (90 integers of every
 * width, 12 short strings, 3 long URL-like strings) or `hits` (the ClickBench `hits` generator of
 * bench/hits, ORDER BY CounterID, EventDate, UserID, EventTime, WatchID).
 *
 *   node --expose-gc --import tsx bench/storage-merge-memory.ts [rowsPerPart] [parts] [synthetic|hits]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { T, type DataType } from '../src/core/types.ts';
import { flatVector, stringVector, type Vector } from '../src/core/vector.ts';
import { TableStorage, type ColumnDef } from '../storage/table/index.ts';
import { HITS_FIELDS } from './hits/schema.ts';
import { generateHitsColumns } from './hits/vectors.ts';

const rowsPerPart = Number(process.argv[2] ?? 250_000);
const partCount = Number(process.argv[3] ?? 4);
const hits = process.argv[4] === 'hits';
const ints: DataType[] = [T.Int8, T.Int16, T.Int32, T.Int64, T.UInt8, T.UInt16, T.UInt32, T.UInt64, T.Date, T.DateTime];
const schema: ColumnDef[] = [{ name: 'CounterID', type: T.UInt32 }, { name: 'EventTime', type: T.DateTime }];
for (let i = 0; schema.length < 90; i++) schema.push({ name: `I${i}`, type: ints[i % ints.length]! });
for (let i = 0; i < 12; i++) schema.push({ name: `S${i}`, type: T.String });
for (const name of ['URL', 'Referer', 'Title']) schema.push({ name, type: T.String });
const table = hits ? HITS_FIELDS : schema;
const sortKey = hits ? ['CounterID', 'EventDate', 'UserID', 'EventTime', 'WatchID'] : ['CounterID', 'EventTime'];

let seed = 7;
const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed >>> 8; };
const enc = new TextEncoder();

function column(f: ColumnDef, n: number): { v: Vector; bytes: number } {
  if (f.type.kind === 'String') {
    const long = f.name === 'URL' || f.name === 'Referer' || f.name === 'Title';
    const offsets = new Int32Array(n + 1);
    let buf = new Uint8Array(n * (long ? 160 : 16));
    let at = 0;
    for (let i = 0; i < n; i++) {
      const s = long ? `https://www.example.com/catalog/item/${rnd() % 200_000}/details?ref=${rnd() % 5000}&utm_source=${rnd() % 40}&session=${rnd()}`
        : `v${rnd() % 300}`;
      if (buf.length - at < 512) { const b = new Uint8Array(buf.length * 2); b.set(buf); buf = b; }
      at += enc.encodeInto(s, buf.subarray(at)).written;
      offsets[i + 1] = at;
    }
    return { v: stringVector(f.type, offsets, buf.subarray(0, at)), bytes: at + 4 * n };
  }
  const C = f.type.kind === 'Int64' ? BigInt64Array : f.type.kind === 'UInt64' ? BigUint64Array : null;
  if (C !== null) {
    const a = new C(n);
    const w = new Int32Array(a.buffer);
    for (let i = 0; i < n; i++) { w[2 * i] = rnd(); w[2 * i + 1] = rnd() % 16; }
    return { v: flatVector(f.type, a), bytes: 8 * n };
  }
  const arr = {
    Int8: Int8Array, Int16: Int16Array, Int32: Int32Array, UInt8: Uint8Array, UInt16: Uint16Array, UInt32: Uint32Array,
    Date: Int32Array, DateTime: Uint32Array,
  }[f.type.kind as 'Int8']!;
  const a = new arr(n);
  for (let i = 0; i < n; i++) a[i] = f.name === 'CounterID' ? rnd() % 1000 : rnd() % 100_000;
  return { v: flatVector(f.type, a), bytes: a.byteLength };
}

const root = mkdtempSync(join(tmpdir(), 'eddy-mergemem-'));
const t = await TableStorage.open({
  dir: join(root, 't'), schema: table, sortKey, logger: { info: () => {}, warn: (m) => console.warn(m) },
  flush: { maxRows: rowsPerPart, maxAgeMs: 1e9 }, merge: { background: false },
});
let raw = 0;
for (let p = 0; p < partCount; p++) {
  // each insert is large enough to be written as a part directly
  if (hits) {
    const cols = generateHitsColumns({ rows: rowsPerPart * partCount, seed: 1, start: p * rowsPerPart, end: (p + 1) * rowsPerPart });
    raw += cols.reduce((s, v) => s + (v.kind === 'string' ? v.offsets[v.length]! - v.offsets[0]! + 4 * v.length
      : v.kind === 'flat' ? v.values.byteLength : 0), 0);
    await t.insert(cols, rowsPerPart);
  } else {
    const cols = schema.map((f) => column(f, rowsPerPart));
    raw += cols.reduce((s, c) => s + c.bytes, 0);
    await t.insert(cols.map((c) => c.v), rowsPerPart);
  }
}
if (global.gc) global.gc();
await new Promise((r) => setTimeout(r, 100));
const m0 = process.memoryUsage();
let peakRss = m0.rss;
let peakBuf = m0.arrayBuffers;
let peakHeap = m0.heapUsed;
let peakLive = m0.arrayBuffers + m0.heapUsed;
const probe = setInterval(() => {
  const m = process.memoryUsage();
  peakRss = Math.max(peakRss, m.rss);
  peakBuf = Math.max(peakBuf, m.arrayBuffers);
  peakHeap = Math.max(peakHeap, m.heapUsed);
}, 5);
// live memory: collect garbage now and then and look at what survives
const liveProbe = setInterval(() => {
  if (!global.gc) return;
  global.gc();
  const m = process.memoryUsage();
  peakLive = Math.max(peakLive, m.arrayBuffers + m.heapUsed);
}, 250);
const t0 = performance.now();
await t.optimize({ final: true });
const ms = performance.now() - t0;
clearInterval(probe);
clearInterval(liveProbe);
const mib = (x: number): string => (x / 2 ** 20).toFixed(0);
const parts = t.parts().filter((p) => p.active);
console.log(`merge ${partCount} ${hits ? 'hits' : 'synthetic'} parts × ${rowsPerPart} rows × ${table.length} columns (${mib(raw)} MiB raw) → ${parts.length} part: ${(ms / 1000).toFixed(1)} s, ` +
  `${(raw / 2 ** 20 / (ms / 1000)).toFixed(1)} MB/s`);
console.log(`peak growth during the merge: RSS +${mib(peakRss - m0.rss)} MiB, ArrayBuffers +${mib(peakBuf - m0.arrayBuffers)} MiB, JS heap +${mib(peakHeap - m0.heapUsed)} MiB; ` +
  `live after GC (ArrayBuffers + heap) +${mib(peakLive - m0.arrayBuffers - m0.heapUsed)} MiB`);
await t.close();
rmSync(root, { recursive: true, force: true });
