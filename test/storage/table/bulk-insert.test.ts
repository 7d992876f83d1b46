/**
 * Bulk (streamed) inserts: pieces are staged as parts while blocks arrive, nothing is visible before
 * commit, commit shows every row at once, abort and a truncation in between leave nothing behind, a
 * reopened table holds exactly the committed rows, and merges never span a part still staged.
 */
import { tempDir } from '../../support/temp-dir.ts';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { T, type Scalar } from '../../../src/core/types.ts';
import { TableStorage, type ColumnDef } from '../../../storage/table/index.ts';
import { canon, columnsOf, readAll } from './helpers.ts';

const quiet = { info: () => {}, warn: () => {} };
const schema: ColumnDef[] = [{ name: 'k', type: T.Int64 }, { name: 's', type: T.String }];
const dir = (): string => join(tempDir('bulk'), 't');
const rowsFrom = (from: number, n: number): Scalar[][] => Array.from({ length: n }, (_, i) => [BigInt((from + i) * 7919 % 100003), `r${from + i}`]);
const open = (d: string, background = false): Promise<TableStorage> => TableStorage.open({
  dir: d, schema, sortKey: ['k'], logger: quiet, merge: { background }, flush: { maxRows: 1000, maxAgeMs: 1e9 },
});

describe('bulk insert', () => {
  it('stages pieces, shows nothing before commit and everything after, and survives a reopen', async () => {
    const d = dir();
    let t = await open(d);
    const bulk = t.bulkInsert();
    const expected: Scalar[][] = [];
    for (let b = 0; b < 9; b++) {
      const rows = rowsFrom(b * 300, 300);
      expected.push(...rows);
      await bulk.append(columnsOf(schema, rows), rows.length);
    }
    expect(readdirSync(d).some((n) => n.startsWith('staging_'))).toBe(true);
    expect(await readAll(t)).toEqual([]);
    await bulk.commit();
    expect(readdirSync(d).some((n) => n.startsWith('staging_'))).toBe(false);
    expect(t.parts().filter((p) => p.active).length).toBe(3);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    // pieces of 300 (the first piece is a quarter of maxRows, so writing starts early), 1200, 1200: each sorted
    expect(t.parts().filter((p) => p.active).map((p) => p.rows).sort((a, b) => a - b)).toEqual([300, 1200, 1200]);
    const sorted = (await readAll(t, ['k'])).map((r) => r[0] as bigint);
    expect(sorted.slice(0, 300)).toEqual([...sorted.slice(0, 300)].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    await t.close();
    t = await open(d);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.close();
  });

  it('a small insert goes the ordinary way', async () => {
    const t = await open(dir());
    const bulk = t.bulkInsert();
    const rows = rowsFrom(0, 10);
    await bulk.append(columnsOf(schema, rows), rows.length);
    await bulk.commit();
    expect(t.unflushedRows).toBe(10);
    expect(canon(await readAll(t))).toEqual(canon(rows));
    await t.close();
  });

  it('abort leaves nothing behind', async () => {
    const d = dir();
    const t = await open(d);
    const bulk = t.bulkInsert();
    for (let b = 0; b < 3; b++) await bulk.append(columnsOf(schema, rowsFrom(b * 600, 600)), 600);
    await bulk.abort();
    expect(readdirSync(d).filter((n) => n.startsWith('staging_') || n.includes('_'))).toEqual([]);
    expect(await readAll(t)).toEqual([]);
    await t.close();
  });

  it('fails at commit when the table was truncated meanwhile', async () => {
    const d = dir();
    const t = await open(d);
    const bulk = t.bulkInsert();
    await bulk.append(columnsOf(schema, rowsFrom(0, 1500)), 1500);
    await t.truncate();
    await expect(bulk.commit()).rejects.toThrow(/truncated/);
    expect(readdirSync(d).some((n) => n.startsWith('staging_'))).toBe(false);
    expect(await readAll(t)).toEqual([]);
    await t.close();
  });

  it('merges do not span a part that is still staged', async () => {
    const d = dir();
    const t = await open(d);
    await t.insert(columnsOf(schema, rowsFrom(0, 1000)), 1000); // a direct part
    const bulk = t.bulkInsert();
    await bulk.append(columnsOf(schema, rowsFrom(1000, 1000)), 1000); // staged, block in between
    await t.insert(columnsOf(schema, rowsFrom(2000, 1000)), 1000); // another direct part
    await t.optimize({ final: true });
    expect(t.parts().filter((p) => p.active).length).toBe(2);
    await bulk.commit();
    await t.optimize({ final: true });
    expect(t.parts().filter((p) => p.active).length).toBe(1);
    await t.close();
    const again = await open(d);
    expect((await readAll(again)).length).toBe(3000);
    await again.close();
  });
});
