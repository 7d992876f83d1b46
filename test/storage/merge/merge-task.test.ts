import fc from 'fast-check';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { EddyError } from '../../../src/core/errors.ts';
import { makeType, T, type Field, type Scalar } from '../../../src/core/types.ts';
import { MergeTask } from '../../../storage/merge/task.ts';
import { sortColumns } from '../../../storage/merge/sort.ts';
import { writePart, type PartReader } from '../../../storage/part/index.ts';
import type { PlainVector } from '../../../storage/segment/column-builder.ts';

const root = mkdtempSync(join(tmpdir(), 'eddy-merge-task-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;
const fresh = (): string => mkdtempSync(join(root, `d${seq++}-`));

const schema: Field[] = [
  { name: 'k', type: T.UInt32 }, { name: 's', type: T.String }, { name: 'n', type: makeType('Int64', { nullable: true }) },
];
type Row = [number, string, bigint | null];
const rowArb = fc.tuple(fc.integer({ min: 0, max: 20 }), fc.string({ maxLength: 30 }), fc.option(fc.bigInt({ min: -5n, max: 5n })));
const cols = (rows: readonly Row[]): PlainVector[] => schema.map((f, c) => vectorFromScalars(f.type, rows.map((r) => r[c] as Scalar)) as PlainVector);
const opts = (g: number, block: number, level = 0): Parameters<typeof writePart>[4] =>
  ({ granularity: g, sortKey: ['k'], partition: 'all', minBlock: block, maxBlock: block, level, minBlockBytes: 40 });

async function parts(dir: string, data: Row[][], g: number): Promise<PartReader[]> {
  const out: PartReader[] = [];
  for (let i = 0; i < data.length; i++) {
    const c = sortColumns(cols(data[i]!), [0], data[i]!.length);
    out.push(await writePart(dir, schema, c, data[i]!.length, opts(g, i + 1)));
  }
  return out;
}

describe('MergeTask (streaming)', () => {
  it('writes exactly the part a one-shot write of the merged rows gives, however the output is chunked', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(rowArb, { minLength: 1, maxLength: 40 }), { minLength: 2, maxLength: 4 }),
      fc.integer({ min: 1, max: 9 }), fc.integer({ min: 1, max: 3 }), fc.integer({ min: 1, max: 30 }), async (data, g, blockGranules, outputRows) => {
        const dir = fresh();
        const inputs = await parts(dir, data, g);
        const task = new MergeTask({
          tableDir: dir, schema, defaults: [0, '', null], sortKey: ['k'], parts: inputs, granularity: g, blockGranules, outputRows,
        });
        const merged = await task.run();
        // reference: all rows in part order, stably sorted (ties: older part first, as the merge does)
        const all = data.flat();
        const ref = await writePart(fresh(), schema, sortColumns(cols(all), [0], all.length), all.length,
          { ...opts(g, 1), maxBlock: data.length, level: 1, minBlockBytes: undefined });
        for (const f of readdirSync(ref.dir)) {
          expect(Buffer.compare(readFileSync(join(merged.dir, f)), readFileSync(join(ref.dir, f))), f).toBe(0);
        }
      }), { numRuns: 20 });
  });

  it('a cancelled merge leaves no partial part behind', async () => {
    const dir = fresh();
    const data = [0, 1, 2].map((p) => Array.from({ length: 500 }, (_, i): Row => [(i * 7 + p) % 20, `r${p}-${i}`, null]));
    const inputs = await parts(dir, data, 8);
    const task = new MergeTask({ tableDir: dir, schema, defaults: [0, '', null], sortKey: ['k'], parts: inputs, granularity: 8, outputRows: 16 });
    const ac = new AbortController();
    await task.step();
    await task.step();
    expect(readdirSync(dir).some((n) => n.startsWith('tmp_'))).toBe(true);
    ac.abort();
    const err = await task.run(ac.signal).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EddyError);
    expect((err as EddyError).errorName).toBe('ABORTED');
    expect(readdirSync(dir).filter((n) => n.startsWith('tmp_'))).toEqual([]);
  });
});
