/** Filter(Scan) → Scan with a fused filter: rows are filtered as they are read, before anything else sees them. */
import { makeAnd } from '../planner/binder.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

/** Fuse a filter into the scan below it. */
export const pushFilterIntoScan: Rule = {
  name: 'push-filter-into-scan',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Filter' || node.input.kind !== 'Scan') return node;
    const scan = node.input;
    return { ...scan, filter: scan.filter ? makeAnd([scan.filter, node.predicate]) : node.predicate };
  },
};
