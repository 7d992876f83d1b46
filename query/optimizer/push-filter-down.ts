/**
 * Predicate push-down: a Filter moves below Filter (merged), Sort, Project (column references
 * substituted by the projected expressions), Union (copied into every input), Aggregate (conjuncts on
 * group keys only) and Join (conjuncts on one side only; the right side only for INNER joins).
 */
import type { BoundExpr } from '../planner/bound.ts';
import { columnsOf, conjuncts, isVolatile, mapColumns } from '../planner/bound.ts';
import { makeAnd } from '../planner/binder.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

function filter(input: LogicalPlan, preds: readonly BoundExpr[]): LogicalPlan {
  return preds.length === 0 ? input : { kind: 'Filter', schema: input.schema, input, predicate: makeAnd(preds) };
}

/** Push one filter one step down. */
export const pushFilterDown: Rule = {
  name: 'push-filter-down',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Filter' || isVolatile(node.predicate)) return node;
    const pred = node.predicate;
    const input = node.input;
    switch (input.kind) {
      case 'Filter':
        return { ...input, predicate: makeAnd([input.predicate, pred]) };
      case 'Sort':
        return { ...input, input: filter(input.input, [pred]) };
      case 'Union':
        return { ...input, inputs: input.inputs.map((i) => filter(i, [pred])) };
      case 'Project': {
        const used = columnsOf(pred);
        if ([...used].some((i) => isVolatile(input.exprs[i]!))) return node;
        return { ...input, input: filter(input.input, [mapColumns(pred, (c) => input.exprs[c.index]!)]) };
      }
      case 'Aggregate': {
        const nk = input.keys.length;
        const down: BoundExpr[] = []; const keep: BoundExpr[] = [];
        for (const c of conjuncts(pred)) {
          const cols = [...columnsOf(c)];
          if (cols.length > 0 && cols.every((i) => i < nk)) down.push(mapColumns(c, (x) => input.keys[x.index]!));
          else keep.push(c);
        }
        if (down.length === 0) return node;
        return filter({ ...input, input: filter(input.input, down) }, keep);
      }
      case 'Join': {
        const nl = input.left.schema.length;
        const left: BoundExpr[] = []; const right: BoundExpr[] = []; const keep: BoundExpr[] = [];
        for (const c of conjuncts(pred)) {
          const cols = [...columnsOf(c)];
          if (cols.length > 0 && cols.every((i) => i < nl)) left.push(c);
          else if (input.joinType !== 'left' && cols.length > 0 && cols.every((i) => i >= nl)) right.push(mapColumns(c, (x) => ({ ...x, index: x.index - nl })));
          else keep.push(c);
        }
        if (left.length === 0 && right.length === 0) return node;
        return filter({ ...input, left: filter(input.left, left), right: filter(input.right, right) }, keep);
      }
      default: return node;
    }
  },
};
