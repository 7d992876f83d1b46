/**
 * Granule pruning: which granules may hold a row satisfying every ColumnRange, judged from per-granule
 * min/max and NULL counts. Comparisons are exact: numbers against bigints without rounding, strings by
 * UTF-8 bytes. Anything that cannot be compared (a bound of another type, NaN, an unknown column) never
 * prunes, so pruning can only skip granules that certainly have no matching row.
 */
import type { Scalar } from '../../src/core/types.ts';
import type { ColumnRange } from '../../src/core/scan.ts';
import { utf8, type FlatVector, type StringVector } from '../../src/core/vector.ts';
import type { ColumnLayout } from './metadata.ts';
import { compareBytes } from './stats.ts';

/** A bound prepared once per range: a number, a bigint, or UTF-8 bytes. */
type Key = number | bigint | Uint8Array;

/** Prepare a Scalar for comparison with a column's statistics; null when it cannot be compared. */
function prepare(s: Scalar | undefined, isString: boolean): Key | null {
  if (s === undefined || s === null) return null;
  if (isString) return typeof s === 'string' ? utf8(s) : null;
  if (typeof s === 'boolean') return s ? 1 : 0;
  if (typeof s === 'number') return Number.isNaN(s) ? null : s;
  if (typeof s === 'bigint') return s;
  return null;
}

/** Exact comparison of a number and a bigint (the number is not NaN). */
function cmpNumBig(a: number, b: bigint): number {
  if (a === Infinity) return 1;
  if (a === -Infinity) return -1;
  const f = Math.floor(a);
  const fb = BigInt(f);
  if (fb < b) return -1;
  if (fb > b) return 1;
  return a > f ? 1 : 0;
}

/** Compare granule statistic `g` of `v` with key `k`: negative, 0, positive. */
function cmp(v: FlatVector | StringVector, g: number, k: Key): number {
  if (v.kind === 'string') {
    const kb = k as Uint8Array;
    return compareBytes(v.bytes, v.offsets[g]!, v.offsets[g + 1]!, kb, 0, kb.length);
  }
  const x = v.values[g]!;
  if (typeof x === 'number') {
    if (typeof k === 'number') return x < k ? -1 : x > k ? 1 : 0;
    return cmpNumBig(x, k as bigint);
  }
  if (typeof k === 'bigint') return x < k ? -1 : x > k ? 1 : 0;
  return -cmpNumBig(k as number, x);
}

/** Per granule: 1 when the granule may contain a row satisfying `r`. */
function mayMatch(c: ColumnLayout, r: ColumnRange, granules: number, rowsOf: (g: number) => number, out: Uint8Array): void {
  const isString = c.field.type.kind === 'String';
  const nulls = c.granuleNulls;
  switch (r.kind) {
    case 'isNull':
      for (let g = 0; g < granules; g++) if (nulls[g] === 0) out[g] = 0;
      return;
    case 'notNull':
      for (let g = 0; g < granules; g++) if (nulls[g] === rowsOf(g)) out[g] = 0;
      return;
    case 'range': {
      const lo = prepare(r.min, isString);
      const hi = prepare(r.max, isString);
      const loExclusive = r.minInclusive === false;
      const hiExclusive = r.maxInclusive === false;
      for (let g = 0; g < granules; g++) {
        if (out[g] === 0) continue;
        if (c.hasMinMax[g] === 0) {
          // No value but NULL or NaN: NaN fails every bound, but a range without bounds (any non-NULL value) keeps it.
          if (lo !== null || hi !== null || nulls[g] === rowsOf(g)) out[g] = 0;
          continue;
        }
        if (lo !== null) {
          const d = cmp(c.granuleMax, g, lo);
          if (d < 0 || (d === 0 && loExclusive)) { out[g] = 0; continue; }
        }
        if (hi !== null) {
          const d = cmp(c.granuleMin, g, hi);
          if (d > 0 || (d === 0 && hiExclusive)) out[g] = 0;
        }
      }
      return;
    }
    case 'in': {
      const keys: Key[] = [];
      for (const v of r.values) {
        if (v === null) continue;
        const k = prepare(v, isString);
        if (k === null) return; // a value we cannot compare: keep every granule
        keys.push(k);
      }
      for (let g = 0; g < granules; g++) {
        if (out[g] === 0) continue;
        let any = false;
        if (c.hasMinMax[g] === 1) {
          for (const k of keys) {
            if (cmp(c.granuleMin, g, k) <= 0 && cmp(c.granuleMax, g, k) >= 0) { any = true; break; }
          }
        }
        if (!any) out[g] = 0;
      }
      return;
    }
  }
}

/**
 * Granule ranges [from, to) of a part that may contain rows matching every range. `columnOf` finds a
 * column's layout by name (undefined: not in this part, the range is ignored).
 */
export function selectGranuleRanges(ranges: readonly ColumnRange[], granules: number,
  rowsOf: (g: number) => number, columnOf: (name: string) => ColumnLayout | undefined): Array<[number, number]> {
  const keep = new Uint8Array(granules).fill(1);
  for (const r of ranges) {
    const c = columnOf(r.column);
    if (c !== undefined) mayMatch(c, r, granules, rowsOf, keep);
  }
  const out: Array<[number, number]> = [];
  let g = 0;
  while (g < granules) {
    if (keep[g] === 0) { g++; continue; }
    const from = g;
    while (g < granules && keep[g] === 1) g++;
    out.push([from, g]);
  }
  return out;
}

/** Part-level min/max/NULL count of a column from its granule statistics; min/max null when no value. */
export function columnMinMax(c: ColumnLayout, scalarOf: (v: FlatVector | StringVector, g: number) => Scalar): { min: Scalar; max: Scalar; nulls: number } {
  let lo = -1;
  let hi = -1;
  let nulls = 0;
  const n = c.hasMinMax.length;
  for (let g = 0; g < n; g++) {
    nulls += c.granuleNulls[g]!;
    if (c.hasMinMax[g] === 0) continue;
    if (lo < 0 || cmpStats(c.granuleMin, g, lo) < 0) lo = g;
    if (hi < 0 || cmpStats(c.granuleMax, g, hi) > 0) hi = g;
  }
  return { min: lo < 0 ? null : scalarOf(c.granuleMin, lo), max: hi < 0 ? null : scalarOf(c.granuleMax, hi), nulls };
}

/** Compare two rows of one statistics vector. */
function cmpStats(v: FlatVector | StringVector, a: number, b: number): number {
  if (v.kind === 'string') return compareBytes(v.bytes, v.offsets[a]!, v.offsets[a + 1]!, v.bytes, v.offsets[b]!, v.offsets[b + 1]!);
  const x = v.values[a]!;
  const y = v.values[b]!;
  return x < y ? -1 : x > y ? 1 : 0;
}
