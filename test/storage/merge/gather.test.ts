/**
 * Gathering by a permutation: from one vector (one loop per value width) and from consecutive blocks
 * (locateRows + gatherBlocks) gives exactly the rows of concatenating the blocks and gathering, for
 * every value width, strings, and NULLs in some blocks only; for a permutation, a subset of the rows
 * (written in input order) and one that repeats rows (read in output order).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { makeType, T, type DataType, type Scalar } from '../../../src/core/types.ts';
import { toScalars } from '../../../src/core/vector.ts';
import { concatVectors } from '../../../src/core/materialize.ts';
import { gather, gatherBlocks, locateRows } from '../../../storage/merge/gather.ts';
import type { PlainVector } from '../../../storage/segment/column-builder.ts';

const types: [DataType, (i: number) => Scalar][] = [
  [T.Int8, (i) => (i * 37) % 256 - 128],
  [T.UInt16, (i) => (i * 7919) % 65536],
  [T.Int32, (i) => i * 104729 - 5e8],
  [T.Float32, (i) => i / 8],
  [T.Float64, (i) => (i % 3 === 0 ? -i : i) / 3],
  [T.Int64, (i) => BigInt(i) * 12345678901n - 5n],
  [T.String, (i) => 'x'.repeat(i % 40) + String(i)],
  [T.String, (i) => (i % 3 === 0 ? 'é'.repeat(150 + i) : '') + String(i)], // over 256 bytes: a block copy
  [makeType('Int32', { nullable: true }), (i) => (i % 5 === 0 ? null : i)],
  [makeType('String', { nullable: true }), (i) => (i % 4 === 0 ? null : `s${i}`)],
];

const column = (type: DataType, value: (i: number) => Scalar, from: number, n: number): PlainVector =>
  vectorFromScalars(type, Array.from({ length: n }, (_, i) => value(from + i))) as PlainVector;

describe('gather', () => {
  it('gathers blocks exactly like concatenating then gathering', () => {
    const shapes = fc.constantFrom('permutation', 'subset', 'repeats');
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 40 }), { minLength: 1, maxLength: 5 }), fc.integer(), shapes, (lengths, seed, shape) => {
      const total = lengths.reduce((a, b) => a + b, 0);
      let perm = Uint32Array.from({ length: total }, (_, i) => i);
      let s = seed >>> 0;
      for (let i = total - 1; i > 0; i--) {
        s = (Math.imul(s, 1103515245) + 12345) >>> 0;
        const j = s % (i + 1);
        [perm[i], perm[j]] = [perm[j]!, perm[i]!];
      }
      if (shape === 'subset') perm = perm.slice(0, Math.ceil(total / 2));
      if (shape === 'repeats') perm = Uint32Array.from([...perm, perm[0]!]);
      const at = locateRows(lengths, perm);
      for (const [type, value] of types) {
        let from = 0;
        const blocks = lengths.map((n) => { const v = column(type, value, from, n); from += n; return v; });
        const expected = toScalars(gather(concatVectors(type, blocks), perm));
        expect(toScalars(gatherBlocks(blocks, at))).toEqual(expected);
        expect(expected).toEqual(Array.from(perm, (r) => value(r)));
      }
    }), { numRuns: 60 });
  });
});
