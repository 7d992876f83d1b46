import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { T, makeType } from '../../../src/core/types.ts';
import type { FlatVector, StringVector } from '../../../src/core/vector.ts';
import { decodeBlock, encodeBlock, ENCODING, type EncodingId } from '../../../storage/codec/block.ts';
import { materialize } from '../../../src/core/materialize.ts';
import { KINDS, makeVector, rowBytes, vectorArb } from './arbitraries.ts';

/** Rows of `got` equal rows [start, end) of `want`: same NULLs, same bytes for every non-NULL row. */
function expectSameRows(got: FlatVector | StringVector, want: FlatVector | StringVector, start: number, end: number): void {
  expect(got.length).toBe(end - start);
  for (let i = start; i < end; i++) {
    const wantNull = want.nulls !== null && want.nulls[i] === 1;
    const gotNull = got.nulls !== null && got.nulls[i - start] === 1;
    expect(gotNull).toBe(wantNull);
    if (!wantNull) expect(rowBytes(got, i - start)).toBe(rowBytes(want, i));
  }
}

function roundTrip(v: FlatVector | StringVector, start: number, end: number, force?: EncodingId): FlatVector | StringVector {
  const bytes = encodeBlock(v, start, end, force);
  const decoded = decodeBlock(bytes.slice(), v.type);
  expect(decoded.type).toEqual(v.type);
  return materialize(decoded);
}

const ENCODINGS: Array<EncodingId | undefined> = [undefined, ENCODING.PLAIN, ENCODING.FOR, ENCODING.DELTA, ENCODING.DELTA2, ENCODING.DICT];

describe('block encoding round trip', () => {
  for (const kind of KINDS) {
    for (const force of ENCODINGS) {
      const label = force === undefined ? 'auto' : Object.entries(ENCODING).find(([, id]) => id === force)![0];
      it(`${kind} × ${label}`, () => {
        fc.assert(fc.property(vectorArb(kind), fc.nat(), fc.nat(), (v, a, b) => {
          const start = v.length === 0 ? 0 : a % (v.length + 1);
          const end = start + (v.length - start === 0 ? 0 : b % (v.length - start + 1));
          expectSameRows(roundTrip(v, start, end, force), v, start, end);
          expectSameRows(roundTrip(v, 0, v.length, force), v, 0, v.length);
        }), { numRuns: 60 });
      });
    }
  }
});

describe('encoding choice', () => {
  const n = 10000;
  const size = (v: FlatVector | StringVector): number => encodeBlock(v).length;

  it('packs sorted keys and regular timestamps to a few bits per row', () => {
    const keys = makeVector(T.Int32, Array.from({ length: n }, (_, i) => 1000 + i * 3), null);
    expect(size(keys)).toBeLessThan(200);
    const ts = makeVector(T.DateTime64, Array.from({ length: n }, (_, i) => 1700000000000n + BigInt(i) * 1000n), null);
    expect(size(ts)).toBeLessThan(200);
    expect([ENCODING.DELTA, ENCODING.DELTA2]).toContain(encodeBlock(ts)[0]);
    const accel = makeVector(T.Int64, Array.from({ length: n }, (_, i) => BigInt(i * i)), null);
    expect(encodeBlock(accel)[0]).toBe(ENCODING.DELTA2);
  });

  it('bit-packs small ranges, dictionary-codes low cardinality, leaves random floats plain', () => {
    const small = makeVector(T.Int64, Array.from({ length: n }, (_, i) => -(2n ** 62n) + BigInt((i * 7919) % 100)), null);
    expect(encodeBlock(small)[0]).toBe(ENCODING.FOR);
    expect(size(small)).toBeLessThan(n); // 7 bits per row instead of 64
    const sparse = makeVector(T.UInt64, Array.from({ length: n }, (_, i) => [0n, 2n ** 64n - 1n, 2n ** 40n][i % 3]!), null);
    expect(encodeBlock(sparse)[0]).toBe(ENCODING.DICT);
    const floats = makeVector(T.Float64, Array.from({ length: n }, (_, i) => Math.sin(i) * 1e6), null);
    expect(encodeBlock(floats)[0]).toBe(ENCODING.PLAIN);
    const words = ['GET', 'POST', 'PUT', 'DELETE'];
    const strs = makeVector(T.String, Array.from({ length: n }, (_, i) => words[i % 4]!), null);
    expect(encodeBlock(strs)[0]).toBe(ENCODING.DICT);
    expect(decodeBlock(encodeBlock(strs), T.String).kind).toBe('dict');
    // Mostly empty with a few dozen distinct values (ClickBench MobilePhoneModel): plain is a little
    // smaller, but few distinct values relative to rows keep the dictionary (and its query fast paths).
    const models = Array.from({ length: 41 }, (_, i) => `model-${i}`);
    const sparseStrs = makeVector(T.String, Array.from({ length: n }, (_, i) => (i % 10 === 0 ? models[(i * 7) % 41]! : '')), null);
    expect(encodeBlock(sparseStrs)[0]).toBe(ENCODING.DICT);
    expect(decodeBlock(encodeBlock(sparseStrs), T.String).kind).toBe('dict');
  });

  it('skips the dictionary for high-cardinality blocks and keeps it for repeated wide values', () => {
    let seed = 11;
    const rand = (): number => {
      seed ^= seed << 13;
      seed ^= seed >>> 17;
      seed ^= seed << 5;
      return seed >>> 0;
    };
    const random = makeVector(T.Int64, Array.from({ length: n }, () => BigInt.asIntN(64, (BigInt(rand()) << 32n) | BigInt(rand()))), null);
    expect(encodeBlock(random)[0]).toBe(ENCODING.PLAIN);
    const ids = makeVector(T.String, Array.from({ length: n }, () => `id-${rand()}`), null);
    expect(encodeBlock(ids)[0]).toBe(ENCODING.PLAIN);
    const pool = Array.from({ length: 50 }, () => rand() | 0);
    const repeated = makeVector(T.Int32, Array.from({ length: n }, () => pool[rand() % 50]!), null);
    expect(encodeBlock(repeated)[0]).toBe(ENCODING.DICT);
  });

  it('stores NULL masks compactly: nothing without NULLs, no values when all NULL', () => {
    const t = makeType('Int32', { nullable: true });
    const none = makeVector(t, Array.from({ length: n }, (_, i) => i), null);
    const all = makeVector(t, Array.from({ length: n }, () => 0), new Uint8Array(n).fill(1));
    expect(size(all)).toBe(8);
    const decoded = decodeBlock(encodeBlock(all), t);
    expect(decoded.nulls?.every((x) => x === 1)).toBe(true);
    expect(size(none)).toBeLessThan(size(makeVector(t, Array.from({ length: n }, (_, i) => i), new Uint8Array(n))) + 1);
  });

  it('rejects corrupted blocks with CORRUPTED_DATA instead of returning wrong rows', () => {
    const words = ['a', 'b', 'c'];
    const bytes = encodeBlock(makeVector(T.String, Array.from({ length: 100 }, (_, i) => words[i % 3]!), null));
    expect(() => decodeBlock(bytes.subarray(0, bytes.length - 9).slice(), T.String)).toThrow(/truncated|CORRUPTED|out of range|bytes/);
    const bad = bytes.slice();
    bad[0] = 42;
    expect(() => decodeBlock(bad, T.String)).toThrowError(expect.objectContaining({ errorName: 'CORRUPTED_DATA' }));
  });

  it('rejects a numeric dictionary block whose codes fall outside the dictionary, for every width', () => {
    for (const t of [T.Int8, T.UInt16, T.Int32, T.Int64]) {
      const values = Array.from({ length: 100 }, (_, i) => (t === T.Int64 ? BigInt(i % 3) : i % 3));
      const bytes = encodeBlock(makeVector(t, values, null), 0, 100, ENCODING.DICT);
      expect(bytes[0]).toBe(ENCODING.DICT);
      // header (8 bytes), dictionary size (u32), the dictionary aligned to 8, then the codes' FOR header:
      // width (u8), aligned to 4, then the i32 minimum added to every code.
      const dictEnd = 16 + 3 * (t === T.Int8 ? 1 : t === T.UInt16 ? 2 : t === T.Int32 ? 4 : 8);
      const minAt = (dictEnd + 1 + 3) & ~3;
      const bad = bytes.slice();
      new DataView(bad.buffer).setInt32(minAt, 1000, true);
      expect(() => decodeBlock(bad, t)).toThrowError(expect.objectContaining({ errorName: 'CORRUPTED_DATA', message: expect.stringMatching(/out of range/) }));
      expect(materialize(decodeBlock(bytes.slice(), t))).toMatchObject({ length: 100 });
    }
  });
});
