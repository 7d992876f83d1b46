/**
 * The HTTP interface through the real @clickhouse/client (and fetch for raw bytes) against a server
 * started in-process on 127.0.0.1 with a random port and a temporary data directory.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createClient, type ClickHouseClient } from '@clickhouse/client';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { FastifyInstance } from 'fastify';
import { Database } from '../../src/database.ts';
import { createServer } from '../../src/server/http-server.ts';
import { parseUsers } from '../../src/server/users.ts';

let dir: string;
let db: Database;
let app: FastifyInstance;
let url: string;
let client: ClickHouseClient;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'eddy-http-'));
  db = await Database.open({ dataDir: dir });
  app = createServer({
    db, displayName: 'eddy-test',
    users: parseUsers({ users: {
      default: { password: '' },
      reader: { password_sha256_hex: '2bb80d537b1da3e38bd30361aa855686bde0eacd7162fef6a25fe97bf527a25b', readonly: 1 }, // "secret"
    } }),
  });
  await app.listen({ host: '127.0.0.1', port: 0 });
  const addr = app.server.address();
  url = `http://127.0.0.1:${typeof addr === 'object' && addr ? addr.port : 0}`;
  client = createClient({ url });
});

afterAll(async () => {
  await client?.close();
  await app?.close();
  await db?.close();
  rmSync(dir, { recursive: true, force: true });
});

const ROWS = 10_000;

describe('@clickhouse/client', () => {
  it('ping', async () => {
    expect((await client.ping()).success).toBe(true);
    const r = await fetch(`${url}/ping`);
    expect(await r.text()).toBe('Ok.\n');
  });

  it('DDL via command', async () => {
    await client.command({ query: 'CREATE TABLE t (id UInt64, k String, v Float64) ENGINE = MergeTree ORDER BY id' });
    await client.command({ query: 'CREATE TABLE t2 (id UInt32, s String) ENGINE = MergeTree ORDER BY id' });
  });

  it('insert 10,000 rows as JSONEachRow', async () => {
    const values = Array.from({ length: ROWS }, (_, i) => ({ id: i, k: 'abcdefg'[i % 7], v: (i % 97) * 0.25 }));
    const r = await client.insert({ table: 't', values, format: 'JSONEachRow' });
    expect(r.summary?.written_rows).toBe(String(ROWS));
  });

  it('insert 10,000 rows as JSONCompactEachRow (the client default)', async () => {
    const values = Array.from({ length: ROWS }, (_, i) => [i, `s${i}`]);
    const r = await client.insert({ table: 't2', values });
    expect(r.summary?.written_rows).toBe(String(ROWS));
    const rs = await client.query({ query: 'SELECT count() AS c FROM t2', format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ c: ROWS }]);
  });

  const agg = 'SELECT k, count(), sum(v) FROM t GROUP BY k ORDER BY k';
  const expected = [['a', 1429, 17128.5], ['b', 1429, 17146.25], ['c', 1429, 17139.75], ['d', 1429, 17133.25],
    ['e', 1428, 17124.5], ['f', 1428, 17117.75], ['g', 1428, 17111]] as const;

  it('SELECT as JSON', async () => {
    const rs = await client.query({ query: agg, format: 'JSON' });
    const j = await rs.json<{ k: string; 'count()': number; 'sum(v)': number }>();
    expect(j.meta).toEqual([{ name: 'k', type: 'String' }, { name: 'count()', type: 'UInt64' }, { name: 'sum(v)', type: 'Float64' }]);
    expect(j.data.map((r) => [r.k, r['count()'], r['sum(v)']])).toEqual(expected);
    expect(j.rows).toBe(7);
    expect(j.statistics?.rows_read).toBe(ROWS);
  });

  it('SELECT as JSONEachRow, with 64-bit quoting on request', async () => {
    const rs = await client.query({ query: agg, format: 'JSONEachRow', clickhouse_settings: { output_format_json_quote_64bit_integers: 1 } });
    const rows = await rs.json<Record<string, unknown>>();
    expect(rows[0]).toEqual({ k: 'a', 'count()': '1429', 'sum(v)': 17128.5 });
  });

  it('SELECT as CSV', async () => {
    const rs = await client.query({ query: agg, format: 'CSV' });
    expect(await rs.text()).toBe(expected.map((r) => `"${r[0]}",${r[1]},${r[2]}\n`).join(''));
  });

  it('SELECT as JSONCompactEachRowWithNamesAndTypes', async () => {
    const rs = await client.query({ query: agg, format: 'JSONCompactEachRowWithNamesAndTypes' });
    expect(await rs.json()).toEqual([['k', 'count()', 'sum(v)'], ['String', 'UInt64', 'Float64'], ...expected.map((r) => [...r])]);
  });

  it('SELECT as TabSeparatedWithNamesAndTypes', async () => {
    const rs = await client.query({ query: agg, format: 'TabSeparatedWithNamesAndTypes' });
    expect(await rs.text()).toBe('k\tcount()\tsum(v)\nString\tUInt64\tFloat64\n' + expected.map((r) => r.join('\t') + '\n').join(''));
  });

  it('query parameters and query_id', async () => {
    const rs = await client.query({
      query: 'SELECT count() AS c FROM t WHERE k = {k:String} AND id < {n:UInt32}',
      format: 'JSONEachRow', query_params: { k: 'a', n: 700 }, query_id: 'qid-eddy-1',
    });
    expect(rs.query_id).toBe('qid-eddy-1');
    expect(rs.response_headers['x-clickhouse-query-id']).toBe('qid-eddy-1');
    expect(await rs.json()).toEqual([{ c: 100 }]);
  });

  it('bad SQL → ClickHouseError 62, unknown table → 60, unknown setting → 115', async () => {
    await expect(client.query({ query: 'SELEC 1' })).rejects.toMatchObject({ code: '62', type: 'SYNTAX_ERROR' });
    await expect(client.query({ query: 'SELECT * FROM nope' })).rejects.toMatchObject({ code: '60', type: 'UNKNOWN_TABLE' });
    await expect(client.query({ query: 'SELECT 1', clickhouse_settings: { foobar: 1 } as never }))
      .rejects.toMatchObject({ code: '115', type: 'UNKNOWN_SETTING' });
  });

  it('gzip request and response bodies', async () => {
    const gz = createClient({ url, compression: { request: true, response: true } });
    await gz.insert({ table: 't2', values: [[ROWS + 1, 'gz']] });
    const rs = await gz.query({ query: `SELECT s FROM t2 WHERE id = ${ROWS + 1}`, format: 'JSONEachRow' });
    expect(await rs.json()).toEqual([{ s: 'gz' }]);
    await gz.close();
  });
});

describe('raw HTTP', () => {
  it('GET is read-only (READONLY 164)', async () => {
    const r = await fetch(`${url}/?query=${encodeURIComponent("INSERT INTO t2 VALUES (1, 'x')")}`);
    expect(r.status).toBe(500);
    expect(r.headers.get('x-clickhouse-exception-code')).toBe('164');
    expect(await r.text()).toMatch(/^Code: 164\. DB::Exception: .*\(READONLY\) \(version .*\)\n$/);
  });

  it('body-only INSERT streams its data; query + body concatenation', async () => {
    let r = await fetch(`${url}/`, { method: 'POST', body: "INSERT INTO t2 VALUES (20001, 'v1'), (20002, 'v2')" });
    expect(r.status).toBe(200);
    r = await fetch(`${url}/?query=${encodeURIComponent('INSERT INTO t2 FORMAT TSV')}`, { method: 'POST', body: '20003\tv3\n' });
    expect(JSON.parse(r.headers.get('x-clickhouse-summary')!).written_rows).toBe('1');
    r = await fetch(`${url}/?query=${encodeURIComponent('SELECT s FROM t2 WHERE id > 20000')}`, { method: 'POST', body: 'ORDER BY id FORMAT CSV' });
    expect(await r.text()).toBe('"v1"\n"v2"\n"v3"\n');
    expect(r.headers.get('x-clickhouse-format')).toBe('CSV');
  });

  it('gzip body with curl-style query', async () => {
    const r = await fetch(`${url}/`, { method: 'POST', body: gzipSync('SELECT 1 FORMAT JSONEachRow'), headers: { 'Content-Encoding': 'gzip' } });
    expect(await r.text()).toBe('{"1":1}\n');
    const z = await fetch(`${url}/?query=SELECT%201&enable_http_compression=1`, { headers: { 'Accept-Encoding': 'gzip' } });
    expect(z.headers.get('content-encoding')).toBe('gzip');
  });

  it('default_format and X-ClickHouse-Format; headers and summary', async () => {
    const r = await fetch(`${url}/?query=SELECT%201&default_format=JSONCompactEachRow`);
    expect(await r.text()).toBe('[1]\n');
    expect(r.headers.get('x-clickhouse-server-display-name')).toBe('eddy-test');
    expect(r.headers.get('x-clickhouse-timezone')).toBe('UTC');
    const s = JSON.parse(r.headers.get('x-clickhouse-summary')!);
    expect(Object.keys(s)).toEqual(['read_rows', 'read_bytes', 'written_rows', 'written_bytes', 'total_rows_to_read', 'result_rows', 'result_bytes', 'elapsed_ns']);
    const h = await fetch(`${url}/?query=SELECT%201`, { headers: { 'X-ClickHouse-Format': 'JSONEachRow' } });
    expect(await h.text()).toBe('{"1":1}\n');
  });

  it('authentication: wrong password 516/403, readonly user, sha256 password', async () => {
    const bad = await fetch(`${url}/?query=SELECT%201&user=reader&password=nope`);
    expect(bad.status).toBe(403);
    expect(bad.headers.get('x-clickhouse-exception-code')).toBe('516');
    const good = await fetch(`${url}/?query=SELECT%201`, { headers: { 'X-ClickHouse-User': 'reader', 'X-ClickHouse-Key': 'secret' } });
    expect(await good.text()).toBe('1\n');
    const ro = await fetch(`${url}/`, { method: 'POST', body: 'DROP TABLE t2', headers: { Authorization: `Basic ${Buffer.from('reader:secret').toString('base64')}` } });
    expect(ro.headers.get('x-clickhouse-exception-code')).toBe('164');
    const setting = await fetch(`${url}/?query=SELECT%201&max_threads=2&user=reader&password=secret`);
    expect(setting.headers.get('x-clickhouse-exception-code')).toBe('164');
  });

  it('max_result_rows with result_overflow_mode', async () => {
    const r = await fetch(`${url}/?query=${encodeURIComponent('SELECT id FROM t2 ORDER BY id FORMAT CSV')}&max_result_rows=3&result_overflow_mode=break`);
    expect(await r.text()).toBe('0\n1\n2\n');
    const t = await fetch(`${url}/?query=${encodeURIComponent('SELECT id FROM t2')}&max_result_rows=3&wait_end_of_query=1`);
    expect(t.headers.get('x-clickhouse-exception-code')).toBe('396');
  });

  it('/metrics in Prometheus text', async () => {
    const r = await fetch(`${url}/metrics`);
    const text = await r.text();
    expect(text).toMatch(/eddy_queries_total\{kind="select"\} \d+/);
    expect(text).toMatch(/eddy_inserted_rows_total \d+/);
  });

  it('unknown path → 404', async () => {
    expect((await fetch(`${url}/nope`)).status).toBe(404);
  });

  it('Parquet and Arrow over HTTP', async () => {
    const r = await fetch(`${url}/?query=${encodeURIComponent('SELECT id, s FROM t2 ORDER BY id LIMIT 3 FORMAT Parquet')}`);
    expect(Buffer.from(await r.arrayBuffer()).subarray(0, 4).toString()).toBe('PAR1');
  });
});

describe('Grafana connect and schema queries', () => {
  const q = async (sql: string) => {
    const rs = await client.query({ query: sql, format: 'JSONCompactEachRow' });
    return rs.json<unknown[]>();
  };
  it('hello and ping', async () => {
    const [hello] = await q('SELECT displayName(), version(), revision(), timezone()');
    expect(hello).toHaveLength(4);
    expect(hello![3]).toBe('UTC');
    const r = await client.query({ query: 'SELECT 1', format: 'JSON' });
    expect((await r.json()).meta).toEqual([{ name: '1', type: 'UInt8' }]);
  });
  it('SHOW DATABASES / SHOW TABLES / DESC TABLE', async () => {
    expect((await q('SHOW DATABASES')).map((r) => r[0])).toContain('default');
    expect((await q('SHOW TABLES FROM "default"')).map((r) => r[0])).toEqual(expect.arrayContaining(['t', 't2']));
    const desc = await q('DESC TABLE "default"."t"');
    expect(desc.map((r) => [r[0], r[1]])).toEqual([['id', 'UInt64'], ['k', 'String'], ['v', 'Float64']]);
  });
  it('system tables', async () => {
    expect((await q("SELECT name, type, table FROM system.columns WHERE database IN ('default') AND table = 't'")))
      .toEqual([['id', 'UInt64', 't'], ['k', 'String', 't'], ['v', 'Float64', 't']]);
    expect((await q('SELECT name FROM system.databases ORDER BY name')).map((r) => r[0])).toContain('default');
    expect((await q("SELECT name FROM system.tables WHERE database = 'default' ORDER BY name")).map((r) => r[0])).toEqual(['t', 't2']);
    const fns = await q('SELECT name, is_aggregate, case_insensitive, alias_to, origin, description, syntax, arguments, returned_value, examples, categories FROM system.functions LIMIT 10000');
    expect(fns.length).toBeGreaterThan(10);
  });
});
