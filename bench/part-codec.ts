/**
 * Quick part codec benchmark: 1M rows of a mixed schema (sorted Int32 key, DateTime, LowCardinality
 * strings, random Int64, URL-like strings) written as one part and read back whole.
 * Prints raw size vs bytes on disk, and write/read throughput in MB/s of raw data.
 * Run: node --import tsx bench/part-codec.ts [rows]
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { makeType, T, type Field } from '../src/core/types.ts';
import { utf8, type FlatVector, type StringVector } from '../src/core/vector.ts';
import { ColumnCache, PartReader, writePart } from '../storage/part/index.ts';

const rows = Number(process.argv[2] ?? 1_000_000);
let seed = 42;
const rand = (): number => {
  seed = (Math.imul(seed, 1103515245) + 12345) >>> 0;
  return seed / 4294967296;
};

function strings(type: Field['type'], make: (i: number) => string): StringVector {
  const parts = Array.from({ length: rows }, (_, i) => utf8(make(i)));
  const offsets = new Int32Array(rows + 1);
  for (let i = 0; i < rows; i++) offsets[i + 1] = offsets[i]! + parts[i]!.length;
  const bytes = new Uint8Array(offsets[rows]!);
  for (let i = 0; i < rows; i++) bytes.set(parts[i]!, offsets[i]!);
  return { kind: 'string', type, length: rows, offsets, bytes, nulls: null };
}

const key = new Int32Array(rows);
for (let i = 1; i < rows; i++) key[i] = key[i - 1]! + (rand() < 0.7 ? 0 : 1 + Math.floor(rand() * 3));
const time = new Uint32Array(rows);
for (let i = 0; i < rows; i++) time[i] = 1_700_000_000 + Math.floor(i / 10) + Math.floor(rand() * 5);
const big = new BigInt64Array(rows);
const big32 = new Int32Array(big.buffer);
for (let i = 0; i < 2 * rows; i++) big32[i] = Math.floor(rand() * 4294967296) | 0;
const regions = ['us-east-1', 'us-west-2', 'eu-west-1', 'eu-central-1', 'ap-south-1', 'ap-northeast-1', 'sa-east-1', 'af-south-1'];
const lowCard = makeType('String', { lowCardinality: true });
const words = ['news', 'sport', 'video', 'search', 'item', 'user', 'cart', 'blog', 'docs', 'api', 'img', 'static'];
const url = (i: number): string => `https://www.${words[i % 7]}.example.com/${words[Math.floor(rand() * 12)]}/${Math.floor(rand() * 100000)}` +
  (rand() < 0.3 ? `?q=${words[Math.floor(rand() * 12)]}&page=${Math.floor(rand() * 50)}` : '');

const schema: Field[] = [
  { name: 'CounterID', type: T.Int32 }, { name: 'EventTime', type: T.DateTime }, { name: 'Region', type: lowCard },
  { name: 'UserID', type: T.Int64 }, { name: 'URL', type: T.String },
];
const columns: (FlatVector | StringVector)[] = [
  { kind: 'flat', type: T.Int32, length: rows, values: key, nulls: null },
  { kind: 'flat', type: T.DateTime, length: rows, values: time, nulls: null },
  strings(lowCard, () => regions[Math.floor(rand() * rand() * regions.length)]!),
  { kind: 'flat', type: T.Int64, length: rows, values: big, nulls: null },
  strings(T.String, url),
];
const rawBytes = (v: FlatVector | StringVector): number => (v.kind === 'flat' ? v.values.byteLength : v.bytes.byteLength + v.offsets.byteLength);
const raw = columns.reduce((s, v) => s + rawBytes(v), 0);

const dir = mkdtempSync(join(tmpdir(), 'eddy-bench-'));
try {
  const mb = raw / 1e6;
  let t = performance.now();
  const part = await writePart(dir, schema, columns, rows, { granularity: 8192, sortKey: ['CounterID', 'EventTime'], partition: 'all', minBlock: 1, maxBlock: 1, level: 0 });
  const writeMs = performance.now() - t;
  const reader = await PartReader.open(part.dir);
  t = performance.now();
  for (const f of schema) await reader.readColumn(f.name, 0, reader.meta.granuleCount);
  const readMs = performance.now() - t;
  const cached = await PartReader.open(part.dir, new ColumnCache(1 << 30));
  for (const f of schema) await cached.readColumn(f.name, 0, cached.meta.granuleCount);
  t = performance.now();
  for (const f of schema) await cached.readColumn(f.name, 0, cached.meta.granuleCount);
  const cachedMs = performance.now() - t;
  console.log(`rows ${rows}, raw ${mb.toFixed(1)} MB, on disk ${(part.meta.bytesOnDisk / 1e6).toFixed(2)} MB (${(raw / part.meta.bytesOnDisk).toFixed(1)}x)`);
  for (const c of part.meta.columns) {
    const v = columns[schema.findIndex((f) => f.name === c.name)]!;
    console.log(`  ${c.name.padEnd(10)} raw ${(rawBytes(v) / 1e6).toFixed(2).padStart(6)} MB  disk ${(c.compressedBytes / 1e6).toFixed(3).padStart(7)} MB  ${(rawBytes(v) / c.compressedBytes).toFixed(1)}x`);
  }
  console.log(`write ${writeMs.toFixed(0)} ms (${(mb / (writeMs / 1000)).toFixed(0)} MB/s), read all columns ${readMs.toFixed(0)} ms (${(mb / (readMs / 1000)).toFixed(0)} MB/s), from cache ${cachedMs.toFixed(1)} ms`);
} finally {
  rmSync(dir, { recursive: true, force: true });
}
