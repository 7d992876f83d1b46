import fc from 'fast-check';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Field } from '../../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../../src/core/vector.ts';
import { materialize } from '../../../src/core/materialize.ts';
import { ColumnCursor } from '../../../storage/part/column-cursor.ts';
import { PartWriter, writePart } from '../../../storage/part/index.ts';
import { KINDS, rowBytes, vectorArb } from '../codec/arbitraries.ts';

const root = mkdtempSync(join(tmpdir(), 'eddy-part-writer-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirSeq = 0;
const freshDir = (): string => mkdtempSync(join(root, `t${dirSeq++}-`));

/** Rows [a, b) of a vector, sharing memory (string offsets stay absolute). */
function rowsOf(v: FlatVector | StringVector, a: number, b: number): FlatVector | StringVector {
  const nulls = v.nulls === null ? null : v.nulls.subarray(a, b);
  if (v.kind === 'string') return { ...v, length: b - a, offsets: v.offsets.subarray(a, b + 1), nulls };
  return { ...v, length: b - a, values: v.values.subarray(a, b), nulls };
}

const caseArb = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 3 }),
  rows: fc.integer({ min: 0, max: 300 }),
  granularity: fc.integer({ min: 1, max: 50 }),
  minBlockBytes: fc.integer({ min: 1, max: 1500 }),
  cuts: fc.array(fc.integer({ min: 0, max: 300 }), { maxLength: 6 }),
}).chain(({ kinds, rows, granularity, minBlockBytes, cuts }) =>
  fc.tuple(...kinds.map((k) => vectorArb(k, rows, rows))).map((cols) => ({ cols, rows, granularity, minBlockBytes, cuts })));

describe('PartWriter', () => {
  it('writes the same bytes however the rows are split into appends, and cursors read what readColumn reads', async () => {
    await fc.assert(fc.asyncProperty(caseArb, fc.array(fc.nat(), { maxLength: 6 }), async ({ cols, rows, granularity, minBlockBytes, cuts }, steps) => {
      const schema: Field[] = cols.map((c, i) => ({ name: `c${i}`, type: c.type }));
      const opts = { granularity, minBlockBytes, sortKey: [schema[0]!.name], partition: 'all', minBlock: 1, maxBlock: 1, level: 0 };
      const whole = await writePart(freshDir(), schema, cols, rows, opts);
      const w = await PartWriter.open(freshDir(), schema, opts);
      const points = [...new Set([0, ...cuts.filter((c) => c <= rows), rows])].sort((x, y) => x - y);
      for (let i = 1; i < points.length; i++) {
        const a = points[i - 1]!;
        const b = points[i]!;
        await w.append(cols.map((c) => rowsOf(c, a, b)), b - a);
      }
      expect(w.rowCount).toBe(rows);
      const streamed = await w.finish();
      expect(readdirSync(streamed.dir).sort()).toEqual(readdirSync(whole.dir).sort());
      for (const f of readdirSync(whole.dir)) {
        expect(Buffer.compare(readFileSync(join(streamed.dir, f)), readFileSync(join(whole.dir, f))), f).toBe(0);
      }
      // sequential cursors: ascending granule ranges, gaps allowed
      const gc = streamed.meta.granuleCount;
      for (const f of schema) {
        const cursor = new ColumnCursor(streamed, f.name);
        let g = 0;
        for (const s of steps) {
          if (g >= gc) break;
          const from = g + (s % 2);
          const to = Math.min(gc, from + 1 + (s % 5));
          if (from >= to) break;
          const got = materialize(await cursor.read(from, to));
          const want = materialize(await whole.readColumn(f.name, from, to));
          expect(got.length).toBe(want.length);
          for (let r = 0; r < got.length; r++) {
            expect(got.nulls !== null && got.nulls[r] === 1).toBe(want.nulls !== null && want.nulls[r] === 1);
            if (!(want.nulls !== null && want.nulls[r] === 1)) expect(rowBytes(got, r)).toBe(rowBytes(want, r));
          }
          g = to;
        }
      }
    }), { numRuns: 30 });
  });

  it('abort() and a failing append leave no directory behind; a finished writer refuses more rows', async () => {
    const dir = freshDir();
    const schema: Field[] = [{ name: 'x', type: { kind: 'Int32', nullable: false } as Field['type'] }];
    const opts = { granularity: 4, sortKey: [], partition: 'all', minBlock: 1, maxBlock: 1, level: 0 };
    const col = { kind: 'flat', type: schema[0]!.type, length: 3, values: Int32Array.of(1, 2, 3), nulls: null } as FlatVector;
    const w = await PartWriter.open(dir, schema, opts);
    await w.append([col], 3);
    expect(readdirSync(dir)).toEqual(['tmp_all_1_1_0']);
    await w.abort();
    expect(readdirSync(dir)).toEqual([]);
    const w2 = await PartWriter.open(dir, schema, opts);
    await expect(w2.append([col], 2)).rejects.toThrow(/has 3 rows, expected 2/);
    await w2.append([col], 3);
    const part = await w2.finish();
    expect(existsSync(part.dir)).toBe(true);
    await expect(w2.append([col], 3)).rejects.toThrow(/finished/);
  });
});
