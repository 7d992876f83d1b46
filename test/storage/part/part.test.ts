import fc from 'fast-check';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { ColumnRange } from '../../../src/core/scan.ts';
import { T, makeType, type Field, type Scalar } from '../../../src/core/types.ts';
import { toScalars, utf8, type FlatVector, type StringVector, type Vector } from '../../../src/core/vector.ts';
import { materialize } from '../../../src/core/materialize.ts';
import { ColumnCache, PartReader, partName, parsePartName, writePart } from '../../../storage/part/index.ts';
import { KINDS, makeVector, rowBytes, valueArb, vectorArb } from '../codec/arbitraries.ts';

const root = mkdtempSync(join(tmpdir(), 'eddy-part-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirSeq = 0;
const freshDir = (): string => mkdtempSync(join(root, `t${dirSeq++}-`));

/** Exact comparison of two non-NULL scalars as storage orders them (bigint/number exactly, strings by UTF-8). */
function cmpScalar(a: Scalar, b: Scalar): number {
  if (typeof a === 'string' && typeof b === 'string') return Buffer.compare(Buffer.from(utf8(a)), Buffer.from(utf8(b)));
  const x = typeof a === 'boolean' ? Number(a) : a!;
  const y = typeof b === 'boolean' ? Number(b) : b!;
  return x < y ? -1 : x > y ? 1 : x === y || (typeof x !== typeof y && x == y) ? 0 : NaN;
}

/** Brute force: does a row value satisfy the range? */
function rowMatches(v: Scalar, r: ColumnRange): boolean {
  switch (r.kind) {
    case 'isNull': return v === null;
    case 'notNull': return v !== null;
    case 'in': return v !== null && r.values.some((x) => x !== null && cmpScalar(v, x) === 0);
    case 'range': {
      if (v === null) return false;
      if (r.min !== undefined && r.min !== null) {
        const d = cmpScalar(v, r.min);
        if (!(d > 0 || (d === 0 && r.minInclusive !== false))) return false;
      }
      if (r.max !== undefined && r.max !== null) {
        const d = cmpScalar(v, r.max);
        if (!(d < 0 || (d === 0 && r.maxInclusive !== false))) return false;
      }
      return true;
    }
  }
}

function toScalar(kind: string, x: number | bigint | string): Scalar {
  return kind === 'Bool' ? x === 1 : x;
}

const tableArb = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 4 }),
  rows: fc.integer({ min: 0, max: 400 }),
  granularity: fc.oneof(fc.integer({ min: 1, max: 40 }), fc.integer({ min: 1, max: 10000 })),
  minBlockBytes: fc.integer({ min: 1, max: 2000 }),
  compression: fc.constantFrom('zstd' as const, 'none' as const),
}).chain(({ kinds, rows, granularity, minBlockBytes, compression }) =>
  fc.tuple(...kinds.map((k) => vectorArb(k, rows, rows)))
    .map((cols) => ({ cols, rows, granularity, minBlockBytes, compression })));

function sameRows(got: Vector, want: FlatVector | StringVector, start: number, end: number): void {
  expect(got.length).toBe(end - start);
  const g = materialize(got);
  for (let i = start; i < end; i++) {
    const wantNull = want.nulls !== null && want.nulls[i] === 1;
    expect(g.nulls !== null && g.nulls[i - start] === 1).toBe(wantNull);
    if (!wantNull) expect(rowBytes(g, i - start)).toBe(rowBytes(want, i));
  }
}

describe('granule pruning of NaN', () => {
  it('a granule holding only NaN and NULL is kept by notNull and by a range without bounds, pruned by a bounded range', async () => {
    const schema: Field[] = [{ name: 'x', type: makeType('Float64', { nullable: true }) }];
    const col: FlatVector = { kind: 'flat', type: schema[0]!.type, length: 6,
      values: Float64Array.from([NaN, 0, NaN, 1, 2, 3]), nulls: Uint8Array.from([0, 1, 0, 0, 0, 0]) };
    const part = await writePart(freshDir(), schema, [col], 6, { granularity: 3, sortKey: ['x'], partition: 'p_1', minBlock: 1, maxBlock: 1, level: 0 });
    const granules = (r: ColumnRange): number[] => part.selectGranules([r]).flatMap(([f, t]) => Array.from({ length: t - f }, (_, i) => f + i));
    expect(granules({ kind: 'notNull', column: 'x' })).toEqual([0, 1]);
    expect(granules({ kind: 'range', column: 'x', minInclusive: true, maxInclusive: true })).toEqual([0, 1]);
    expect(granules({ kind: 'range', column: 'x', min: 0, minInclusive: true, maxInclusive: true })).toEqual([1]);
    expect(granules({ kind: 'range', column: 'x', max: 10, minInclusive: true, maxInclusive: true })).toEqual([1]);
  });
});

describe('part write/read round trip', () => {
  it('returns exactly the rows of any granule range, and never prunes a matching granule', async () => {
    await fc.assert(fc.asyncProperty(tableArb, fc.nat(), fc.nat(), fc.array(fc.nat(), { minLength: 8, maxLength: 8 }),
      async ({ cols, rows, granularity, minBlockBytes, compression }, a, b, picks) => {
        const schema: Field[] = cols.map((c, i) => ({ name: `col ${i} "${c.type.kind}"/é`, type: c.type }));
        const part = await writePart(freshDir(), schema, cols, rows, {
          granularity, sortKey: [schema[0]!.name], partition: 'p_1', minBlock: 3, maxBlock: 7, level: 1, compression, minBlockBytes,
          cache: new ColumnCache(1 << 16),
        });
        const gc = part.meta.granuleCount;
        expect(gc).toBe(Math.ceil(rows / granularity));
        expect(part.meta.rowCount).toBe(rows);
        let total = 0;
        for (let g = 0; g < gc; g++) {
          expect(part.granuleRowStart(g)).toBe(total);
          total += part.granuleRowCount(g);
        }
        expect(total).toBe(rows);
        const from = gc === 0 ? 0 : a % (gc + 1);
        const to = from + (gc - from === 0 ? 0 : b % (gc - from + 1));
        for (let c = 0; c < cols.length; c++) {
          const rowFrom = Math.min(rows, part.granuleRowStart(from));
          const rowTo = Math.min(rows, part.granuleRowStart(to));
          sameRows(await part.readColumn(schema[c]!.name, from, to), cols[c]!, rowFrom, rowTo);
          sameRows(await part.readColumn(schema[c]!.name, from, to), cols[c]!, rowFrom, rowTo); // cached path
        }
        // Pruning against brute force, with bounds taken from the data.
        const c = picks[0]! % cols.length;
        const values = toScalars(cols[c]!);
        const pick = (k: number): Scalar => (values.length === 0 ? null : values[picks[k]! % values.length]!);
        const kind = picks[1]! % 5;
        const range: ColumnRange = kind === 0 ? { kind: 'isNull', column: schema[c]!.name }
          : kind === 1 ? { kind: 'notNull', column: schema[c]!.name }
          : kind === 2 ? { kind: 'in', column: schema[c]!.name, values: [pick(2), pick(3)].filter((x) => x !== null) }
          : { kind: 'range', column: schema[c]!.name, ...(picks[4]! % 3 !== 0 ? { min: pick(2) } : {}), minInclusive: picks[5]! % 2 === 0,
            ...(picks[6]! % 3 !== 0 ? { max: pick(3) } : {}), maxInclusive: picks[7]! % 2 === 0 };
        const selected = new Uint8Array(gc);
        for (const [f, t] of part.selectGranules([range])) {
          expect(f).toBeLessThan(t);
          for (let g = f; g < t; g++) selected[g] = 1;
        }
        for (let g = 0; g < gc; g++) {
          const s = part.granuleRowStart(g);
          const e = s + part.granuleRowCount(g);
          let any = false;
          for (let i = s; i < e && !any; i++) any = rowMatches(values[i]!, range);
          if (any) expect(selected[g], `granule ${g} holds a row matching ${JSON.stringify(range, (_, x) => typeof x === 'bigint' ? `${x}n` : x)}`).toBe(1);
        }
      }), { numRuns: 40 });
  });

  it('prunes granules by key range and part by min/max, keeps metadata and extra', async () => {
    const n = 10000;
    const key = makeVector(T.Int32, Array.from({ length: n }, (_, i) => i * 2), null);
    const big = makeVector(T.UInt64, Array.from({ length: n }, (_, i) => 2n ** 64n - 1n - BigInt(i)), null);
    const words = ['alpha', 'beta', 'gamma', 'zürich', '😀'];
    const str = makeVector(makeType('String', { lowCardinality: true }), Array.from({ length: n }, (_, i) => words[i % 5]!), null);
    const schema: Field[] = [{ name: 'k', type: T.Int32 }, { name: 'u', type: T.UInt64 }, { name: 's', type: str.type }];
    const dir = freshDir();
    const part = await writePart(dir, schema, [key, big, str], n, {
      granularity: 100, sortKey: ['k'], partition: 'all', minBlock: 1, maxBlock: 1, level: 0, extra: { 'kafka.offset': '42' }, minBlockBytes: 1000,
    });
    expect(part.dir).toBe(join(dir, 'all_1_1_0'));
    expect(readdirSync(dir)).toEqual(['all_1_1_0']);
    const reopened = await PartReader.open(part.dir);
    expect(reopened.meta).toEqual(part.meta);
    expect(reopened.meta.extra).toEqual({ 'kafka.offset': '42' });
    expect(reopened.meta.bytesOnDisk).toBeGreaterThan(0);
    expect(part.selectGranules([{ kind: 'range', column: 'k', min: 1000, max: 1398 }])).toEqual([[5, 7]]);
    expect(part.selectGranules([{ kind: 'range', column: 'k', min: 1000, minInclusive: false, max: 1199 }])).toEqual([[5, 6]]);
    expect(part.selectGranules([{ kind: 'range', column: 'k', min: 1e9 }])).toEqual([]);
    expect(part.selectGranules([{ kind: 'in', column: 'k', values: [0, 19998, 5000n] }])).toEqual([[0, 1], [25, 26], [99, 100]]);
    expect(part.selectGranules([{ kind: 'range', column: 'u', max: 2n ** 64n - 101n }])).toEqual([[1, 100]]);
    expect(part.selectGranules([{ kind: 'range', column: 'u', min: 1.5e19 }])).toEqual([[0, 100]]);
    expect(part.selectGranules([{ kind: 'in', column: 's', values: ['aaa', '\u{1F601}'] }])).toEqual([]);
    expect(part.selectGranules([{ kind: 'isNull', column: 's' }])).toEqual([]);
    expect(part.selectGranules([{ kind: 'range', column: 'missing', min: 1 }])).toEqual([[0, 100]]);
    expect(part.columnMinMax('k')).toEqual({ min: 0, max: 19998, nulls: 0 });
    expect(part.columnMinMax('u')).toEqual({ min: 2n ** 64n - 10000n, max: 2n ** 64n - 1n, nulls: 0 });
    expect(part.columnMinMax('s')).toEqual({ min: 'alpha', max: '😀', nulls: 0 });
    expect(part.columnMinMax('nope')).toBeUndefined();
    expect(part.granuleKey(3)).toEqual([600]);
    const s = await part.readColumn('s', 10, 60);
    expect(s.kind).toBe('dict');
    expect(toScalars(s)).toEqual(Array.from({ length: 5000 }, (_, i) => words[i % 5]!));
  });

  it('serves repeated reads from the shared cache within its byte budget', async () => {
    // 8192-row granules: a stripe is 8 granules (512 KiB of Float64), the part holds 4 stripes.
    const n = 4 * 65536 - 1000;
    const v = makeVector(T.Float64, Array.from({ length: n }, (_, i) => Math.sqrt(i)), null);
    const cache = new ColumnCache(1_200_000);
    const part = await writePart(freshDir(), [{ name: 'x', type: T.Float64 }], [v], n,
      { granularity: 8192, sortKey: [], partition: 'all', minBlock: 1, maxBlock: 1, level: 0, minBlockBytes: 4000, cache });
    expect(part.stripeGranules).toBe(8);
    await part.readColumn('x', 0, 10);
    const held = cache.size;
    expect(held).toBe(2);
    await part.readColumn('x', 0, 10);
    expect(cache.size).toBe(held);
    await part.readColumn('x', 0, part.meta.granuleCount);
    expect(cache.bytes).toBeLessThanOrEqual(1_200_000);
    cache.clear();
    expect(cache.bytes).toBe(0);
  });

  it('reads ranges inside a stripe as views of the cached stripe, and ranges across stripes as copies', async () => {
    const n = 3 * 65536 + 500;
    const v = makeVector(T.Int32, Array.from({ length: n }, (_, i) => i * 7 - 5), null);
    const cache = new ColumnCache(1 << 26);
    // Small blocks that do not line up with stripes (3 granules of 4096 rows each).
    const part = await writePart(freshDir(), [{ name: 'x', type: T.Int32 }], [v], n,
      { granularity: 4096, sortKey: [], partition: 'all', minBlock: 1, maxBlock: 1, level: 0, minBlockBytes: 40000, cache });
    expect(part.stripeGranules).toBe(16);
    expect([...part.blockFirstGranules('x')].some((g) => g % 16 !== 0)).toBe(true);
    const rows = (from: number, to: number) => Array.from({ length: Math.min(n, to * 4096) - from * 4096 }, (_, i) => (from * 4096 + i) * 7 - 5);
    for (const [from, to] of [[0, 16], [3, 9], [16, 32], [15, 17], [0, part.meta.granuleCount], [47, part.meta.granuleCount]] as const) {
      expect(toScalars(await part.readColumn('x', from, to))).toEqual(rows(from, to));
    }
    const a = await part.readColumn('x', 16, 20) as FlatVector;
    const b = await part.readColumn('x', 20, 32) as FlatVector;
    expect(a.values.buffer).toBe(b.values.buffer);
  });

  it('writes a block per stripe by default (a long-string stripe split within it), and reads a stripe from its block as it is', async () => {
    const n = 3 * 65536 + 700;
    const x = makeVector(T.Int64, Array.from({ length: n }, (_, i) => BigInt(i) * 3n), null);
    const long = (i: number): string => (i % 2 === 0 ? 'é'.repeat(150) : 'a') + i; // ~9.9 MiB per 65,536 rows
    const s = makeVector(T.String, Array.from({ length: n }, (_, i) => (i < 65536 ? long(i) + long(i) : long(i))), null);
    const cache = new ColumnCache(1 << 28);
    const part = await writePart(freshDir(), [{ name: 'x', type: T.Int64 }, { name: 's', type: T.String }], [x, s], n,
      { granularity: 1024, sortKey: [], partition: 'all', minBlock: 1, maxBlock: 1, level: 0, cache });
    expect(part.stripeGranules).toBe(64);
    expect([...part.blockFirstGranules('x')]).toEqual([0, 64, 128, 192]);
    // stripe 0 of s holds ~20 MiB of strings: split below the 16 MiB limit, yet no block spans two stripes
    const sFirsts = [...part.blockFirstGranules('s')];
    expect(sFirsts.length).toBe(5);
    expect(sFirsts.filter((g) => g % 64 !== 0).every((g) => g < 64)).toBe(true);
    expect(sFirsts.filter((g) => g % 64 === 0)).toEqual([0, 64, 128, 192]);
    const a = await part.readColumn('x', 64, 128) as FlatVector;
    expect(a.length).toBe(65536);
    expect((await part.readColumn('x', 70, 80) as FlatVector).values.buffer).toBe(a.values.buffer);
    expect(toScalars(await part.readColumn('s', 60, 70))).toEqual(Array.from({ length: 10 * 1024 }, (_, i) => {
      const r = 60 * 1024 + i;
      return r < 65536 ? long(r) + long(r) : long(r);
    }));
  });

  it('caches every stripe a decoded block covers whole, so a large block is decoded once', async () => {
    const n = 400 * 1024;
    const v = makeVector(T.Int32, Array.from({ length: n }, (_, i) => i ^ 0x5555), null);
    const cache = new ColumnCache(1 << 26);
    const part = await writePart(freshDir(), [{ name: 'x', type: T.Int32 }], [v], n,
      { granularity: 1024, sortKey: [], partition: 'all', minBlockBytes: 600_000, minBlock: 1, maxBlock: 1, level: 0, cache });
    expect(part.stripeGranules).toBe(64);
    const firsts = [...part.blockFirstGranules('x')];
    expect(firsts[1]).toBeGreaterThan(128);
    expect(firsts[1]).toBeLessThan(192);
    await part.readColumn('x', 0, 10);
    expect(cache.size).toBe(2); // stripes 0 and 1 lie inside block 0; stripe 2 runs into block 1
    expect(toScalars(await part.readColumn('x', 60, 200))).toEqual(Array.from({ length: 140 * 1024 }, (_, i) => (60 * 1024 + i) ^ 0x5555));
  });
});

describe('part names', () => {
  it('round-trips names, including partition ids with underscores', () => {
    fc.assert(fc.property(fc.stringMatching(/^[a-z0-9_-]{1,12}$/).filter((p) => !p.startsWith('tmp_')),
      fc.nat(), fc.nat(), fc.nat(100), (p, x, y, level) => {
        const [minBlock, maxBlock] = x <= y ? [x, y] : [y, x];
        expect(parsePartName(partName(p, minBlock, maxBlock, level))).toEqual({ partition: p, minBlock, maxBlock, level });
      }));
    expect(parsePartName('tmp_all_1_1_0')).toBeNull();
    expect(parsePartName('all_1_1')).toBeNull();
    expect(parsePartName('all_5_1_0')).toBeNull();
    expect(() => partName('a/b', 1, 1, 0)).toThrowError(expect.objectContaining({ errorName: 'BAD_ARGUMENTS' }));
  });
});

describe('value generators cover edge values', () => {
  it('produce values for every kind', () => {
    for (const k of KINDS) fc.assert(fc.property(valueArb(k), (x) => toScalar(k, x) !== undefined), { numRuns: 5 });
  });
});
