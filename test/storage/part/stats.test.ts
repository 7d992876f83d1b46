import { describe, expect, it } from 'vitest';
import { utf8 } from '../../../src/core/vector.ts';
import { granuleStats } from '../../../storage/part/stats.ts';
import { stringsVector } from '../../support/string-vector.ts';

/** Deterministic pseudo-random integers in [0, n). */
function rng(seed: number): (n: number) => number {
  let x = seed;
  return (n) => { x = (Math.imul(x, 1103515245) + 12345) | 0; return (x >>> 8) % n; };
}

/** UTF-8 byte order, as Buffer.compare orders bytes. */
const byBytes = (a: string, b: string): number => Buffer.compare(utf8(a), utf8(b));

describe('granule statistics', () => {
  it('string min/max per granule are the UTF-8 byte-order extremes (shared prefixes, prefixes of each other, multi-byte, NULLs)', () => {
    const r = rng(11);
    const stems = ['https://www.example.com/', 'https://www.example.com/a', 'http://', 'ä', 'é€', 'z', '', 'https://www.example.org/'];
    const values = Array.from({ length: 5000 }, () => {
      if (r(20) === 0) return null;
      const tail = Array.from({ length: r(12) }, () => String.fromCharCode(r(3) === 0 ? 0xe0 + r(30) : 0x2f + r(60))).join('');
      return stems[r(stems.length)]! + tail;
    });
    const granularity = 97;
    const stats = granuleStats(stringsVector(values), granularity);
    const text = (v: typeof stats.min, g: number): string => {
      if (v.kind !== 'string') throw new Error('string stats expected');
      return new TextDecoder().decode(v.bytes.subarray(v.offsets[g]!, v.offsets[g + 1]!));
    };
    for (let g = 0; g * granularity < values.length; g++) {
      const slice = values.slice(g * granularity, (g + 1) * granularity);
      const present = slice.filter((x): x is string => x !== null).sort(byBytes);
      expect(stats.nulls[g]).toBe(slice.length - present.length);
      expect(stats.hasMinMax[g]).toBe(present.length > 0 ? 1 : 0);
      if (present.length === 0) continue;
      expect(text(stats.min, g), `granule ${g} min`).toBe(present[0]);
      expect(text(stats.max, g), `granule ${g} max`).toBe(present[present.length - 1]);
    }
  });

  it('a granule of strings where one is a prefix of the other orders the shorter first', () => {
    const stats = granuleStats(stringsVector(['abcdefgh', 'abcd', 'abcdefghi', 'abcdefgh']), 4);
    expect(stats.min.kind === 'string' && new TextDecoder().decode(stats.min.bytes)).toBe('abcd');
    expect(stats.max.kind === 'string' && new TextDecoder().decode(stats.max.bytes)).toBe('abcdefghi');
  });
});
