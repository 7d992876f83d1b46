import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { makeType, T, type Scalar } from '../../../src/core/types.ts';
import { toScalars } from '../../../src/core/vector.ts';
import { ColumnBuilder, type PlainVector } from '../../../storage/segment/column-builder.ts';
import { sortColumns } from '../../../storage/merge/sort.ts';
import { KWayMerger, type SortedSource, type SourceBlock } from '../../../storage/merge/kway.ts';
import { PlainMergeAlgorithm } from '../../../storage/merge/plain.ts';
import { ReplacingMergeAlgorithm } from '../../../storage/merge/replacing.ts';
import type { MergeAlgorithm } from '../../../storage/merge/algorithm.ts';

const schema = [
  { name: 'i', type: makeType('Int64', { nullable: true }) },
  { name: 's', type: T.String },
  { name: 'u', type: T.UInt64 },
  { name: 'f', type: T.Float64 },
];
type Row = [bigint | null, string, bigint, number];
const rowArb = fc.tuple(
  fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n }), { freq: 5 }),
  fc.string({ maxLength: 4, unit: fc.constantFrom('a', 'b', 'é', '\u{1F600}', 'z') }),
  fc.bigInt({ min: 0n, max: 2n ** 64n - 1n }),
  fc.constantFrom(0, -1.5, 2, Number.NaN, Infinity, -Infinity),
) as fc.Arbitrary<Row>;

const utf8cmp = (a: string, b: string): number => Buffer.compare(Buffer.from(a), Buffer.from(b));
function refCompare(a: Row, b: Row, keys: readonly number[]): number {
  for (const k of keys) {
    const x = a[k] as Row[number];
    const y = b[k] as Row[number];
    if (x === null || y === null) { if (x === y) continue; return x === null ? 1 : -1; }
    let r = 0;
    if (typeof x === 'string') r = utf8cmp(x, y as string);
    else if (typeof x === 'number') {
      const yy = y as number;
      r = Number.isNaN(x) ? (Number.isNaN(yy) ? 0 : 1) : Number.isNaN(yy) ? -1 : x < yy ? -1 : x > yy ? 1 : 0;
    } else r = (x as bigint) < (y as bigint) ? -1 : (x as bigint) > (y as bigint) ? 1 : 0;
    if (r !== 0) return r;
  }
  return 0;
}
const cols = (rows: readonly Row[]): PlainVector[] => schema.map((f, c) => vectorFromScalars(f.type, rows.map((r) => r[c]!)) as PlainVector);
const rowsOf = (vs: readonly PlainVector[]): Scalar[][] => {
  const s = vs.map(toScalars);
  return Array.from({ length: vs[0]!.length }, (_, i) => s.map((c) => c[i]!));
};
const keysArb = fc.shuffledSubarray([0, 1, 2, 3], { minLength: 1 });

class ArraySource implements SortedSource {
  private i = 0;
  constructor(private readonly blocks: SourceBlock[]) {}
  async next(): Promise<SourceBlock | null> { return this.blocks[this.i++] ?? null; }
}

async function mergeAll(parts: Row[][], keys: number[], algo: MergeAlgorithm, blockRows: number, chunkRows: number): Promise<Scalar[][]> {
  const sources = parts.map((p) => {
    const blocks: SourceBlock[] = [];
    for (let a = 0; a < p.length; a += blockRows) {
      const slice = p.slice(a, a + blockRows);
      blocks.push({ columns: cols(slice), rowCount: slice.length });
    }
    return new ArraySource(blocks);
  });
  const m = new KWayMerger(sources, schema, keys, { chunkRows, trackKeys: algo.needsKeyGroups });
  const out = schema.map((f) => new ColumnBuilder(f.type, 4));
  for (let c = await m.next(); c !== null; c = await m.next()) algo.consume(c, out);
  algo.finish(out);
  return rowsOf(out.map((b) => b.view()));
}

describe('sort and k-way merge', () => {
  it('sortColumns orders rows exactly (Int64, UInt64, UTF-8, NaN, NULL) and keeps every row', () => {
    fc.assert(fc.property(fc.array(rowArb, { maxLength: 60 }), keysArb, (rows, keys) => {
      const sorted = rowsOf(sortColumns(cols(rows), keys, rows.length));
      const expected = [...rows].map((r, i) => [r, i] as const)
        .sort((a, b) => refCompare(a[0], b[0], keys) || a[1] - b[1]).map(([r]) => r);
      expect(sorted).toEqual(expected);
    }), { numRuns: 150 });
  });

  it('plain merge keeps the multiset of rows and the sort order', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(rowArb, { maxLength: 30 }), { minLength: 1, maxLength: 6 }), keysArb,
      fc.integer({ min: 1, max: 7 }), fc.integer({ min: 1, max: 9 }), async (parts, keys, blockRows, chunkRows) => {
        const sortedParts = parts.map((p) => rowsOf(sortColumns(cols(p), keys, p.length)) as Row[]);
        const merged = await mergeAll(sortedParts, keys, new PlainMergeAlgorithm(), blockRows, chunkRows) as Row[];
        expect(merged.length).toBe(parts.flat().length);
        for (let i = 1; i < merged.length; i++) expect(refCompare(merged[i - 1]!, merged[i]!, keys)).toBeLessThanOrEqual(0);
        const canon = (rs: Row[]): string[] => rs.map((r) => JSON.stringify(r, (_k, v: unknown) => (typeof v === 'bigint' ? `${v}` : typeof v === 'number' && !Number.isFinite(v) ? String(v) : v))).sort();
        expect(canon(merged)).toEqual(canon(parts.flat()));
      }), { numRuns: 120 });
  });

  it('replacing merge keeps exactly the last row per key, from the newest source', async () => {
    await fc.assert(fc.asyncProperty(fc.array(fc.array(fc.tuple(fc.integer({ min: 0, max: 8 }), fc.integer()), { maxLength: 20 }), { minLength: 1, maxLength: 5 }),
      fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 6 }), async (parts, blockRows, chunkRows) => {
        // rows: [key, 's<part>:<idx>', 0, value]; within a part keys are unique-by-last, sorted
        const rowsParts: Row[][] = parts.map((p, pi) => {
          const m = new Map<number, number>();
          for (const [k, v] of p) m.set(k, v);
          return [...m.entries()].sort((a, b) => a[0] - b[0]).map(([k, v]) => [BigInt(k), `p${pi}`, 0n, v] as Row);
        });
        const merged = await mergeAll(rowsParts, [0], new ReplacingMergeAlgorithm(schema), blockRows, chunkRows);
        const expected = new Map<bigint, Row>();
        for (const p of rowsParts) for (const r of p) expected.set(r[0]!, r);
        expect(merged).toEqual([...expected.entries()].sort((a, b) => (a[0] < b[0] ? -1 : 1)).map(([, r]) => r));
      }), { numRuns: 120 });
  });
});
