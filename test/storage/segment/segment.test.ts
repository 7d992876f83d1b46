import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { makeType, T, type Scalar } from '../../../src/core/types.ts';
import { constVector, dictVector, stringVector, toScalars, utf8 } from '../../../src/core/vector.ts';
import { CHUNK_ROWS, Segment, type SegmentSnapshot } from '../../../storage/segment/segment.ts';

/** Column c of every chunk of `snaps`, as scalars in row order. */
function columnOf(snaps: readonly SegmentSnapshot[], c: number): Scalar[] {
  return snaps.flatMap((s) => toScalars(s.columns[c]!));
}

const schema = [
  { name: 'i', type: makeType('Int64', { nullable: true }) },
  { name: 's', type: makeType('String', { nullable: true }) },
  { name: 'u', type: T.UInt16 },
];

describe('Segment', () => {
  it('snapshots keep a stable prefix while appends continue (and buffers grow)', () => {
    fc.assert(fc.property(
      fc.array(fc.array(fc.tuple(fc.option(fc.bigInt({ min: -(2n ** 63n), max: 2n ** 63n - 1n })), fc.option(fc.string({ maxLength: 40 })), fc.integer({ min: 0, max: 65535 })), { maxLength: 30 }), { maxLength: 12 }),
      (batches) => {
        const seg = new Segment(schema, 4);
        const all: Scalar[][] = [];
        const snaps: { snap: SegmentSnapshot[]; expected: Scalar[][] }[] = [];
        for (const rows of batches) {
          seg.append(schema.map((f, c) => vectorFromScalars(f.type, rows.map((r) => r[c]!))), rows.length);
          all.push(...rows.map((r) => [...r]));
          snaps.push({ snap: seg.snapshots(), expected: all.map((r) => [...r]) });
        }
        for (const { snap, expected } of snaps) {
          expect(snap.reduce((n, x) => n + x.rowCount, 0)).toBe(expected.length);
          for (let c = 0; c < 3; c++) expect(columnOf(snap, c)).toEqual(expected.map((r) => r[c]));
        }
      }), { numRuns: 60 });
  });

  it('accepts dict and const vectors and string vectors whose offsets do not start at 0', () => {
    const seg = new Segment([{ name: 's', type: T.String }, { name: 'n', type: T.Int32 }]);
    const dict = stringVector(T.String, new Int32Array([0, 1, 3]), utf8('abc'));
    seg.append([dictVector(T.String, new Uint8Array([1, 0, 1]), dict), constVector(T.Int32, 7, 3)], 3);
    const bytes = utf8('xxhello');
    seg.append([stringVector(T.String, new Int32Array([2, 4, 7]), bytes), vectorFromScalars(T.Int32, [1, 2])], 2);
    const s = seg.snapshots();
    expect(columnOf(s, 0)).toEqual(['bc', 'a', 'bc', 'he', 'llo']);
    expect(columnOf(s, 1)).toEqual([7, 7, 7, 1, 2]);
  });

  it('adds and drops columns', () => {
    const seg = new Segment([{ name: 'a', type: T.Int32 }]);
    seg.append([vectorFromScalars(T.Int32, [1, 2])], 2);
    seg.addColumn({ name: 'b', type: T.String }, 0, 'd');
    seg.append([vectorFromScalars(T.String, ['x']), vectorFromScalars(T.Int32, [3])], 1);
    const s = seg.snapshots();
    expect(s[0]!.schema.map((f) => f.name)).toEqual(['b', 'a']);
    expect(columnOf(s, 0)).toEqual(['d', 'd', 'x']);
    seg.dropColumn('b');
    expect(columnOf(seg.snapshots(), 0)).toEqual([1, 2, 3]);
  });

  it('holds rows in sealed chunks of CHUNK_ROWS that later appends and schema changes keep whole', () => {
    const seg = new Segment([{ name: 'a', type: T.Int32 }]);
    const n = 2 * CHUNK_ROWS + 100;
    const values = Array.from({ length: n }, (_, i) => i);
    seg.append([vectorFromScalars(T.Int32, values.slice(0, CHUNK_ROWS - 1))], CHUNK_ROWS - 1);
    const before = seg.snapshots();
    seg.append([vectorFromScalars(T.Int32, values.slice(CHUNK_ROWS - 1))], n - CHUNK_ROWS + 1);
    const after = seg.snapshots();
    expect(after.map((s) => s.rowCount)).toEqual([CHUNK_ROWS, CHUNK_ROWS, 100]);
    expect(columnOf(after, 0)).toEqual(values);
    expect(columnOf(before, 0)).toEqual(values.slice(0, CHUNK_ROWS - 1));
    expect(seg.rowCount).toBe(n);
    seg.addColumn({ name: 'b', type: T.UInt8 }, 1, 5);
    const added = seg.snapshots();
    expect(added.every((s) => s.schema.length === 2 && s.columns.length === 2)).toBe(true);
    expect(columnOf(added, 1).every((x) => x === 5)).toBe(true);
    expect(columnOf(added, 1).length).toBe(n);
    seg.dropColumn('a');
    expect(seg.snapshots().every((s) => s.columns.length === 1 && s.schema[0]!.name === 'b')).toBe(true);
  });

  it('rejects columns of the wrong layout', () => {
    const seg = new Segment([{ name: 'a', type: T.Int32 }]);
    expect(() => seg.append([vectorFromScalars(T.Float64, [1])], 1)).toThrow(/TYPE_MISMATCH|cannot store/);
  });
});
