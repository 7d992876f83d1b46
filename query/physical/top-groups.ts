/**
 * ORDER BY … LIMIT over the groups of an aggregate, decided before the groups' key columns exist.
 * When the sort keys, seen through the projections above the aggregate, read aggregate values only
 * (`ORDER BY count() DESC`), the best `limit` groups are picked from the aggregate outputs alone, and
 * only their keys are built — not the URL bytes of two million groups to return ten rows.
 * Ties rank by group id, as they do when the top-K reads the groups in id order.
 */
import { columnsOf, isVolatile, mapColumns, type BoundExpr } from '../planner/bound.ts';
import type { SortKey } from '../planner/logical.ts';
import type { GroupColumns } from './aggregate-table.ts';
import { Evaluator } from './evaluator.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { sortedOrder } from './sort.ts';

/** An operator between the aggregate and the top-K: a projection (a filter stops the early pick). */
export type StepAboveAggregate = { readonly kind: 'filter' } | { readonly kind: 'project'; readonly exprs: readonly BoundExpr[] };

/**
 * `keys` (over the rows after `steps`) rewritten over the aggregate outputs (output column j = aggregate
 * column nk + j), or null when a step filters or a key reads a group key or is volatile.
 */
export function keysOverAggregates(steps: readonly StepAboveAggregate[], keys: readonly SortKey[], nk: number): SortKey[] | null {
  let exprs = keys.map((k) => k.expr);
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i]!;
    if (s.kind !== 'project') return null;
    exprs = exprs.map((e) => mapColumns(e, (c) => s.exprs[c.index]!));
  }
  for (const e of exprs) {
    if (isVolatile(e)) return null;
    for (const c of columnsOf(e)) if (c < nk) return null;
  }
  return keys.map((k, i) => ({ ...k, expr: mapColumns(exprs[i]!, (c) => ({ ...c, index: c.index - nk })) }));
}

/**
 * Ascending ids of the best `limit` of the groups `rows` (ascending; every group 0..groups-1 when null)
 * by `keys` over the aggregate `columns`, or null when the pick would keep most of them anyway. Only
 * the columns the keys read are evaluated here.
 */
export async function topGroups(columns: GroupColumns, groups: number, rows: Uint32Array | null, keys: readonly SortKey[],
  limit: number, ctx: ExecContext): Promise<Uint32Array | null> {
  const n = rows === null ? groups : rows.length;
  if (4 * limit >= n) return null;
  const read = [...new Set(keys.flatMap((k) => [...columnsOf(k.expr)]))].sort((a, b) => a - b);
  const at = new Map(read.map((c, j) => [c, j]));
  const cols = read.map((c) => rows === null ? columns.all(c) : columns.at(c, rows));
  const over = keys.map((k) => ({ ...k, expr: mapColumns(k.expr, (c) => ({ ...c, index: at.get(c.index)! })) }));
  const order = await sortedOrder(cols, n, over, new Evaluator(over.map((k) => k.expr)), ctx, limit);
  const best = new Uint32Array(order.length);
  for (let i = 0; i < order.length; i++) best[i] = rows === null ? order[i]! : rows[order[i]!]!;
  return best.sort();
}

/** What a HashAggregateExec emits when a top-K above it picks groups by aggregate values (see pickTopGroups). */
export interface GroupPick {
  /** Sort keys over the aggregate outputs (keysOverAggregates). */
  readonly keys: readonly SortKey[];
  /** limit + offset of the top-K. */
  readonly limit: number;
  /** The top-K reports rows before its limit: the aggregate then reports its group count. */
  readonly countRowsBeforeLimit: boolean;
}

/** The parts of a single-mode HashAggregateExec that pickTopGroups reads and sets. */
interface PickableAggregate extends PhysicalOperator { readonly mode: string; readonly keys: readonly unknown[]; pick: GroupPick | null }

/**
 * A top-K (ORDER BY keys LIMIT limit, offset included) over `input`: when input is projections over a
 * single-mode HashAggregate and the keys read aggregate values only, tell the aggregate to emit just
 * its best groups (the top-K still orders them).
 */
export function pickTopGroups(input: PhysicalOperator, keys: readonly SortKey[], limit: number, countRowsBeforeLimit: boolean): void {
  const steps: StepAboveAggregate[] = [];
  let op = input;
  while (op.name === 'Project') {
    steps.unshift({ kind: 'project', exprs: (op as PhysicalOperator & { readonly exprs: readonly BoundExpr[] }).exprs });
    op = op.children[0]!;
  }
  if (op.name !== 'HashAggregate') return;
  const agg = op as PickableAggregate;
  if (agg.mode !== 'single' || agg.keys.length === 0) return;
  const over = keysOverAggregates(steps, keys, agg.keys.length);
  if (over !== null) agg.pick = { keys: over, limit, countRowsBeforeLimit };
}
