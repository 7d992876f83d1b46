/**
 * Optimizer rules: each rewrites one plan node (its children already rewritten) and returns the node
 * itself when it does not apply, so the driver can detect the fixed point by identity.
 */
import type { LogicalPlan } from '../planner/logical.ts';
import { childrenOf, withChildren } from '../planner/logical.ts';

/** A local rewrite of one node. */
export interface Rule {
  readonly name: string;
  apply(node: LogicalPlan): LogicalPlan;
}

/** Apply `rule` bottom-up over the whole tree once. */
export function applyBottomUp(plan: LogicalPlan, rule: Rule): LogicalPlan {
  const kids = childrenOf(plan).map((c) => applyBottomUp(c, rule));
  return rule.apply(withChildren(plan, kids));
}
