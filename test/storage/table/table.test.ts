import { tempDir } from '../../support/temp-dir.ts';
import fc from 'fast-check';
import { cpSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, truncateSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/core/errors.ts';
import { makeType, T, type Scalar } from '../../../src/core/types.ts';
import { fromUtf8, type Vector } from '../../../src/core/vector.ts';
import { TableStorage, type ColumnDef, type TableStorageOptions } from '../../../storage/table/index.ts';
import { canon, columnsOf, readAll } from './helpers.ts';

const quiet = { info: () => {}, warn: () => {} };
const schema: ColumnDef[] = [
  { name: 'k', type: T.Int64 },
  { name: 's', type: T.String },
  { name: 'n', type: makeType('Int32', { nullable: true }) },
];
/** Partition by the first character of s. */
const partitioner = (columns: readonly Vector[], rowCount: number): { keys: string[]; rowKey: Uint32Array } => {
  const s = columns[1]!;
  const keys: string[] = [];
  const idx = new Map<string, number>();
  const rowKey = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) {
    const v = s.kind === 'string' ? fromUtf8(s.bytes, s.offsets[i]!, s.offsets[i + 1]!) : '';
    const p = `p${v.length > 0 ? v.charCodeAt(0) : 0}`;
    let k = idx.get(p);
    if (k === undefined) { k = keys.length; keys.push(p); idx.set(p, k); }
    rowKey[i] = k;
  }
  return { keys, rowKey };
};

function newDir(): string {
  return join(tempDir('table'), 't');
}
function opts(dir: string, extra: Partial<TableStorageOptions> = {}): TableStorageOptions {
  return { dir, schema, sortKey: ['k'], granularity: 8, logger: quiet, flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 1e9 }, merge: { background: false }, ...extra };
}
type Row = [bigint, string, number | null];
const row = (i: number): Row => [BigInt((i * 7919) % 1000), `s${i % 3 === 0 ? 'a' : 'b'}${i}`, i % 5 === 0 ? null : i];
const insertRows = (t: TableStorage, rows: Row[], extra?: Record<string, string>): Promise<void> => t.insert(columnsOf(schema, rows), rows.length, extra);

describe('TableStorage', () => {
  it('snapshots over segment + parts return exactly the inserted rows (random ops)', async () => {
    const opArb = fc.oneof(
      fc.record({ op: fc.constant('insert' as const), rows: fc.array(fc.tuple(fc.bigInt({ min: -50n, max: 50n }), fc.constantFrom('a', 'b', 'cc', ''), fc.option(fc.integer())), { maxLength: 25 }) }),
      fc.record({ op: fc.constantFrom('flush' as const, 'optimize' as const, 'final' as const, 'reopen' as const, 'crash' as const) }),
    );
    await fc.assert(fc.asyncProperty(fc.array(opArb, { maxLength: 12 }), fc.boolean(), async (ops, partitioned) => {
      const dir = newDir();
      const o = opts(dir, partitioned ? { partitioner } : {});
      let t = await TableStorage.open(o);
      const expected: Scalar[][] = [];
      for (const op of ops) {
        if (op.op === 'insert') {
          await insertRows(t, op.rows as Row[]);
          expected.push(...op.rows);
        } else if (op.op === 'flush') await t.flush();
        else if (op.op === 'optimize') await t.optimize();
        else if (op.op === 'final') await t.optimize({ final: true });
        else if (op.op === 'reopen') { await t.close(); t = await TableStorage.open(o); }
        else { t = await TableStorage.open(o); } // crash: the old object is abandoned, never closed
        expect(canon(await readAll(t))).toEqual(canon(expected));
      }
      // every part is sorted by k
      const snapRows = await readAll(t);
      expect(snapRows.length).toBe(expected.length);
      await t.close();
      rmSync(dir, { recursive: true, force: true });
    }), { numRuns: 25 });
  });

  it('flush writes one sorted part per partition; reopen loads them', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir, { partitioner }));
    const rows = Array.from({ length: 100 }, (_, i) => row(i));
    await insertRows(t, rows);
    await t.flush();
    const parts = t.parts();
    expect(parts.map((p) => p.partition).sort()).toEqual(['p115']); // all start with 's'
    expect(parts[0]!.rows).toBe(100);
    const got = await readAll(t);
    for (let i = 1; i < got.length; i++) expect((got[i - 1]![0] as bigint) <= (got[i]![0] as bigint)).toBe(true);
    await t.close();
    const t2 = await TableStorage.open(opts(dir, { partitioner }));
    expect(canon(await readAll(t2))).toEqual(canon(rows));
    await t2.close();
  });

  it('crash between part rename and WAL removal: rows are not doubled', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    const rows = Array.from({ length: 50 }, (_, i) => row(i));
    await insertRows(t, rows.slice(0, 30));
    await insertRows(t, rows.slice(30));
    const walCopy = `${dir}-walcopy`;
    cpSync(join(dir, 'wal'), walCopy, { recursive: true });
    await t.flush();
    await t.close();
    rmSync(join(dir, 'wal'), { recursive: true });
    renameSync(walCopy, join(dir, 'wal')); // as if the WAL files had not been deleted yet
    const t2 = await TableStorage.open(opts(dir));
    expect(canon(await readAll(t2))).toEqual(canon(rows));
    await insertRows(t2, [row(99)]);
    await t2.close();
    const t3 = await TableStorage.open(opts(dir));
    expect(canon(await readAll(t3))).toEqual(canon([...rows, row(99)]));
    await t3.close();
  });

  it('a torn WAL tail loses only the unacknowledged record', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    await insertRows(t, [row(1), row(2)]);
    await insertRows(t, [row(3)]);
    // crash without close; then tear the last record
    const walDir = join(dir, 'wal');
    const file = join(walDir, readdirSync(walDir)[0]!);
    truncateSync(file, statSync(file).size - 5);
    const warns: string[] = [];
    const t2 = await TableStorage.open(opts(dir, { logger: { info: () => {}, warn: (m) => warns.push(m) } }));
    expect(canon(await readAll(t2))).toEqual(canon([row(1), row(2)]));
    expect(warns.length).toBe(1);
    await t2.close();
  });

  it('multi-partition commits are all-or-nothing across a crash', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir, { partitioner }));
    const rows: Row[] = [[1n, 'a', 1], [2n, 'b', 2], [3n, 'c', 3]];
    await insertRows(t, rows);
    await t.flush();
    expect(t.parts().length).toBe(3);
    await t.close();
    // simulate: crash after the commit file was written but before the parts were moved
    const names = readdirSync(dir).filter((n) => /_\d+_\d+_\d+$/.test(n));
    mkdirSync(join(dir, 'staging_x1'));
    for (const n of names.slice(0, 2)) renameSync(join(dir, n), join(dir, 'staging_x1', n));
    writeFileSync(join(dir, 'commit_x1.json'), JSON.stringify(names));
    // and an uncommitted staging directory holding a stray copy
    mkdirSync(join(dir, 'staging_y2'));
    cpSync(join(dir, names[2]!), join(dir, 'staging_y2', names[2]!), { recursive: true });
    const t2 = await TableStorage.open(opts(dir, { partitioner }));
    expect(canon(await readAll(t2))).toEqual(canon(rows));
    expect(readdirSync(dir).filter((n) => n.startsWith('staging_') || n.startsWith('commit_'))).toEqual([]);
    await t2.close();
  });

  it('parts left behind by a finished merge are removed on open', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    for (let i = 0; i < 4; i++) { await insertRows(t, [row(i)]); await t.flush(); }
    const before = readdirSync(dir).filter((n) => n.startsWith('all_'));
    for (const n of before) cpSync(join(dir, n), join(`${dir}-keep`, n), { recursive: true });
    await t.optimize({ final: true });
    await t.close();
    for (const n of before) if (!existsSync(join(dir, n))) cpSync(join(`${dir}-keep`, n), join(dir, n), { recursive: true });
    const t2 = await TableStorage.open(opts(dir));
    expect(t2.parts().map((p) => p.name)).toEqual(['all_1_4_1']);
    expect(canon(await readAll(t2))).toEqual(canon([0, 1, 2, 3].map(row)));
    await t2.close();
  });

  it('outdated parts stay readable until the last snapshot releases them', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    for (let i = 0; i < 3; i++) { await insertRows(t, [row(i)]); await t.flush(); }
    const snap = t.snapshot();
    await t.optimize({ final: true });
    expect(t.parts().filter((p) => !p.active).length).toBe(3);
    const { units } = snap.plan({ columns: ['k'] });
    let n = 0;
    for (const u of units) for await (const b of u.read()) n += b.length;
    expect(n).toBe(3);
    snap.release();
    await new Promise((r) => setTimeout(r, 50));
    expect(t.parts().length).toBe(1);
    expect(readdirSync(dir).filter((x) => x.startsWith('all_'))).toEqual(['all_1_3_1']);
    await t.close();
  });

  it('truncate is durable and keeps committed extra', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    await insertRows(t, [row(1)], { offset: '5' });
    await t.flush();
    await insertRows(t, [row(2)], { offset: '6' });
    await t.truncate();
    expect(await readAll(t)).toEqual([]);
    await insertRows(t, [row(3)]);
    await t.close();
    const t2 = await TableStorage.open(opts(dir));
    expect(await readAll(t2)).toEqual([row(3)]);
    expect(t2.committedExtra()).toEqual({ offset: '6' });
    await t2.close();
  });

  it('committedExtra: latest value per key over parts, merges and WAL, across restarts', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir, { partitioner }));
    await insertRows(t, [[1n, 'a', 1]], { 'p0': '10', 'p1': '3' });
    await t.flush();
    await insertRows(t, [[2n, 'b', 1]], { 'p0': '11' });
    await t.flush();
    await insertRows(t, [], { 'p1': '4' });
    expect(t.committedExtra()).toEqual({ p0: '11', p1: '4' });
    await t.optimize({ final: true });
    await t.close();
    const t2 = await TableStorage.open(opts(dir, { partitioner }));
    expect(t2.committedExtra()).toEqual({ p0: '11', p1: '4' });
    await t2.flush();
    await t2.close();
    const t3 = await TableStorage.open(opts(dir, { partitioner }));
    expect(t3.committedExtra()).toEqual({ p0: '11', p1: '4' });
    await t3.close();
  });

  it('ADD/DROP COLUMN keep old parts and old WAL records readable', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    await insertRows(t, [row(1)]);
    await t.flush();
    await insertRows(t, [row(2)]); // stays in the WAL with the old schema
    await t.addColumn({ name: 'd', type: T.String, default: 'dflt' }, 'k');
    expect(t.schema.map((f) => f.name)).toEqual(['k', 'd', 's', 'n']);
    const s2 = t.schema;
    await t.insert(columnsOf(s2, [[3n, 'x', 's3', 3]]), 1);
    expect(canon(await readAll(t))).toEqual(canon([[row(1)[0], 'dflt', row(1)[1], row(1)[2]], [row(2)[0], 'dflt', row(2)[1], row(2)[2]], [3n, 'x', 's3', 3]]));
    await t.dropColumn('s');
    await expect(t.dropColumn('k')).rejects.toThrow(EddyError);
    const s3 = t.schema;
    await t.close();
    // crash-free restart with the new schema: WAL records of both older schemas map by name
    const t2 = await TableStorage.open(opts(dir, { schema: s3 }));
    expect(canon(await readAll(t2))).toEqual(canon([[row(1)[0], 'dflt', row(1)[2]], [row(2)[0], 'dflt', row(2)[2]], [3n, 'x', 3]]));
    await t2.optimize({ final: true });
    expect(canon(await readAll(t2))).toEqual(canon([[row(1)[0], 'dflt', row(1)[2]], [row(2)[0], 'dflt', row(2)[2]], [3n, 'x', 3]]));
    await t2.close();
  });

  it('large inserts bypass the WAL and become parts at once', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir, { flush: { maxRows: 100 }, partitioner }));
    const rows = Array.from({ length: 250 }, (_, i) => row(i));
    await insertRows(t, rows, { off: '1' });
    expect(t.unflushedRows).toBe(0);
    expect(t.parts().reduce((s, p) => s + p.rows, 0)).toBe(250);
    await t.close();
    const t2 = await TableStorage.open(opts(dir));
    expect(canon(await readAll(t2))).toEqual(canon(rows));
    expect(t2.committedExtra()).toEqual({ off: '1' });
    await t2.close();
  });

  it('rejects mismatched columns with an EddyError before logging anything', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    await expect(t.insert(columnsOf(schema.slice(0, 2), [[1n, 'a']]), 1)).rejects.toThrow(EddyError);
    await expect(t.insert(columnsOf([schema[1]!, schema[1]!, schema[2]!], [['1', 'a', 1]]), 1)).rejects.toMatchObject({ errorName: 'TYPE_MISMATCH' });
    await t.close();
    const t2 = await TableStorage.open(opts(dir));
    expect(await readAll(t2)).toEqual([]);
    await t2.close();
  });

  it('a failing WAL write fails the insert with an EddyError and leaves the table readable', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    await insertRows(t, [row(1)]);
    // sabotage the WAL file handle (stands in for ENOSPC/EIO)
    await (t as unknown as { wal: { fh: { close(): Promise<void> } } }).wal.fh.close();
    const err = await insertRows(t, [row(2)]).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EddyError);
    expect(await readAll(t)).toEqual([row(1)]);
    const t2 = await TableStorage.open(opts(dir));
    expect(await readAll(t2)).toEqual([row(1)]);
    await t2.close();
  });

  it('pruning: plan() skips granules by range on the sort key', async () => {
    const dir = newDir();
    const t = await TableStorage.open(opts(dir));
    const rows = Array.from({ length: 800 }, (_, i) => [BigInt(i), 'x', i] as Row);
    await insertRows(t, rows);
    await t.flush();
    const snap = t.snapshot();
    const { stats, units } = snap.plan({ columns: ['k', 'n'], ranges: [{ kind: 'range', column: 'k', min: 100n, max: 115n, minInclusive: true, maxInclusive: true }] });
    expect(stats.granulesTotal).toBe(100);
    expect(stats.granulesSelected).toBeLessThanOrEqual(3);
    let seen = 0;
    for (const u of units) for await (const b of u.read()) seen += b.length;
    expect(seen).toBe(stats.rowsSelected);
    snap.release();
    await t.close();
  });
});
