import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareRows, prepareKeys } from '../../../storage/merge/compare.ts';
import { sortPermutation, sortPermutationAsync } from '../../../storage/merge/sort.ts';
import type { PlainVector } from '../../../storage/segment/column-builder.ts';
import { KINDS, vectorArb } from '../codec/arbitraries.ts';
import { makeType, T } from '../../../src/core/types.ts';
import { stringsVector } from '../../support/string-vector.ts';

/** The reference: a stable comparator sort of the row ids. */
function reference(keys: readonly PlainVector[], n: number): number[] {
  const k = prepareKeys(keys);
  return Array.from({ length: n }, (_, i) => i).sort((a, b) => compareRows(k, a, k, b) || a - b);
}

const keysArb = fc.record({
  kinds: fc.array(fc.constantFrom(...KINDS), { minLength: 1, maxLength: 3 }),
  rows: fc.integer({ min: 0, max: 200 }),
}).chain(({ kinds, rows }) => fc.tuple(...kinds.map((k) => vectorArb(k, rows, rows))).map((keys) => ({ keys, rows })));

describe('radix sort permutation', () => {
  it('equals a stable comparator sort for every key type, NULLs, NaN, -0 and multi-column keys', async () => {
    await fc.assert(fc.asyncProperty(keysArb, async ({ keys, rows }) => {
      const want = reference(keys, rows);
      expect([...sortPermutation(keys, rows)]).toEqual(want);
      expect([...await sortPermutationAsync(keys, rows)]).toEqual(want);
    }), { numRuns: 200 });
  });

  it('sorts strings that share a long prefix and differ past the radix words', () => {
    const strs = Array.from({ length: 500 }, (_, i) => `https://example.com/a/very/long/common/prefix/${(i * 7919) % 500}`);
    const enc = new TextEncoder();
    const parts = strs.map((s) => enc.encode(s));
    const offsets = new Int32Array(parts.length + 1);
    parts.forEach((p, i) => { offsets[i + 1] = offsets[i]! + p.length; });
    const bytes = new Uint8Array(offsets[parts.length]!);
    parts.forEach((p, i) => bytes.set(p, offsets[i]!));
    const v: PlainVector = { kind: 'string', type: { kind: 'String', nullable: false } as PlainVector['type'], length: 500, offsets, bytes, nulls: null };
    const perm = sortPermutation([v], 500);
    const sorted = [...perm].map((i) => strs[i]!);
    expect(sorted).toEqual([...strs].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b))));
  });

  it('sorts short strings exactly by radix, then the next key column: NUL extensions, empty strings, NULLs', () => {
    const names = ['', 'a', 'a\0', 'a\0\0', 'ab', 'b', 'click', 'view', 'view\0x', '\0', 'aaaaaaaaaaaa', 'aaaaaaaaaaab', null,
      'remove_from_cart', 'remove_from_cart\0', 'add_to_cart_and_check_out_now__', 'add_to_cart_and_check_out_now_'];
    const n = 2000;
    const strs = Array.from({ length: n }, (_, i) => names[(i * 7919) % names.length]!);
    const second = new BigInt64Array(n);
    for (let i = 0; i < n; i++) second[i] = BigInt((i * 104729) % 37) - 18n;
    const keys: PlainVector[] = [
      stringsVector(strs, makeType('String', { nullable: true })) as PlainVector,
      { kind: 'flat', type: T.Int64, length: n, values: second, nulls: null },
    ];
    expect([...sortPermutation(keys, n)]).toEqual(reference(keys, n));
    // with a common prefix (skipped by the words) and rests up to the exact limit
    const prefixed: PlainVector[] = [stringsVector(strs.map((x) => (x === null ? null : `event_${x}`)), makeType('String', { nullable: true })) as PlainVector, keys[1]!];
    expect([...sortPermutation(prefixed, n)]).toEqual(reference(prefixed, n));
  });
});
