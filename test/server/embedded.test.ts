/** The embedded API (src/index.ts) and the CLI's `local` command. */
import { afterAll, describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { open } from '../../src/index.ts';

const dirs: string[] = [];
const tmp = (): string => { const d = mkdtempSync(join(tmpdir(), 'eddy-emb-')); dirs.push(d); return d; };
afterAll(() => { for (const d of dirs) rmSync(d, { recursive: true, force: true }); });

describe('embedded API', () => {
  it('query, insert objects and an Arrow table, close', async () => {
    const db = await open(tmp());
    await db.query('CREATE TABLE t (a UInt32, s String) ENGINE = MergeTree ORDER BY a');
    expect(await db.insert('t', [{ a: 1, s: 'x' }, { a: 2, s: 'y' }])).toEqual({ writtenRows: 2 });
    const table = arrow.tableFromArrays({ a: Uint32Array.of(3, 4), s: ['z', 'w'] });
    expect(await db.insert('default.t', table)).toEqual({ writtenRows: 2 });
    expect(await db.query('SELECT a, s FROM t ORDER BY a')).toEqual([{ a: 1, s: 'x' }, { a: 2, s: 'y' }, { a: 3, s: 'z' }, { a: 4, s: 'w' }]);
    await db.close();
  });
});

describe('CLI', () => {
  it('eddy local prints PrettyCompact', () => {
    const dir = tmp();
    const run = (sql: string) =>
      execFileSync(process.execPath, ['bin/eddy.js', 'local', '--data-dir', dir, '--query', sql], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    run('CREATE TABLE t (a UInt32) ENGINE = MergeTree ORDER BY a');
    run('INSERT INTO t VALUES (1), (2)');
    expect(run('SELECT a FROM t ORDER BY a')).toBe('┌─a─┐\n│ 1 │\n│ 2 │\n└───┘\n');
  });
});
