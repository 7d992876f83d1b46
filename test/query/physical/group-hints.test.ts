import { describe, expect, it } from 'vitest';
import { PairMap } from '../../../query/physical/hash/pair-map.ts';
import { WordsMap, hashWords } from '../../../query/physical/hash/words-map.ts';
import { expectedGroups, recordGroups } from '../../../query/physical/grouping/group-hints.ts';

describe('hash map reserve', () => {
  it('PairMap keeps ids and keys when reserved mid-way, and inserts up to the reservation', () => {
    const m = new PairMap();
    const out = new Uint32Array(3000);
    const src = Int32Array.from({ length: 6000 }, (_, i) => (i % 2 === 0 ? i * 7919 : -(i >> 1)));
    m.findOrInsertRows(src, 1000, true, out);
    m.reserve(100_000);
    m.findOrInsertRows(src, 3000, true, out);
    for (let i = 0; i < 3000; i++) expect(out[i]).toBe(i);
    for (let i = 0; i < 3000; i++) expect(m.find(src[2 * i]!, src[2 * i + 1]!)).toBe(i);
    expect(m.keys[2 * 2999]).toBe(src[2 * 2999]);
  });
  it('WordsMap keeps ids and keys when reserved mid-way', () => {
    const m = new WordsMap(3);
    const rows = Int32Array.from({ length: 3 * 5000 }, (_, i) => Math.imul(i, 2654435761));
    const out = new Uint32Array(5000);
    m.findOrInsertRows(rows, 2000, out);
    m.reserve(50_000);
    m.findOrInsertRows(rows, 5000, out);
    for (let i = 0; i < 5000; i++) expect(out[i]).toBe(i);
    for (let i = 0; i < 5000; i += 97) expect(m.findOrInsert(rows, 3 * i, hashWords(rows, 3 * i, 3))).toBe(i);
    expect(m.size).toBe(5000);
  });
});

describe('group-count hints', () => {
  it('remember large group counts per plan key and forget small ones', () => {
    recordGroups('plan A', 1_000_000);
    expect(expectedGroups('plan A')).toBe(1_000_000);
    recordGroups('plan A', 10);
    expect(expectedGroups('plan A')).toBe(0);
    expect(expectedGroups('plan B')).toBe(0);
  });
});
