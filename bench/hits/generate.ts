/**
 * CLI: write a ClickBench `hits` data set as TabSeparated text.
 *
 *   node --import tsx bench/hits/generate.ts --rows 1000000 --seed 1 --out hits.tsv
 *
 * Options: `--rows N` (default 1,000,000; `_` separators allowed), `--seed S` (default 1),
 * `--out FILE` (default: stdout), `--threads T` (default: all cores). Progress goes to stderr.
 */
import { createWriteStream } from 'node:fs';
import { finished } from 'node:stream/promises';
import { parseArgs } from 'node:util';
import { writeHitsTsv } from './tsv-writer.ts';

const { values } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
    threads: { type: 'string' },
  },
});
const rows = Number(values.rows.replace(/_/g, ''));
const seed = Number(values.seed);
if (!Number.isInteger(rows) || rows < 0) throw new Error(`--rows must be a non-negative integer, got ${values.rows}`);
if (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff) throw new Error(`--seed must be a uint32, got ${values.seed}`);
const threads = values.threads === undefined ? undefined : Number(values.threads);

const out = values.out === undefined ? process.stdout : createWriteStream(values.out);
const started = performance.now();
let lastReport = 0;
const report = (done: number, bytes: number, final = false): void => {
  const now = performance.now();
  if (!final && now - lastReport < 500) return;
  lastReport = now;
  const secs = (now - started) / 1000;
  process.stderr.write(`\rhits: ${done.toLocaleString('en-US')}/${rows.toLocaleString('en-US')} rows, ` +
    `${(bytes / 1048576).toFixed(0)} MiB, ${secs.toFixed(1)} s, ${Math.round(done / Math.max(secs, 1e-3)).toLocaleString('en-US')} rows/s` +
    (final ? '\n' : ''));
};
const result = await writeHitsTsv({ rows, seed, out, ...(threads !== undefined ? { threads } : {}), onProgress: report });
if (out !== process.stdout) {
  out.end();
  await finished(out);
}
report(result.rows, result.bytes, true);
