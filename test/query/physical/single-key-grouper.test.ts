/**
 * SingleKeyGrouper on string keys: plain strings and dictionaries (each shared by several batches,
 * entries interned in one batch per first use, NULL rows and NULL entries) give every key one dense
 * id, and keyVectors / keyVectorsAt give back every group's key.
 */
import { describe, expect, it } from 'vitest';
import { T, withNullable } from '../../../src/core/types.ts';
import { dictVector, toScalars, type Vector } from '../../../src/core/vector.ts';
import { SingleKeyGrouper } from '../../../query/physical/grouping/single-key-grouper.ts';
import { stringsVector } from '../../support/string-vector.ts';

/** A small deterministic generator. */
function rng(seed: number): (n: number) => number {
  let s = seed >>> 0;
  return (n) => { s = (Math.imul(s, 1664525) + 1013904223) >>> 0; return s % n; };
}

describe('SingleKeyGrouper (strings)', () => {
  it('gives every key one dense id over plain and dictionary batches', () => {
    const type = withNullable(T.String);
    const words = Array.from({ length: 300 }, (_x, i) => (i % 7 === 0 ? '' : `w${i}-${'z'.repeat(i % 23)}`));
    for (let seed = 0; seed < 6; seed++) {
      const r = rng(seed + 1);
      const g = new SingleKeyGrouper(type);
      const ref = new Map<string | null, number>();
      const ids = new Set<number>();
      /** Key of each group id (ids are dense; the NULL group may come after the new keys of its batch). */
      const order: (string | null)[] = [];
      // Dictionaries reused across batches, some with a NULL entry.
      const dicts = Array.from({ length: 3 }, (_x, d) => {
        const entries: (string | null)[] = Array.from({ length: 40 + r(40) }, () => words[r(words.length)]!);
        if (d === 2) entries[r(entries.length)] = null;
        return { entries, vec: stringsVector(entries, type) };
      });
      for (let batch = 0; batch < 30; batch++) {
        const n = 1 + r(200);
        let v: Vector; const xs: (string | null)[] = [];
        if (r(2) === 0) {
          for (let i = 0; i < n; i++) xs.push(r(13) === 0 ? null : words[r(words.length)]!);
          v = stringsVector(xs, type);
        } else {
          const d = dicts[r(dicts.length)]!;
          const codes = new Uint16Array(n);
          const rowNulls = r(2) === 0 ? new Uint8Array(n) : null;
          for (let i = 0; i < n; i++) {
            codes[i] = r(d.entries.length);
            if (rowNulls !== null && r(9) === 0) rowNulls[i] = 1;
            xs.push(rowNulls !== null && rowNulls[i] === 1 ? null : d.entries[codes[i]!]!);
          }
          v = dictVector(type, codes, d.vec, rowNulls);
        }
        const out = new Uint32Array(n);
        g.assign([v], n, out);
        for (let i = 0; i < n; i++) {
          const id = ref.get(xs[i]!);
          if (id === undefined) {
            expect(ids.has(out[i]!), `seed ${seed} batch ${batch} row ${i}: a new key takes a new id`).toBe(false);
            ref.set(xs[i]!, out[i]!); ids.add(out[i]!); order[out[i]!] = xs[i]!;
          } else expect(out[i], `seed ${seed} batch ${batch} row ${i}`).toBe(id);
        }
      }
      expect(g.groups).toBe(ref.size);
      expect(toScalars(g.keyVectors()[0]!)).toEqual(order);
      const some = Uint32Array.from({ length: 25 }, () => r(ref.size));
      expect(toScalars(g.keyVectorsAt(some)[0]!)).toEqual(Array.from(some, (id) => order[id]!));
    }
  });
});
