/**
 * The merge selector: a pure function choosing which neighbouring parts of a partition to merge next.
 *
 * Design. Every insert/flush adds a part; reads get slower with every part, and every merge rewrites
 * its input. We want (1) a bounded number of parts under a stream of tiny inserts and (2) bounded write
 * amplification: each row rewritten O(log N) times, not O(N).
 *
 * (2) comes from a balance rule: a range of parts may merge only when its total size is at least
 * `base` times its largest part. The result is then ≥ base × each input, so a row is rewritten once
 * per factor-of-`base` growth of the part holding it: at most log_base(total / smallest) times. Merging
 * one big part with a few tiny ones (the O(N) pattern) is never allowed at a high base.
 *
 * (1) comes from lowering `base` towards 1 when the partition has many parts (between
 * `minPartsToLowerBase` and `maxPartsToLowerBase`) or when the youngest part of a range has aged
 * (between `minAgeToLowerBase` and `maxAgeToLowerBase` seconds): at base 1 any range is allowed, so
 * the part count cannot grow past `maxPartsToLowerBase` for long, and parts that stopped receiving
 * neighbours are eventually merged together.
 *
 * Among allowed ranges the cheapest per part removed wins: score = (bytes + fixedCost × parts) /
 * (parts − 1); this favours merging many small parts at once. Only contiguous ranges (by block number)
 * are considered, so a merged part's block range stays contiguous; parts already being merged split a
 * partition into separate runs. Ranges larger than `maxBytesToMerge` / `maxRowsToMerge` are skipped
 * (they bound a merge's duration and disk space; its memory is bounded by streaming, see task.ts).
 *
 * The ideas follow ClickHouse's SimpleMergeSelector; the code and the exact formulas are our own.
 */

/** What the selector knows about a part. */
export interface SelectorPart {
  readonly bytes: number;
  readonly rows: number;
  /** Seconds since the part was written. */
  readonly ageSeconds: number;
}

/** Contiguous parts (ascending block numbers) of one partition, none of them being merged. */
export interface SelectorRun {
  readonly parts: readonly SelectorPart[];
  /** Active parts in the run's partition (including parts outside the run). */
  readonly partitionPartCount: number;
}

/** Tuning knobs; see the design note above. */
export interface MergeSelectorSettings {
  readonly base: number;
  readonly maxPartsToMergeAtOnce: number;
  readonly minPartsToLowerBase: number;
  readonly maxPartsToLowerBase: number;
  readonly minAgeToLowerBase: number;
  readonly maxAgeToLowerBase: number;
  readonly fixedCostBytes: number;
  readonly maxBytesToMerge: number;
  readonly maxRowsToMerge: number;
}

/** Defaults: base 5, up to 16 parts per merge, base lowered between 8 and 24 parts or 10 s and 10 min of age. */
export const DEFAULT_SELECTOR_SETTINGS: MergeSelectorSettings = {
  base: 5,
  maxPartsToMergeAtOnce: 16,
  minPartsToLowerBase: 8,
  maxPartsToLowerBase: 24,
  minAgeToLowerBase: 10,
  maxAgeToLowerBase: 600,
  fixedCostBytes: 1 << 20,
  maxBytesToMerge: 2 * 1024 ** 3,
  maxRowsToMerge: 32 * 1024 * 1024,
};

/** The chosen range: parts [start, end) of runs[run]. */
export interface MergeChoice {
  readonly run: number;
  readonly start: number;
  readonly end: number;
}

/** Choose the best range to merge, or null when no range is worth merging now. */
export function selectMerge(runs: readonly SelectorRun[], settings: MergeSelectorSettings = DEFAULT_SELECTOR_SETTINGS): MergeChoice | null {
  let best: MergeChoice | null = null;
  let bestScore = Infinity;
  for (let r = 0; r < runs.length; r++) {
    const { parts, partitionPartCount } = runs[r]!;
    const countFactor = ramp(partitionPartCount, settings.minPartsToLowerBase, settings.maxPartsToLowerBase);
    for (let start = 0; start + 1 < parts.length; start++) {
      let bytes = parts[start]!.bytes;
      let rows = parts[start]!.rows;
      let maxBytes = bytes;
      let minAge = parts[start]!.ageSeconds;
      const limit = Math.min(parts.length, start + settings.maxPartsToMergeAtOnce);
      for (let end = start + 2; end <= limit; end++) {
        const p = parts[end - 1]!;
        bytes += p.bytes;
        rows += p.rows;
        if (p.bytes > maxBytes) maxBytes = p.bytes;
        if (p.ageSeconds < minAge) minAge = p.ageSeconds;
        if (bytes > settings.maxBytesToMerge || rows > settings.maxRowsToMerge) break;
        const lower = Math.max(countFactor, ramp(minAge, settings.minAgeToLowerBase, settings.maxAgeToLowerBase));
        const base = settings.base - (settings.base - 1) * lower;
        if (bytes < base * maxBytes) continue;
        const score = (bytes + settings.fixedCostBytes * (end - start)) / (end - start - 1);
        if (score < bestScore) {
          bestScore = score;
          best = { run: r, start, end };
        }
      }
    }
  }
  return best;
}

/** 0 below lo, 1 above hi, linear in between. */
function ramp(x: number, lo: number, hi: number): number {
  if (x <= lo) return 0;
  if (x >= hi) return 1;
  return (x - lo) / (hi - lo);
}
