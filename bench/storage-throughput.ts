/**
 * Storage throughput: time to flush ~1M rows from the segment into parts (sort + encode + compress +
 * fsync) and to merge the resulting parts into one. Prints MB/s of uncompressed column data.
 *
 *   node --import tsx bench/storage-throughput.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { T } from '../src/core/types.ts';
import { flatVector, stringVector } from '../src/core/vector.ts';
import { TableStorage, type ColumnDef } from '../storage/table/index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
const parts = 8;
const schema: ColumnDef[] = [
  { name: 'ts', type: T.Int64 }, { name: 'user', type: T.UInt32 }, { name: 'value', type: T.Float64 }, { name: 'url', type: T.String },
];
const root = mkdtempSync(join(tmpdir(), 'eddy-bench-'));
const t = await TableStorage.open({
  dir: join(root, 't'), schema, sortKey: ['user', 'ts'], logger: { info: () => {}, warn: (m) => console.warn(m) },
  flush: { maxRows: 1e12, maxBytes: 1e15, maxAgeMs: 1e9 }, merge: { background: false },
});

let rawBytes = 0;
let seed = 42;
const rnd = (): number => { seed = (Math.imul(seed, 1103515245) + 12345) >>> 0; return seed >>> 8; };
const per = Math.ceil(rows / parts);
const enc = new TextEncoder();
let flushMs = 0;
for (let p = 0; p < parts; p++) {
  const n = Math.min(per, rows - p * per);
  const ts = new BigInt64Array(n);
  const user = new Uint32Array(n);
  const value = new Float64Array(n);
  const offsets = new Int32Array(n + 1);
  const chunks: Uint8Array[] = [];
  let total = 0;
  for (let i = 0; i < n; i++) {
    ts[i] = BigInt(1_700_000_000_000 + p * per + i);
    user[i] = rnd() % 10000;
    value[i] = (rnd() % 100000) / 100;
    const s = enc.encode(`https://example.com/page/${rnd() % 5000}`);
    chunks.push(s);
    total += s.length;
    offsets[i + 1] = total;
  }
  const bytes = new Uint8Array(total);
  for (let i = 0; i < n; i++) bytes.set(chunks[i]!, offsets[i]!);
  rawBytes += n * (8 + 4 + 8 + 4) + total;
  // insert in WAL-sized batches, then time the flush alone
  const B = 50_000;
  for (let a = 0; a < n; a += B) {
    const b = Math.min(n, a + B);
    await t.insert([
      flatVector(T.Int64, ts.subarray(a, b)), flatVector(T.UInt32, user.subarray(a, b)), flatVector(T.Float64, value.subarray(a, b)),
      stringVector(T.String, offsets.subarray(a, b + 1), bytes),
    ], b - a);
  }
  const t0 = performance.now();
  await t.flush();
  flushMs += performance.now() - t0;
}
const mb = rawBytes / 1024 / 1024;
const onDisk = t.parts().reduce((s, p) => s + p.bytesOnDisk, 0);
const t1 = performance.now();
await t.optimize({ final: true });
const mergeMs = performance.now() - t1;
const merged = t.parts().filter((p) => p.active);
console.log(`rows ${rows}, raw ${mb.toFixed(1)} MiB, on disk ${(onDisk / 1024 / 1024).toFixed(1)} MiB in ${parts} parts`);
console.log(`flush: ${flushMs.toFixed(0)} ms → ${(mb / (flushMs / 1000)).toFixed(1)} MB/s, ${(rows / (flushMs / 1000) / 1e6).toFixed(2)} M rows/s`);
console.log(`merge ${parts}→${merged.length}: ${mergeMs.toFixed(0)} ms → ${(mb / (mergeMs / 1000)).toFixed(1)} MB/s, ${(rows / (mergeMs / 1000) / 1e6).toFixed(2)} M rows/s`);
await t.close();
rmSync(root, { recursive: true, force: true });
