/** Limit(Sort) → TopK: ORDER BY … LIMIT n keeps only the best n + offset rows instead of sorting all. */
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

/** The TopK rule. */
export const sortLimitToTopK: Rule = {
  name: 'sort-limit-to-topk',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Limit' || node.limit === undefined || node.input.kind !== 'Sort') return node;
    const sort = node.input;
    return { kind: 'TopK', schema: node.schema, input: sort.input, keys: sort.keys, limit: node.limit, offset: node.offset };
  },
};
