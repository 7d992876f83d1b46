/**
 * Latency statistics: nearest-rank quantiles of a sample and a small summary (count, p50, p99,
 * max, mean) in the unit the sample was taken in.
 */

/** The q-quantile (0 ≤ q ≤ 1) of `values` by nearest rank; NaN for an empty sample. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) return NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length, Math.max(1, Math.ceil(q * sorted.length)));
  return sorted[rank - 1]!;
}

/** Count, median, 99th percentile, maximum and mean of a sample. */
export interface Summary {
  readonly n: number;
  readonly p50: number;
  readonly p99: number;
  readonly max: number;
  readonly mean: number;
}

/** Summarize a sample (NaN fields when it is empty); values are rounded to 3 decimals. */
export function summarize(values: readonly number[]): Summary {
  const round = (x: number): number => Math.round(x * 1000) / 1000;
  const mean = values.length === 0 ? NaN : values.reduce((s, v) => s + v, 0) / values.length;
  return {
    n: values.length,
    p50: round(quantile(values, 0.5)),
    p99: round(quantile(values, 0.99)),
    max: round(quantile(values, 1)),
    mean: round(mean),
  };
}
