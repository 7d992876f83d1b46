/**
 * ColumnBuilder.appendGather (merges) and gather by a row list that skips or repeats rows: for every
 * value width, strings short and long (> 256 bytes), NULLs in some sources only, rows appended after
 * existing ones, and Float NaN payloads kept bit for bit.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { makeType, T, type DataType, type Scalar } from '../../../src/core/types.ts';
import { flatVector, toScalars } from '../../../src/core/vector.ts';
import { gather } from '../../../storage/merge/gather.ts';
import { ColumnBuilder, type PlainVector } from '../../../storage/segment/column-builder.ts';

const types: [DataType, (i: number) => Scalar][] = [
  [T.Int8, (i) => (i * 37) % 256 - 128],
  [T.UInt8, (i) => (i * 13) % 256],
  [T.Int16, (i) => (i * 7919) % 65536 - 32768],
  [T.UInt32, (i) => (i * 104729) % 4e9],
  [T.Date, (i) => 19000 + i],
  [T.Float32, (i) => i / 8],
  [T.Float64, (i) => (i % 3 === 0 ? -i : i) / 3],
  [T.Int64, (i) => BigInt(i) * 12345678901n - 5n],
  [T.UInt64, (i) => BigInt(i) * 98765432101n],
  [T.String, (i) => (i % 7 === 0 ? 'y'.repeat(300 + i) : 'x'.repeat(i % 40) + String(i))],
  [makeType('Int16', { nullable: true }), (i) => (i % 5 === 0 ? null : i)],
  [makeType('String', { nullable: true }), (i) => (i % 4 === 0 ? null : `s${i}`)],
];

const column = (type: DataType, value: (i: number) => Scalar, ids: readonly number[]): PlainVector =>
  vectorFromScalars(type, ids.map(value)) as PlainVector;

describe('ColumnBuilder.appendGather', () => {
  it('appends rows picked from several sources after the rows already there', () => {
    fc.assert(fc.property(
      fc.array(fc.integer({ min: 1, max: 30 }), { minLength: 1, maxLength: 4 }), fc.integer({ min: 0, max: 20 }),
      fc.array(fc.nat(), { maxLength: 120 }), fc.nat(5), fc.nat(5),
      (lengths, before, picks, trimFrom, trimTo) => {
        const src = new Uint32Array(picks.length);
        const row = new Uint32Array(picks.length);
        picks.forEach((p, k) => { src[k] = p % lengths.length; row[k] = (p >> 3) % lengths[src[k]!]!; });
        const from = Math.min(trimFrom, picks.length);
        const to = Math.max(from, picks.length - trimTo);
        for (const [type, value] of types) {
          let next = 1000;
          const ids = lengths.map((n) => Array.from({ length: n }, () => next++));
          // the first source has no NULL map when the type is nullable: mixed sources
          const sources = ids.map((r, s) => (s === 0 && type.nullable && type.kind === 'Int16'
            ? flatVector(type, Int16Array.from(r, (i) => i), null)
            : column(type, value, r)));
          const b = new ColumnBuilder(type, 4);
          b.append(column(type, value, Array.from({ length: before }, (_, i) => i)));
          b.appendGather(sources, src, row, from, to);
          const expected: Scalar[] = Array.from({ length: before }, (_, i) => value(i));
          for (let k = from; k < to; k++) {
            const id = ids[src[k]!]![row[k]!]!;
            expected.push(src[k] === 0 && type.nullable && type.kind === 'Int16' ? id : value(id));
          }
          expect(toScalars(b.view())).toEqual(expected);
        }
      }), { numRuns: 40 });
  });

  it('keeps Float NaN payloads bit for bit', () => {
    const words = new Uint32Array([0x7fc00001, 0x7fa00000, 0xffc12345, 0x3f800000]);
    const f32 = flatVector(T.Float32, new Float32Array(words.buffer));
    const b32 = new ColumnBuilder(T.Float32);
    b32.appendGather([f32], new Uint32Array(4), new Uint32Array([3, 2, 1, 0]), 0, 4);
    const got = b32.view() as { values: Float32Array };
    expect(Array.from(new Uint32Array(got.values.buffer, got.values.byteOffset, 4))).toEqual([0x3f800000, 0xffc12345, 0x7fa00000, 0x7fc00001]);
  });
});

describe('gather by a row list', () => {
  it('gathers rows that are skipped or repeated', () => {
    fc.assert(fc.property(fc.integer({ min: 1, max: 60 }), fc.array(fc.nat(), { maxLength: 100 }), (n, picks) => {
      const perm = Uint32Array.from(picks, (p) => p % n);
      const ascendingSubset = Uint32Array.from(new Set(perm)).sort();
      for (const [type, value] of types) {
        const v = column(type, value, Array.from({ length: n }, (_, i) => i));
        expect(toScalars(gather(v, perm))).toEqual(Array.from(perm, (r) => value(r)));
        expect(toScalars(gather(v, ascendingSubset))).toEqual(Array.from(ascendingSubset, (r) => value(r)));
      }
    }), { numRuns: 60 });
  });
});
