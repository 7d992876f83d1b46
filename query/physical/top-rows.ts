/**
 * The best `k` rows of `n` by a row comparator, without sorting all n: a bounded max-heap keeps the k
 * best seen so far (most rows are rejected by one comparison with its top), then the k are sorted.
 * Ties rank by row index, so the result equals the first k rows of a stable sort of all n.
 */
import type { RowComparator } from './compare-rows.ts';

/** Row indexes of the first k of 0..n-1 in (cmp, index) order. */
export function topRows(cmp: RowComparator, n: number, k: number): Uint32Array {
  const heap = new Uint32Array(k);
  let size = 0;
  /** True when row a ranks after row b. */
  const after = (a: number, b: number): boolean => (cmp(a, b) || a - b) > 0;
  for (let i = 0; i < n; i++) {
    if (size < k) {
      let j = size++;
      while (j > 0) {
        const p = (j - 1) >> 1;
        if (!after(i, heap[p]!)) break;
        heap[j] = heap[p]!;
        j = p;
      }
      heap[j] = i;
    } else if (after(heap[0]!, i)) {
      let j = 0;
      for (;;) {
        const l = 2 * j + 1;
        if (l >= k) break;
        const r = l + 1;
        const c = r < k && after(heap[r]!, heap[l]!) ? r : l;
        if (!after(heap[c]!, i)) break;
        heap[j] = heap[c]!;
        j = c;
      }
      heap[j] = i;
    }
  }
  const out = heap.subarray(0, size);
  out.sort((a, b) => cmp(a, b) || a - b);
  return out;
}
