/**
 * Width hints for parallel GROUP BYs: the main thread remembers, per aggregation plan, how many groups
 * its last parallel run ended with for the rows the workers folded in. Where the keys are nearly unique
 * (groups ≥ NEAR_UNIQUE · rows) partial aggregation saves nothing: two workers each read the rows and
 * build tables as large as their input, then exchange and merge them, and on a two-core machine that
 * cost more than it saved. Fresh-server runs 2–3 of ClickBench queries, one worker against two:
 * Q33 (groups = rows) 2.08–2.10 vs 2.64–2.88 s, Q32 (1.0) 0.32–0.34 vs 0.51–0.52 s, Q31 (0.7) 0.38–0.41
 * vs 0.48–0.50 s, Q15 (0.37) 0.33 vs 0.36–0.43 s; but Q17 (0.25) 1.57–1.71 vs 1.23–1.49 s and Q16 (0.1)
 * mixed. So the next run of such a plan gets one worker; a hint only picks a width, never a result.
 * Only where the aggregation sees a fair share of the rows read, though: behind a selective filter
 * (Q22: `URL LIKE '%google%'`, 0.5% of the rows folded) the scan and filter are the work, they split
 * well, and one worker was 1.7× slower (fresh-server runs 3–5: 0.41–0.48 vs 0.25–0.27 s).
 */

/** Groups per folded row at or above which a GROUP BY is planned on one worker next time. */
export const NEAR_UNIQUE = 0.3;
/** Share of the rows read that must reach the aggregation for the one-worker plan. */
export const MIN_FOLDED_SHARE = 0.05;
/** Runs that folded fewer rows say little about the next one. */
const MIN_ROWS = 10_000;
/** Plans remembered (least recently recorded dropped first). */
const MAX_ENTRIES = 256;

const ratios = new Map<string, number>();

/**
 * Remember that the plan `key` ended with `groups` groups (summed over its workers) for `folded` rows
 * folded in, of `read` rows read.
 */
export function recordGroupRatio(key: string, groups: number, folded: number, read: number): void {
  if (folded < MIN_ROWS) return;
  ratios.delete(key);
  ratios.set(key, folded >= MIN_FOLDED_SHARE * read ? groups / folded : 0);
  if (ratios.size > MAX_ENTRIES) ratios.delete(ratios.keys().next().value!);
}

/** True when the last recorded run of the plan `key` folded a fair share of its rows into nearly unique keys. */
export function nearUnique(key: string): boolean {
  return (ratios.get(key) ?? 0) >= NEAR_UNIQUE;
}
