import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { hashBytes, keysOf } from '../../../query/expr/hash.ts';
import { stringsVector } from '../../support/string-vector.ts';

describe('keysOf strings', () => {
  it('gives each string the two seeded hashes of its bytes as its 64-bit key', () => {
    fc.assert(fc.property(fc.array(fc.string({ maxLength: 40 }), { minLength: 1, maxLength: 50 }), (xs) => {
      const v = stringsVector(xs);
      const k = keysOf(v, xs.length);
      const enc = new TextEncoder();
      xs.forEach((x, i) => {
        const b = enc.encode(x);
        expect([k.hi[i], k.lo[i]]).toEqual([hashBytes(b, 0, b.length, 0x9747b28c), hashBytes(b, 0, b.length, 0x2f1a3c5d)]);
      });
    }), { numRuns: 200 });
  });
});
