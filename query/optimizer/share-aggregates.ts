/**
 * Aggregate sharing: an Aggregate computes each distinct aggregate call once, and `sum(x ± k)` over an
 * integer column x and an integer constant k becomes `sum(x) ± k * count(x)` (as ClickHouse rewrites
 * it), so `sum(x), sum(x + 1), …, sum(x + 89)` reads x into two accumulators instead of ninety. The
 * identity is exact: integer sums and the 64-bit arithmetic restoring them both wrap modulo 2^64, and
 * the rewrite is kept only when the restored expression has the original result type.
 *
 * Aggregate → Project(Aggregate'): the projection restores the original schema (keys, then one
 * column per original aggregate), so the nodes above are unchanged.
 */
import { isInteger, T } from '../../src/core/types.ts';
import { findAggregate } from '../functions/registry.ts';
import { makeCall } from '../planner/binder.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import { exprKey } from '../planner/bound.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

/** `x ± k` with x a non-nullable integer expression and k an integer constant, or null. */
function shiftedSum(a: AggregateCall): { x: BoundExpr; k: BoundExpr; op: 'plus' | 'minus' } | null {
  if (findAggregate(a.fn)?.name !== 'sum' || a.args.length !== 1 || a.params.length > 0) return null;
  const e = a.args[0]!;
  if (e.kind !== 'call' || (e.fn !== 'plus' && e.fn !== 'minus') || e.args.length !== 2 || !isInteger(e.type)) return null;
  const [l, r] = e.args as [BoundExpr, BoundExpr];
  const plain = (c: BoundExpr): boolean => c.kind !== 'const' && isInteger(c.type) && !c.type.nullable;
  const constant = (c: BoundExpr): boolean => c.kind === 'const' && c.value !== null && isInteger(c.type);
  if (plain(l) && constant(r)) return { x: l, k: r, op: e.fn };
  if (e.fn === 'plus' && constant(l) && plain(r)) return { x: r, k: l, op: 'plus' };
  return null;
}

function formatName(e: BoundExpr): string {
  return e.kind === 'col' ? e.name : exprKey(e);
}

/** The aggregate-sharing rule. */
export const shareAggregates: Rule = {
  name: 'share-aggregates',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Aggregate') return node;
    const nk = node.keys.length;
    const calls: AggregateCall[] = [];
    const slots = new Map<string, number>();
    /** Output column of the new Aggregate computing `a` (added when new). */
    const slot = (a: AggregateCall): BoundExpr => {
      const key = `${findAggregate(a.fn)?.name ?? a.fn}[${a.params.map(String).join(',')}](${a.args.map(exprKey).join(',')})`;
      let i = slots.get(key);
      if (i === undefined) {
        i = calls.length;
        slots.set(key, i);
        calls.push({ ...a, name: `${a.name}#${i}` });
      }
      return { kind: 'col', index: nk + i, type: calls[i]!.type, name: calls[i]!.name };
    };
    let changed = false;
    const outputs: BoundExpr[] = node.aggregates.map((a) => {
      const s = shiftedSum(a);
      if (s !== null) {
        const sumType = findAggregate('sum')!.returnType([s.x.type], []);
        const sumX = slot({ fn: 'sum', args: [s.x], params: [], type: sumType, name: `sum(${formatName(s.x)})` });
        const count = slot({ fn: 'count', args: [], params: [], type: T.UInt64, name: 'count()' });
        const restored = makeCall(s.op, [sumX, makeCall('multiply', [count, s.k])]);
        if (restored.type.kind === a.type.kind && restored.type.nullable === a.type.nullable) {
          changed = true;
          return restored;
        }
      }
      const before = calls.length;
      const out = slot(a);
      if (calls.length === before) changed = true;
      return out;
    });
    if (!changed) return node;
    const schema = [...node.schema.slice(0, nk), ...calls.map((c) => ({ name: c.name, type: c.type }))];
    const inner: LogicalPlan = { ...node, schema, aggregates: calls };
    const exprs: BoundExpr[] = [
      ...node.keys.map((_, i): BoundExpr => ({ kind: 'col', index: i, type: node.schema[i]!.type, name: node.schema[i]!.name })),
      ...outputs,
    ];
    return { kind: 'Project', schema: node.schema, input: inner, exprs };
  },
};
