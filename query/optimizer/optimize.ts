/**
 * The optimizer driver: local rules (constant folding, filter push-down and fusion into scans,
 * Sort+Limit → TopK, derived GROUP BY keys dropped, aggregate sharing) run bottom-up until the plan
 * stops changing; then unused columns are pruned and pruning ranges extracted from the scans' filters.
 */
import type { LogicalPlan } from '../planner/logical.ts';
import { dropDerivedKeys } from './drop-derived-keys.ts';
import { extractScanRanges } from './extract-ranges.ts';
import { foldConstants } from './fold-constants.ts';
import { pruneColumns } from './prune-columns.ts';
import { pushFilterDown } from './push-filter-down.ts';
import { pushFilterIntoScan } from './push-filter-into-scan.ts';
import type { Rule } from './rule.ts';
import { applyBottomUp } from './rule.ts';
import { shareAggregates } from './share-aggregates.ts';
import { sortLimitToTopK } from './sort-limit-to-topk.ts';

const RULES: readonly Rule[] = [foldConstants, pushFilterDown, pushFilterIntoScan, sortLimitToTopK, dropDerivedKeys, shareAggregates];
const MAX_PASSES = 32;

/** Optimize a bound plan. */
export function optimize(plan: LogicalPlan): LogicalPlan {
  for (let pass = 0; pass < MAX_PASSES; pass++) {
    let next = plan;
    for (const r of RULES) next = applyBottomUp(next, r);
    if (next === plan) break;
    plan = next;
  }
  return applyBottomUp(pruneColumns(plan), extractScanRanges);
}
