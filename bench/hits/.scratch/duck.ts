import { DuckDBInstance } from '@duckdb/node-api';
import { readFileSync } from 'node:fs';
const inst = await DuckDBInstance.create(':memory:');
const conn = await inst.connect();
await conn.run(readFileSync('bench/clickbench/sql/duckdb-create.sql', 'utf8'));
let t = performance.now();
await conn.run(`COPY hits FROM '/tmp/hits/a.tsv' (FORMAT csv, DELIMITER '\t', HEADER false, QUOTE '', ESCAPE '', NULLSTR '\\N')`);
console.log('load', performance.now() - t);
const qs = readFileSync('bench/clickbench/sql/duckdb-queries.sql', 'utf8').trim().split('\n');
for (const [i, q] of qs.entries()) {
  t = performance.now();
  const r = await conn.runAndReadAll(q);
  const rows = r.getRows();
  console.log(`Q${i + 1} ${(performance.now() - t).toFixed(0)}ms rows=${rows.length}`, JSON.stringify(rows.slice(0, 3), (k, v) => typeof v === 'bigint' ? v.toString() : v).slice(0, 300));
}
