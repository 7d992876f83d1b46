/**
 * Projection push-down: walks the plan top-down with the set of columns each node's parent needs and
 * drops everything else, so scans read only the columns the query touches and unused aggregates are
 * not computed. Column indexes in expressions are remapped on the way back up.
 */
import type { BoundExpr } from '../planner/bound.ts';
import { columnsOf, mapColumns } from '../planner/bound.ts';
import type { LogicalPlan } from '../planner/logical.ts';

/** Old output index → new output index (-1 = dropped). */
type ColumnMap = Int32Array;

function remap(e: BoundExpr, map: ColumnMap): BoundExpr {
  return mapColumns(e, (c) => ({ ...c, index: map[c.index]! }));
}

function identity(n: number): ColumnMap {
  const m = new Int32Array(n);
  for (let i = 0; i < n; i++) m[i] = i;
  return m;
}

function addCols(req: Set<number>, exprs: readonly BoundExpr[]): Set<number> {
  const out = new Set(req);
  for (const e of exprs) columnsOf(e, out);
  return out;
}

function prune(p: LogicalPlan, req: Set<number>): { plan: LogicalPlan; map: ColumnMap } {
  switch (p.kind) {
    case 'Values': return { plan: p, map: identity(p.schema.length) };
    case 'Scan': {
      const need = addCols(req, p.filter ? [p.filter] : []);
      const keep = p.schema.map((_, i) => i).filter((i) => need.has(i));
      const map = new Int32Array(p.schema.length).fill(-1);
      keep.forEach((old, i) => { map[old] = i; });
      const plan: LogicalPlan = {
        ...p, schema: keep.map((i) => p.schema[i]!), columns: keep.map((i) => p.columns[i]!),
        ...(p.filter ? { filter: remap(p.filter, map) } : {}),
      };
      return { plan, map };
    }
    case 'Filter': {
      const c = prune(p.input, addCols(req, [p.predicate]));
      return { plan: { ...p, input: c.plan, schema: c.plan.schema, predicate: remap(p.predicate, c.map) }, map: c.map };
    }
    case 'Project': {
      const keep = p.exprs.map((_, i) => i).filter((i) => req.has(i));
      const c = prune(p.input, addCols(new Set(), keep.map((i) => p.exprs[i]!)));
      const map = new Int32Array(p.exprs.length).fill(-1);
      keep.forEach((old, i) => { map[old] = i; });
      return { plan: { ...p, input: c.plan, exprs: keep.map((i) => remap(p.exprs[i]!, c.map)), schema: keep.map((i) => p.schema[i]!) }, map };
    }
    case 'Aggregate': {
      const nk = p.keys.length;
      const keepAggs = p.aggregates.map((_, i) => i).filter((i) => req.has(nk + i));
      const c = prune(p.input, addCols(new Set(), [...p.keys, ...keepAggs.flatMap((i) => p.aggregates[i]!.args)]));
      const map = new Int32Array(p.schema.length).fill(-1);
      for (let i = 0; i < nk; i++) map[i] = i;
      keepAggs.forEach((old, i) => { map[nk + old] = nk + i; });
      return {
        plan: {
          ...p, input: c.plan, keys: p.keys.map((k) => remap(k, c.map)),
          aggregates: keepAggs.map((i) => { const a = p.aggregates[i]!; return { ...a, args: a.args.map((x) => remap(x, c.map)) }; }),
          schema: [...p.schema.slice(0, nk), ...keepAggs.map((i) => p.schema[nk + i]!)],
        },
        map,
      };
    }
    case 'Sort': case 'TopK': {
      const c = prune(p.input, addCols(req, p.keys.map((k) => k.expr)));
      return { plan: { ...p, input: c.plan, schema: c.plan.schema, keys: p.keys.map((k) => ({ ...k, expr: remap(k.expr, c.map) })) }, map: c.map };
    }
    case 'Limit': {
      const c = prune(p.input, req);
      return { plan: { ...p, input: c.plan, schema: c.plan.schema }, map: c.map };
    }
    case 'Distinct': {
      const need = new Set(req);
      for (let i = 0; i < p.columns; i++) need.add(i);
      const c = prune(p.input, need);
      return { plan: { ...p, input: c.plan, schema: c.plan.schema }, map: c.map };
    }
    case 'LimitBy': {
      const c = prune(p.input, addCols(req, p.keys));
      return { plan: { ...p, input: c.plan, schema: c.plan.schema, keys: p.keys.map((k) => remap(k, c.map)) }, map: c.map };
    }
    case 'Join': {
      const nl = p.left.schema.length;
      const lreq = addCols(new Set([...req].filter((i) => i < nl)), p.leftKeys);
      const rreq = addCols(new Set([...req].filter((i) => i >= nl).map((i) => i - nl)), p.rightKeys);
      const l = prune(p.left, lreq);
      const r = prune(p.right, rreq);
      const nlNew = l.plan.schema.length;
      const map = new Int32Array(p.schema.length).fill(-1);
      for (let i = 0; i < nl; i++) map[i] = l.map[i]!;
      for (let i = 0; i < p.right.schema.length; i++) map[nl + i] = r.map[i]! < 0 ? -1 : nlNew + r.map[i]!;
      return {
        plan: {
          ...p, left: l.plan, right: r.plan, schema: [...l.plan.schema, ...r.plan.schema],
          leftKeys: p.leftKeys.map((k) => remap(k, l.map)), rightKeys: p.rightKeys.map((k) => remap(k, r.map)),
        },
        map,
      };
    }
    case 'Union': {
      const keep = p.schema.map((_, i) => i).filter((i) => req.has(i));
      const inputs = p.inputs.map((inp) => {
        const c = prune(inp, new Set(keep));
        const exprs: BoundExpr[] = keep.map((old) => ({ kind: 'col', index: c.map[old]!, type: inp.schema[old]!.type, name: inp.schema[old]!.name }));
        const aligned = exprs.every((e, i) => (e as { index: number }).index === i) && c.plan.schema.length === keep.length;
        return aligned ? c.plan : { kind: 'Project' as const, schema: keep.map((i) => inp.schema[i]!), input: c.plan, exprs };
      });
      const map = new Int32Array(p.schema.length).fill(-1);
      keep.forEach((old, i) => { map[old] = i; });
      return { plan: { ...p, inputs, schema: keep.map((i) => p.schema[i]!) }, map };
    }
  }
}

/** Prune unused columns everywhere below the root (whose columns are all kept). */
export function pruneColumns(plan: LogicalPlan): LogicalPlan {
  return prune(plan, new Set(plan.schema.map((_, i) => i))).plan;
}

/**
 * The plan keeping only the output columns in `required` (and what computing them needs), with the map
 * from old output index to new (-1 = dropped); used by late materialisation to narrow a top-K's input.
 */
export function pruneTo(plan: LogicalPlan, required: ReadonlySet<number>): { plan: LogicalPlan; map: Int32Array } {
  return prune(plan, new Set(required));
}
