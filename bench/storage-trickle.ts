/**
 * A steady trickle of single-row inserts with the default flush settings (1M rows / 64 MiB / 5 s):
 * ~500 rows/s for 20 s, then the number of parts (before and after merges settle), the insert latency
 * and the largest segment held.
 *
 *   node --import tsx bench/storage-trickle.ts [seconds] [rowsPerSecond]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { T } from '../src/core/types.ts';
import { flatVector, stringVector, utf8 } from '../src/core/vector.ts';
import { TableStorage } from '../storage/table/index.ts';

const seconds = Number(process.argv[2] ?? 20);
const rate = Number(process.argv[3] ?? 500);
const root = mkdtempSync(join(tmpdir(), 'eddy-trickle-'));
const t = await TableStorage.open({
  dir: join(root, 't'), schema: [{ name: 'ts', type: T.Int64 }, { name: 'msg', type: T.String }], sortKey: ['ts'],
  logger: { info: () => {}, warn: (m) => console.warn(m) },
});
const start = performance.now();
let n = 0;
let maxLatency = 0;
let maxUnflushed = 0;
let latencySum = 0;
const inflight = new Set<Promise<void>>();
while (performance.now() - start < seconds * 1000) {
  const due = Math.floor(((performance.now() - start) / 1000) * rate);
  while (n < due) {
    const i = n++;
    const bytes = utf8(`event ${i}`);
    const t0 = performance.now();
    const p = t.insert([flatVector(T.Int64, BigInt64Array.of(BigInt(Date.now()))), stringVector(T.String, Int32Array.of(0, bytes.length), bytes)], 1)
      .then(() => { const d = performance.now() - t0; latencySum += d; maxLatency = Math.max(maxLatency, d); });
    inflight.add(p);
    void p.finally(() => inflight.delete(p));
  }
  maxUnflushed = Math.max(maxUnflushed, t.unflushedBytes);
  await new Promise((r) => setTimeout(r, 2));
}
await Promise.all(inflight);
const partsNow = t.parts().filter((p) => p.active).length;
await new Promise((r) => setTimeout(r, 5500));
const partsAged = t.parts().filter((p) => p.active).length;
await t.mergesSettled();
const partsSettled = t.parts().filter((p) => p.active).length;
console.log(`${n} single-row inserts in ${seconds} s (${(n / seconds).toFixed(0)} rows/s): mean latency ${(latencySum / n).toFixed(1)} ms, max ${maxLatency.toFixed(1)} ms`);
console.log(`active parts: ${partsNow} at the end, ${partsAged} after the last age flush, ${partsSettled} once merges settled; ` +
  `largest segment ${(maxUnflushed / 1024).toFixed(0)} KiB; unflushed rows now ${t.unflushedRows}`);
await t.close();
rmSync(root, { recursive: true, force: true });
