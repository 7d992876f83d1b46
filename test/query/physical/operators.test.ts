import { stringsVector } from '../../support/string-vector.ts';
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../../../src/core/batch.ts';
import { T, withNullable } from '../../../src/core/types.ts';
import { dictVector, flatVector, stringVector, toScalars, utf8 } from '../../../src/core/vector.ts';
import '../../../query/functions/index.ts';
import { makeComparator } from '../../../query/physical/compare-rows.ts';
import { QueryExecContext } from '../../../query/physical/exec-context.ts';
import { makeGrouper } from '../../../query/physical/grouping/grouper.ts';
import { HashJoinExec } from '../../../query/physical/hash-join.ts';
import { decodeRows, serializeRows } from '../../../query/physical/hash/row-keys.ts';
import { TopKExec } from '../../../query/physical/topk.ts';
import { ValuesExec } from '../../../query/physical/values.ts';


const ctx = () => new QueryExecContext({ batchRows: 4, maxExecutionTime: 0, maxMemoryUsage: 0 });

async function collect(it: AsyncIterable<{ columns: readonly unknown[]; sel: Uint32Array | null; length: number }>) {
  const out: unknown[][] = [];
  for await (const b of it) {
    const cols = (b.columns as Parameters<typeof toScalars>[0][]).map(toScalars);
    const idx = b.sel ?? Array.from({ length: b.length }, (_, i) => i);
    for (const i of idx) out.push(cols.map((c) => c[i]));
  }
  return out;
}

describe('groupers', () => {
  it('int, 64-bit, float (NaN, -0), string, dict with NULLs, multi-key', () => {
    const g = makeGrouper([withNullable(T.Int32)]);
    const out = new Uint32Array(5);
    g.assign([flatVector(withNullable(T.Int32), Int32Array.from([5, 7, 0, 5, 0]), Uint8Array.from([0, 0, 1, 0, 0]))], 5, out);
    expect([...out]).toEqual([0, 1, 2, 0, 3]);
    expect(toScalars(g.keyVectors()[0]!)).toEqual([5, 7, null, 0]);

    const w = makeGrouper([T.Int64]);
    w.assign([flatVector(T.Int64, BigInt64Array.from([1n << 40n, -1n, 1n << 40n]))], 3, out);
    expect([...out.subarray(0, 3)]).toEqual([0, 1, 0]);
    expect(toScalars(w.keyVectors()[0]!)).toEqual([1n << 40n, -1n]);

    const f = makeGrouper([T.Float64]);
    f.assign([flatVector(T.Float64, Float64Array.from([0, -0, NaN, NaN, 1.5]))], 5, out);
    expect([...out]).toEqual([0, 0, 1, 1, 2]);

    const s = makeGrouper([T.String]);
    s.assign([stringsVector(['a', 'bb', 'a', ''])], 4, out);
    expect([...out.subarray(0, 4)]).toEqual([0, 1, 0, 2]);
    const d = dictVector(T.String, Uint8Array.from([2, 0, 2, 1]), stringsVector(['bb', 'zz', 'a']), Uint8Array.from([0, 0, 0, 1]));
    s.assign([d], 4, out);
    expect([...out.subarray(0, 4)]).toEqual([0, 1, 0, 3]);
    expect(toScalars(s.keyVectors()[0]!)).toEqual(['a', 'bb', '', null]);

    const m = makeGrouper([T.Int32, T.String]);
    m.assign([flatVector(T.Int32, Int32Array.from([1, 1, 2])), stringsVector(['x', 'x', 'x'])], 3, out);
    expect([...out.subarray(0, 3)]).toEqual([0, 0, 1]);
    expect(m.keyVectors().map(toScalars)).toEqual([[1, 2], ['x', 'x']]);
  });
  it('row serialization round-trips', () => {
    const t = [withNullable(T.String), T.UInt64];
    const ser = serializeRows([stringVector(t[0]!, Int32Array.from([0, 1, 1]), utf8('q'), Uint8Array.from([0, 1])), flatVector(T.UInt64, BigUint64Array.from([3n, 2n ** 64n - 1n]))], 2, true);
    expect(decodeRows(t, ser.bytes, ser.offsets, 2).map(toScalars)).toEqual([['q', null], [3n, 2n ** 64n - 1n]]);
  });
});

describe('sorting', () => {
  it('values, then NaN, then NULL; NULLS FIRST reverses', () => {
    const v = flatVector(withNullable(T.Float64), Float64Array.from([3, NaN, 0, 1]), Uint8Array.from([0, 0, 1, 0]));
    const order = (desc: boolean, nullsFirst: boolean) => Uint32Array.from([0, 1, 2, 3]).sort(makeComparator([{ v, desc, nullsFirst }]));
    expect([...order(false, false)]).toEqual([3, 0, 1, 2]);
    expect([...order(true, false)]).toEqual([0, 3, 1, 2]);
    expect([...order(false, true)]).toEqual([2, 1, 3, 0]);
  });
  it('TopK keeps the best rows across batches', async () => {
    const schema = [{ name: 'x', type: T.Int32 }];
    const batches = [makeBatch(schema, [flatVector(T.Int32, Int32Array.from([5, 1, 9]))]), makeBatch(schema, [flatVector(T.Int32, Int32Array.from([7, 3]))])];
    const top = new TopKExec(new ValuesExec(schema, batches), [{ expr: { kind: 'col', index: 0, type: T.Int32, name: 'x' }, desc: true, nullsFirst: false }], 2, 1);
    expect(await collect(top.execute(ctx()))).toEqual([[7], [5]]);
  });
});

describe('hash join', () => {
  it('inner and left, duplicates on both sides', async () => {
    const ls = [{ name: 'k', type: T.Int32 }];
    const rs = [{ name: 'k2', type: T.Int32 }, { name: 'v', type: T.String }];
    const left = new ValuesExec(ls, [makeBatch(ls, [flatVector(T.Int32, Int32Array.from([1, 2, 3, 1]))])]);
    const right = new ValuesExec(rs, [makeBatch(rs, [flatVector(T.Int32, Int32Array.from([1, 1, 3])), stringsVector(['a', 'b', 'c'])])]);
    const key = (i: number) => ({ kind: 'col' as const, index: i, type: T.Int32, name: 'k' });
    const inner = new HashJoinExec(left, right, 'inner', [key(0)], [key(0)], [...ls, ...rs]);
    expect((await collect(inner.execute(ctx()))).map((r) => r.join()).sort()).toEqual(['1,1,a', '1,1,a', '1,1,b', '1,1,b', '3,3,c']);
    const leftJ = new HashJoinExec(left, right, 'left', [key(0)], [key(0)], [...ls, ...rs]);
    expect((await collect(leftJ.execute(ctx()))).map((r) => r.join()).sort()).toEqual(['1,1,a', '1,1,a', '1,1,b', '1,1,b', '2,0,', '3,3,c']);
  });
});
