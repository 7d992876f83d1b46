/**
 * Constant folding: calls whose arguments are all constants are evaluated once at plan time through
 * the same kernels (volatile functions such as now() and rand() are left alone). A filter whose
 * predicate folds to true disappears.
 */
import type { BoundExpr } from '../planner/bound.ts';
import { evaluateConstant } from '../planner/evaluate-constant.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import { mapNodeExprs } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

/** Fold constant subexpressions; returns `e` itself when nothing folds. */
export function foldExpr(e: BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'call': {
      const args = e.args.map(foldExpr);
      const changed = args.some((a, i) => a !== e.args[i]);
      const call = changed ? { ...e, args } : e;
      if (!e.volatile && args.every((a) => a.kind === 'const')) {
        const v = evaluateConstant(call);
        if (v !== undefined) return { kind: 'const', value: v, type: e.type };
      }
      return call;
    }
    case 'in': {
      const inner = foldExpr(e.expr);
      const node = inner === e.expr ? e : { ...e, expr: inner };
      if (inner.kind === 'const') {
        const v = evaluateConstant(node);
        if (v !== undefined) return { kind: 'const', value: v, type: e.type };
      }
      return node;
    }
    case 'inSubquery': {
      const inner = foldExpr(e.expr);
      return inner === e.expr ? e : { ...e, expr: inner };
    }
    default: return e;
  }
}

function isTrue(e: BoundExpr): boolean {
  return e.kind === 'const' && e.value !== null && e.value !== 0 && e.value !== false && e.value !== 0n;
}

/** The constant-folding rule. */
export const foldConstants: Rule = {
  name: 'fold-constants',
  apply(node: LogicalPlan): LogicalPlan {
    let changed = false;
    const out = mapNodeExprs(node, (e) => { const f = foldExpr(e); if (f !== e) changed = true; return f; });
    const res = changed ? out : node;
    if (res.kind === 'Filter' && isTrue(res.predicate)) return res.input;
    if (res.kind === 'Scan' && res.filter && isTrue(res.filter)) { const { filter: _f, ...rest } = res; return rest; }
    return res;
  },
};
