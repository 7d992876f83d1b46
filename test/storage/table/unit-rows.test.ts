/**
 * ScanUnit.readRows (late materialisation): for parts and in-memory segments, any ascending set of a
 * unit's rows reads back the same values as a full read of the unit, for columns the scan did not
 * request too, and a column added after a part was written reads as its default.
 */
import { tempDir } from '../../support/temp-dir.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeType, T, type Scalar } from '../../../src/core/types.ts';
import { scalarAt } from '../../../src/core/vector.ts';
import { TableStorage, type ColumnDef } from '../../../storage/table/index.ts';
import { columnsOf } from './helpers.ts';

const quiet = { info: () => {}, warn: () => {} };
const schema: ColumnDef[] = [
  { name: 'k', type: T.Int64 },
  { name: 's', type: T.String },
  { name: 'n', type: makeType('Int32', { nullable: true }) },
];

describe('ScanUnit.readRows', () => {
  it('returns the rows a full read yields, from parts and segments', async () => {
    const t = await TableStorage.open({
      dir: join(tempDir('unit-rows'), 't'), schema, sortKey: ['k'], granularity: 8, logger: quiet,
      flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 1e9 }, merge: { background: false },
    });
    const rows = (from: number, n: number): Scalar[][] => Array.from({ length: n }, (_, i) => [BigInt(from + i), `s${(from + i) % 7}`, (from + i) % 5 === 0 ? null : from + i]);
    await t.insert(columnsOf(schema, rows(0, 150)), 150);
    await t.flush();
    await t.addColumn({ name: 'd', type: T.String, default: 'dflt' }, 'k');
    const withD = t.schema;
    await t.insert(columnsOf(withD, rows(150, 40).map((r) => [r[0]!, `d${String(r[0])}`, r[1]!, r[2]!])), 40);
    const snap = t.snapshot();
    try {
      const all = ['k', 'd', 's', 'n'];
      // Plan with only k, then fetch every column by row.
      const { units } = snap.plan({ columns: ['k'], batchRows: 20 });
      expect(units.some((u) => u.descriptor !== undefined)).toBe(true);
      expect(units.some((u) => u.descriptor === undefined)).toBe(true);
      const full = snap.plan({ columns: all, batchRows: 20 }).units;
      let seed = 1;
      for (let ui = 0; ui < units.length; ui++) {
        const expected: Scalar[][] = [];
        for await (const b of full[ui]!.read()) for (let i = 0; i < b.length; i++) expected.push(b.columns.map((v) => scalarAt(v, i)));
        const want: number[] = [];
        for (let r = 0; r < units[ui]!.rows; r++) {
          seed = (seed * 1103515245 + 12345) >>> 0;
          if (seed % 3 === 0 || r === units[ui]!.rows - 1) want.push(r);
        }
        const got: Scalar[][] = [];
        for await (const b of units[ui]!.readRows!(Uint32Array.from(want), all)) {
          for (const i of b.sel ?? []) got.push(b.columns.map((v) => scalarAt(v, i)));
        }
        expect(got).toEqual(want.map((r) => expected[r]));
        expect(got.some((r) => r[1] === 'dflt') || ui >= units.length - 1).toBe(true);
      }
      await expect(async () => { for await (const _ of units[0]!.readRows!(Uint32Array.of(2, 1), ['k'])) void _; }).rejects.toThrow(/ascending/);
    } finally {
      snap.release();
      await t.close();
    }
  });
});
