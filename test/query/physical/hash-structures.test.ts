import { describe, expect, it } from 'vitest';
import { DistinctSet } from '../../../query/expr/distinctSet.ts';
import { BytesMap, hashBytes } from '../../../query/physical/hash/bytes-map.ts';
import { PairMap } from '../../../query/physical/hash/pair-map.ts';
import { WordsMap, hashWords } from '../../../query/physical/hash/words-map.ts';

/** A small deterministic generator. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % n; };
}

/** Reference distinct counts per group of (group, hi, lo) triples. */
function reference(gs: ArrayLike<number>, keys: Int32Array, n: number): Map<number, Set<string>> {
  const m = new Map<number, Set<string>>();
  for (let i = 0; i < n; i++) {
    let s = m.get(gs[i]!);
    if (s === undefined) m.set(gs[i]!, s = new Set());
    s.add(`${keys[2 * i]},${keys[2 * i + 1]}`);
  }
  return m;
}

describe('DistinctSet', () => {
  it('counts distinct keys without groups, including the all-zero key, across growth', () => {
    const r = rng(1);
    const n = 50_000;
    const keys = new Int32Array(2 * n);
    for (let i = 0; i < n; i++) { keys[2 * i] = r(3) === 0 ? 0 : r(20_000); keys[2 * i + 1] = r(4) === 0 ? 0 : -r(3); }
    const set = new DistinctSet();
    const counts = new Float64Array(1);
    for (let b = 0; b < n; b += 4096) set.addRows(null, keys.subarray(2 * b, 2 * Math.min(n, b + 4096)), null, Math.min(n, b + 4096) - b, counts);
    const want = reference(new Uint32Array(n), keys, n).get(0)!.size;
    expect(counts[0]).toBe(want);
    expect(set.size).toBe(want);
    // Every key comes back once from writeGrouped.
    const out = new Uint32Array(2 * want);
    set.writeGrouped(1, Int32Array.of(0), out);
    const back = new Set<string>();
    for (let k = 0; k < want; k++) back.add(`${out[2 * k]! | 0},${out[2 * k + 1]! | 0}`);
    expect(back.size).toBe(want);
    expect(back.has('0,0')).toBe(true);
  });

  it('switches to grouped slots on the first non-zero group and keeps earlier keys', () => {
    const set = new DistinctSet();
    expect(set.add(0, 0, 0)).toBe(true);
    expect(set.add(0, 7, 9)).toBe(true);
    expect(set.add(0, 7, 9)).toBe(false);
    expect(set.add(3, 7, 9)).toBe(true);
    expect(set.add(0, 0, 0)).toBe(false);
    expect(set.add(0, 7, 9)).toBe(false);
    expect(set.add(3, 0, 0)).toBe(true);
    expect(set.add(3, 0xffffffff, 0xffffffff)).toBe(true);
    expect(set.add(3, -1, -1)).toBe(false);
    expect(set.size).toBe(5);
  });

  it('counts per group with nulls skipped, equal to a reference', () => {
    const r = rng(7);
    const n = 60_000;
    const keys = new Int32Array(2 * n); const gs = new Uint32Array(n); const nulls = new Uint8Array(n);
    for (let i = 0; i < n; i++) { gs[i] = r(50); keys[2 * i] = r(500); keys[2 * i + 1] = r(2); nulls[i] = r(10) === 0 ? 1 : 0; }
    // Runs of equal rows exercise the previous-row shortcut.
    for (let i = 1; i < n; i += 3) { gs[i] = gs[i - 1]!; keys[2 * i] = keys[2 * i - 2]!; keys[2 * i + 1] = keys[2 * i - 1]!; }
    const set = new DistinctSet();
    const counts = new Float64Array(50);
    set.addRows(gs, keys, nulls, n, counts);
    const kept: number[] = [];
    for (let i = 0; i < n; i++) if (nulls[i] === 0) kept.push(i);
    const ref = reference(kept.map((i) => gs[i]!), Int32Array.from(kept.flatMap((i) => [keys[2 * i]!, keys[2 * i + 1]!])), kept.length);
    for (let g = 0; g < 50; g++) expect(counts[g]).toBe(ref.get(g)?.size ?? 0);
  });

  it('reserve sizes the table without changing the contents', () => {
    const set = new DistinctSet();
    set.add(0, 1, 2);
    set.reserve(100_000, true);
    expect(set.add(0, 1, 2)).toBe(false);
    expect(set.add(1, 1, 2)).toBe(true);
    expect(set.size).toBe(2);
  });
});

describe('BytesMap', () => {
  function column(xs: string[]): { offsets: Int32Array; bytes: Uint8Array } {
    const enc = xs.map((x) => new TextEncoder().encode(x));
    const offsets = new Int32Array(xs.length + 1);
    enc.forEach((e, i) => { offsets[i + 1] = offsets[i]! + e.length; });
    const bytes = new Uint8Array(offsets[xs.length]!);
    enc.forEach((e, i) => bytes.set(e, offsets[i]!));
    return { offsets, bytes };
  }

  it('assigns dense ids in first-appearance order, batch and single lookups agreeing', () => {
    const r = rng(3);
    const words = ['', 'a', 'ab', 'abc', 'abcd', 'abcde', 'абвгд', 'x'.repeat(40), 'x'.repeat(41), 'y'.repeat(17)];
    const xs: string[] = [];
    for (let i = 0; i < 20_000; i++) xs.push(r(4) === 0 ? words[r(words.length)]! : `k${r(5000)}`);
    const { offsets, bytes } = column(xs);
    const skip = Uint8Array.from(xs, (_x, i) => (i % 11 === 0 ? 1 : 0));
    const m = new BytesMap();
    const out = new Int32Array(xs.length).fill(-7);
    m.findOrInsertRows(bytes, offsets, xs.length, out, skip);
    const ids = new Map<string, number>();
    const want = xs.map((x, i) => {
      if (skip[i] === 1) return -7;
      if (!ids.has(x)) ids.set(x, ids.size);
      return ids.get(x)!;
    });
    expect(Array.from(out)).toEqual(want);
    expect(m.size).toBe(ids.size);
    for (const [x, id] of ids) {
      const b = new TextEncoder().encode(x);
      expect(m.find(b, 0, b.length, hashBytes(b, 0, b.length))).toBe(id);
      expect(new TextDecoder().decode(m.arena.subarray(m.offsets[id]!, m.offsets[id + 1]!))).toBe(x);
    }
    const missing = new TextEncoder().encode('not there');
    expect(m.find(missing, 0, missing.length, hashBytes(missing, 0, missing.length))).toBe(-1);
  });

  it('tells apart keys of every length that differ in one byte anywhere, and interns dictionary entries', () => {
    const xs: string[] = [];
    for (let len = 0; len <= 40; len++) {
      const base = Array.from({ length: len }, (_x, i) => String.fromCharCode(97 + (i % 26)));
      xs.push(base.join(''));
      for (let at = 0; at < len; at++) { const b = [...base]; b[at] = 'Z'; xs.push(b.join('')); }
    }
    const { offsets, bytes } = column(xs);
    // At an odd byte offset, so no key starts aligned.
    const shifted = new Uint8Array(bytes.length + 1);
    shifted.set(bytes, 1);
    const m = new BytesMap();
    const out = new Int32Array(xs.length);
    m.findOrInsertRows(shifted.subarray(1), offsets, xs.length, out, null);
    expect(Array.from(out)).toEqual(xs.map((_x, i) => i));
    const reserved = new BytesMap();
    reserved.reserve(xs.length);
    const out2 = new Int32Array(xs.length);
    reserved.findOrInsertRows(bytes, offsets, xs.length, out2, null);
    expect(Array.from(out2)).toEqual(Array.from(out));
    // Entries in a given order: existing keys keep their ids, new ones follow in that order.
    const dict = column(['new-b', 'x', 'new-a-longer-than-eight', xs[7]!, 'x', 'y']);
    const ids = new Int32Array(6).fill(-1);
    m.findOrInsertEntries(dict.bytes, dict.offsets, Int32Array.from([3, 2, 0, 4, 1]), 5, ids);
    expect(Array.from(ids)).toEqual([xs.length + 1, xs.length + 2, xs.length, 7, xs.length + 2, -1]);
  });
});

describe('WordsMap', () => {
  it('batch ids equal one-at-a-time ids across growth', () => {
    const r = rng(5);
    const w = 3; const n = 30_000;
    const src = new Int32Array(n * w);
    for (let i = 0; i < n * w; i++) src[i] = r(3) === 0 ? -r(5) : r(3000);
    const a = new WordsMap(w); const b = new WordsMap(w);
    const out = new Uint32Array(n);
    a.findOrInsertRows(src, n, out);
    const one = Array.from({ length: n }, (_x, i) => b.findOrInsert(src, i * w, hashWords(src, i * w, w)));
    expect(Array.from(out)).toEqual(one);
    expect(a.size).toBe(b.size);
  });
});

describe('PairMap', () => {
  it('batch ids (wide and narrow) equal one-at-a-time ids across growth, and keys are kept in id order', () => {
    const r = rng(9);
    const n = 40_000;
    const wide = new Int32Array(2 * n);
    for (let i = 0; i < 2 * n; i++) wide[i] = r(4) === 0 ? -r(7) : r(5000);
    const narrow = new Uint16Array(n);
    for (let i = 0; i < n; i++) narrow[i] = r(30_000);
    for (const [src, isWide] of [[wide, true], [narrow, false]] as const) {
      const a = new PairMap(); const b = new PairMap();
      const out = new Uint32Array(n);
      a.findOrInsertRows(src, n, isWide, out);
      const one = Array.from({ length: n }, (_x, i) => isWide ? b.findOrInsert(src[2 * i]!, src[2 * i + 1]!) : b.findOrInsert(src[i]!, 0));
      expect(Array.from(out)).toEqual(one);
      expect(a.size).toBe(b.size);
      for (let i = 0; i < n; i += 97) {
        const lo = isWide ? src[2 * i]! : src[i]!; const hi = isWide ? src[2 * i + 1]! : 0;
        expect(a.find(lo, hi)).toBe(out[i]);
        expect([a.keys[2 * out[i]!], a.keys[2 * out[i]! + 1]]).toEqual([lo, hi]);
      }
      expect(a.find(-123456, 99)).toBe(-1);
    }
  });
});
