/**
 * Sorting by the sort key: compute a permutation (Uint32Array) over the key columns, then gather
 * every column. Ties keep input order, so sorting is stable and deterministic.
 *
 * Radix path: the key columns up to and including the first one whose radix words are not exact are
 * sorted by stable LSD radix passes (16-bit digits over each column's sortable words, see
 * radix-keys.ts; digits shared by every row are skipped; NULLs moved last by a stable partition), last
 * column first. Numbers, dates, timestamps and short strings are exact, so a key of such columns needs
 * nothing more; after a long-string column, rows whose radix words are all equal form runs that the
 * full comparator finishes. For the usual keys (integers,
 * dates, timestamps) this replaces an O(n log n) comparator sort by a few linear passes.
 *
 * The work is a generator of steps (a word's passes, a slice of the run refinement):
 * {@link sortPermutation} runs them back to back, {@link sortPermutationAsync} yields to the event loop
 * between them so a large flush does not stall the server.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { PlainVector } from '../segment/column-builder.ts';
import { compareRows, prepareKeys, type PreparedKey } from './compare.ts';
import { gather } from './gather.ts';
import { radixKeys } from './radix-keys.ts';

/** Runs up to this length are finished by insertion sort. */
const SMALL_RUN = 16;
/** Rows of run refinement between two steps. */
const REFINE_STEP = 32768;

/** The permutation that sorts rows [0, rowCount) by `keys` (ascending, stable). */
export function sortPermutation(keys: readonly PlainVector[], rowCount: number): Uint32Array {
  const steps = sortSteps(keys, rowCount);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
  }
}

/** {@link sortPermutation}, yielding to the event loop between steps (a few ms each for 1M rows). */
export async function sortPermutationAsync(keys: readonly PlainVector[], rowCount: number): Promise<Uint32Array> {
  const steps = sortSteps(keys, rowCount);
  for (;;) {
    const r = steps.next();
    if (r.done === true) return r.value;
    await yieldToLoop();
  }
}

function* sortSteps(keys: readonly PlainVector[], rowCount: number): Generator<void, Uint32Array> {
  let perm = new Uint32Array(rowCount);
  for (let i = 0; i < rowCount; i++) perm[i] = i;
  if (keys.length === 0 || rowCount < 2) return perm;
  const k = prepareKeys(keys);
  let sorted = true;
  for (let i = 1; i < rowCount; i++) {
    if (compareRows(k, i - 1, k, i) > 0) { sorted = false; break; }
  }
  if (sorted) return perm;
  yield;

  // radix words of the leading key columns, up to and including the first whose words are not exact
  const columnWords: (readonly Uint32Array[])[] = [];
  let inexactAt = -1;
  for (let c = 0; c < keys.length && inexactAt < 0; c++) {
    const rk = yield* radixKeys(keys[c]!, rowCount);
    columnWords.push(rk.words);
    if (!rk.exact) inexactAt = c;
    yield;
  }
  let permB = new Uint32Array(rowCount);
  let key = new Uint32Array(rowCount);
  let keyB = new Uint32Array(rowCount);
  const lowCounts = new Uint32Array(65536);
  const highCounts = new Uint32Array(65536);
  for (let c = columnWords.length - 1; c >= 0; c--) {
    const col = keys[c]!;
    const words = columnWords[c]!;
    for (let w = words.length - 1; w >= 0; w--) {
      const word = words[w]!;
      // both digit histograms in one sequential pass (they do not depend on the current order)
      lowCounts.fill(0);
      highCounts.fill(0);
      for (let i = 0; i < rowCount; i++) {
        const x = word[i]!;
        lowCounts[x & 0xffff]!++;
        highCounts[x >>> 16]!++;
      }
      const low = lowCounts[word[0]! & 0xffff] !== rowCount;
      const high = highCounts[word[0]! >>> 16] !== rowCount;
      if (!low && !high) continue;
      yield;
      for (let i = 0; i < rowCount; i++) key[i] = word[perm[i]!]!;
      if (low) {
        yield;
        scatter(key, perm, keyB, permB, lowCounts, 0);
        [key, keyB] = [keyB, key];
        [perm, permB] = [permB, perm];
      }
      if (high) {
        yield;
        scatter(key, perm, keyB, permB, highCounts, 16);
        [key, keyB] = [keyB, key];
        [perm, permB] = [permB, perm];
      }
      yield;
    }
    if (col.nulls !== null) {
      nullsLast(perm, permB, col.nulls);
      [perm, permB] = [permB, perm];
    }
  }
  if (inexactAt >= 0) yield* refineRuns(perm, k, inexactAt, columnWords[inexactAt]!);
  return perm;
}

/** One stable counting-sort pass of (key, perm) into (keyOut, permOut) by the 16-bit digit at `shift`. */
function scatter(key: Uint32Array, perm: Uint32Array, keyOut: Uint32Array, permOut: Uint32Array, counts: Uint32Array, shift: number): void {
  let sum = 0;
  for (let d = 0; d < 65536; d++) {
    const c = counts[d]!;
    counts[d] = sum;
    sum += c;
  }
  const n = key.length;
  for (let i = 0; i < n; i++) {
    const x = key[i]!;
    const at = counts[(x >>> shift) & 0xffff]!++;
    keyOut[at] = x;
    permOut[at] = perm[i]!;
  }
}

/** All `columns` reordered so rows ascend by the columns at `keyIndexes`. */
export function sortColumns(columns: readonly PlainVector[], keyIndexes: readonly number[], rowCount: number): PlainVector[] {
  const perm = sortPermutation(keyIndexes.map((i) => columns[i]!), rowCount);
  if (isIdentity(perm)) return [...columns];
  return columns.map((c) => gather(c, perm));
}

/** True when perm[i] === i for every i. */
function isIdentity(perm: Uint32Array): boolean {
  for (let i = 0; i < perm.length; i++) if (perm[i] !== i) return false;
  return true;
}

/** Stable partition of `perm` into `out`: rows whose `nulls` flag is 0 first. */
function nullsLast(perm: Uint32Array, out: Uint32Array, nulls: Uint8Array): void {
  let w = 0;
  for (let i = 0; i < perm.length; i++) if (nulls[perm[i]!] !== 1) out[w++] = perm[i]!;
  for (let i = 0; i < perm.length; i++) if (nulls[perm[i]!] === 1) out[w++] = perm[i]!;
}

/**
 * After the radix passes, rows equal on the exact columns [0, exact) and on the String column's words
 * (and NULL flag) are adjacent; sort each such run by the full comparator.
 */
function* refineRuns(perm: Uint32Array, k: readonly PreparedKey[], exact: number, words: readonly Uint32Array[]): Generator<void> {
  const prefix = k.slice(0, exact);
  const nulls = k[exact]!.nulls;
  const n = perm.length;
  let s = 0;
  let nextYield = REFINE_STEP;
  while (s < n) {
    if (s >= nextYield) {
      yield;
      nextYield = s + REFINE_STEP;
    }
    const r = perm[s]!;
    let e = s + 1;
    for (; e < n; e++) {
      const q = perm[e]!;
      if (nulls !== null && nulls[q] !== nulls[r]) break;
      let same = true;
      for (let w = 0; w < words.length && same; w++) same = words[w]![q] === words[w]![r];
      if (!same || (exact > 0 && compareRows(prefix, r, prefix, q) !== 0)) break;
    }
    if (e - s > 1) sortRange(perm, s, e, k);
    s = e;
  }
}

/** Stable comparator sort of perm[from, to): insertion sort when short. */
function sortRange(perm: Uint32Array, from: number, to: number, k: readonly PreparedKey[]): void {
  if (to - from <= SMALL_RUN) {
    for (let i = from + 1; i < to; i++) {
      const x = perm[i]!;
      let j = i - 1;
      while (j >= from && compareRows(k, perm[j]!, k, x) > 0) {
        perm[j + 1] = perm[j]!;
        j--;
      }
      perm[j + 1] = x;
    }
    return;
  }
  perm.subarray(from, to).sort((a, b) => compareRows(k, a, k, b) || a - b);
}
