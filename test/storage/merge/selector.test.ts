import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SELECTOR_SETTINGS, selectMerge, type SelectorPart } from '../../../storage/merge/selector.ts';

/** Insert parts one by one, merging (instantly) whatever the selector picks after each insert. */
function simulate(sizes: readonly number[]): { maxParts: number; finalParts: number; written: number; inserted: number } {
  let parts: SelectorPart[] = [];
  let maxParts = 0;
  let written = 0;
  let inserted = 0;
  for (const s of sizes) {
    parts.push({ bytes: s, rows: s, ageSeconds: 0 });
    inserted += s;
    for (;;) {
      const c = selectMerge([{ parts, partitionPartCount: parts.length }]);
      if (c === null) break;
      expect(c.end - c.start).toBeGreaterThanOrEqual(2);
      expect(c.end - c.start).toBeLessThanOrEqual(DEFAULT_SELECTOR_SETTINGS.maxPartsToMergeAtOnce);
      const range = parts.slice(c.start, c.end);
      const bytes = range.reduce((a, p) => a + p.bytes, 0);
      written += bytes;
      parts = [...parts.slice(0, c.start), { bytes, rows: bytes, ageSeconds: 0 }, ...parts.slice(c.end)];
    }
    maxParts = Math.max(maxParts, parts.length);
  }
  return { maxParts, finalParts: parts.length, written, inserted };
}

describe('merge selector', () => {
  it('keeps the part count bounded and write amplification logarithmic under tiny inserts', () => {
    fc.assert(fc.property(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 1500 }), (sizes) => {
      const r = simulate(sizes);
      expect(r.maxParts).toBeLessThanOrEqual(DEFAULT_SELECTOR_SETTINGS.maxPartsToLowerBase);
      // each byte is rewritten O(log N) times
      expect(r.written / r.inserted).toBeLessThanOrEqual(2 * Math.log2(sizes.length + 1) + 2);
    }), { numRuns: 40 });
  });

  it('10,000 equal tiny parts stay under 20 parts', () => {
    const r = simulate(new Array(10_000).fill(100));
    expect(r.maxParts).toBeLessThanOrEqual(20);
    expect(r.written / r.inserted).toBeLessThan(12);
  });

  it('never merges a huge part with a tiny one while the part count is low', () => {
    expect(selectMerge([{ parts: [{ bytes: 1e9, rows: 1e7, ageSeconds: 0 }, { bytes: 10, rows: 1, ageSeconds: 0 }], partitionPartCount: 2 }])).toBeNull();
  });

  it('merges everything once parts are old', () => {
    const old = (b: number): SelectorPart => ({ bytes: b, rows: 1000, ageSeconds: 3600 });
    expect(selectMerge([{ parts: [old(1e9), old(10)], partitionPartCount: 2 }])).toEqual({ run: 0, start: 0, end: 2 });
  });

  it('respects the size limit and picks only inside runs', () => {
    const p = (b: number): SelectorPart => ({ bytes: b, rows: b, ageSeconds: 0 });
    const s = { ...DEFAULT_SELECTOR_SETTINGS, maxBytesToMerge: 100 };
    expect(selectMerge([{ parts: [p(60), p(60)], partitionPartCount: 2 }], s)).toBeNull();
    const c = selectMerge([{ parts: [p(1)], partitionPartCount: 9 }, { parts: Array.from({ length: 6 }, () => p(1)), partitionPartCount: 9 }]);
    expect(c?.run).toBe(1);
  });
});
