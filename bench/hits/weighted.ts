/**
 * Sampling an index from fixed weights in O(1) expected time: the cumulative distribution plus a
 * bucket table that jumps close to the answer, followed by a short linear scan.
 */

const BUCKETS = 4096;

/** A categorical distribution over indexes 0..n-1. */
export class WeightedTable {
  private readonly cdf: Float64Array;
  private readonly start: Uint32Array;

  /** Build from non-negative weights (at least one positive). */
  constructor(weights: ArrayLike<number>) {
    const n = weights.length;
    let total = 0;
    for (let i = 0; i < n; i++) total += weights[i]!;
    if (!(total > 0)) throw new Error('WeightedTable needs a positive total weight');
    this.cdf = new Float64Array(n);
    let acc = 0;
    for (let i = 0; i < n; i++) {
      acc += weights[i]!;
      this.cdf[i] = acc / total;
    }
    this.cdf[n - 1] = 1;
    this.start = new Uint32Array(BUCKETS);
    let k = 0;
    for (let b = 0; b < BUCKETS; b++) {
      while (this.cdf[k]! <= b / BUCKETS) k++;
      this.start[b] = k;
    }
  }

  /** The index whose cumulative interval holds u ∈ [0, 1). */
  pick(u: number): number {
    const cdf = this.cdf;
    let k = this.start[Math.floor(u * BUCKETS)]!;
    while (cdf[k]! <= u) k++;
    return k;
  }

  /** Probability of index i. */
  probability(i: number): number {
    return this.cdf[i]! - (i > 0 ? this.cdf[i - 1]! : 0);
  }
}

/** Weights w_k = 1 / (k + 1)^s for k in 0..n-1 (Zipf's law with exponent s). */
export function zipfWeights(n: number, s: number): Float64Array {
  const w = new Float64Array(n);
  for (let k = 0; k < n; k++) w[k] = 1 / Math.pow(k + 1, s);
  return w;
}
