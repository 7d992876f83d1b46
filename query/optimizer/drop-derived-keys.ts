/**
 * Derived GROUP BY keys: a key that is a constant, or a non-volatile function of other keys, does not
 * split groups, so the Aggregate groups by the remaining keys only and the derived key is computed
 * once per group afterwards (as ClickHouse's optimize_group_by_function_keys does). So
 * `GROUP BY ClientIP, ClientIP - 1, ClientIP - 2` groups on one integer and `GROUP BY 1, URL` on URL.
 * At least one key always remains: without keys an Aggregate yields a row even over no input.
 *
 * Aggregate → Project(Aggregate'): the projection restores the original schema (keys, then the
 * aggregates), so the nodes above are unchanged.
 */
import type { BoundExpr } from '../planner/bound.ts';
import { exprKey, isVolatile } from '../planner/bound.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

/** `e` over the outputs of the kept keys (keyed by exprKey → output index), or null when not derivable. */
function derive(e: BoundExpr, kept: ReadonlyMap<string, BoundExpr>): BoundExpr | null {
  const k = kept.get(exprKey(e));
  if (k !== undefined) return k;
  if (e.kind === 'const') return e;
  if (e.kind !== 'call' || isVolatile(e)) return null;
  const args: BoundExpr[] = [];
  for (const a of e.args) {
    const d = derive(a, kept);
    if (d === null) return null;
    args.push(d);
  }
  return { ...e, args };
}

/** The derived-keys rule. */
export const dropDerivedKeys: Rule = {
  name: 'drop-derived-keys',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Aggregate' || node.keys.length < 2) return node;
    const keep = node.keys.map((k) => k.kind !== 'call' && k.kind !== 'const');
    if (!keep.includes(true)) return node;
    // Output index of each kept key, by expression; filled in key order (a key derives from earlier ones).
    const kept = new Map<string, BoundExpr>();
    const newIndex: number[] = [];
    const outputs: (BoundExpr | null)[] = node.keys.map(() => null);
    const place = (i: number): void => {
      const index = newIndex.length;
      newIndex.push(i);
      const ref: BoundExpr = { kind: 'col', index, type: node.schema[i]!.type, name: node.schema[i]!.name };
      kept.set(exprKey(node.keys[i]!), ref);
      outputs[i] = ref;
    };
    node.keys.forEach((_, i) => { if (keep[i]) place(i); });
    node.keys.forEach((k, i) => {
      if (keep[i]) return;
      const d = derive(k, kept);
      if (d === null) place(i);
      else outputs[i] = d;
    });
    if (newIndex.length === node.keys.length) return node;
    const nk = newIndex.length;
    const schema = [...newIndex.map((i) => node.schema[i]!), ...node.schema.slice(node.keys.length)];
    const inner: LogicalPlan = { ...node, schema, keys: newIndex.map((i) => node.keys[i]!) };
    const exprs: BoundExpr[] = [
      ...outputs.map((o) => o!),
      ...node.aggregates.map((a, j): BoundExpr => ({ kind: 'col', index: nk + j, type: node.schema[node.keys.length + j]!.type, name: a.name })),
    ];
    return { kind: 'Project', schema: node.schema, input: inner, exprs };
  },
};
