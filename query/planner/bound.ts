/**
 * Bound expressions: names resolved to input column indexes, types known, functions named by their
 * registry name. Plain data (no closures), so a plan fragment can be shipped to a worker as is.
 */
import type { DataType, Scalar } from '../../src/core/types.ts';
import type { LogicalPlan } from './logical.ts';

/** Input column `index` of the operator that evaluates the expression. */
export interface ColExpr { readonly kind: 'col'; readonly index: number; readonly type: DataType; readonly name: string }

/** A typed constant; 64-bit integers are bigints, Bool is boolean, Date days, DateTime seconds. */
export interface ConstExpr { readonly kind: 'const'; readonly value: Scalar; readonly type: DataType }

/** A scalar function call resolved through the registry. */
export interface CallExpr { readonly kind: 'call'; readonly fn: string; readonly args: readonly BoundExpr[]; readonly type: DataType; readonly volatile?: boolean }

/** `expr [NOT] IN (constants)`; `values` are already converted to `expr`'s representation. */
export interface InExpr { readonly kind: 'in'; readonly expr: BoundExpr; readonly values: readonly Scalar[]; readonly negated: boolean; readonly type: DataType }

/** `expr [NOT] IN (SELECT ...)`: replaced by an InExpr once the subquery ran. */
export interface InSubqueryExpr { readonly kind: 'inSubquery'; readonly expr: BoundExpr; readonly plan: LogicalPlan; readonly negated: boolean; readonly type: DataType }

/** A scalar subquery: replaced by a ConstExpr once it ran. */
export interface SubqueryExpr { readonly kind: 'subquery'; readonly plan: LogicalPlan; readonly type: DataType }

/** An aggregate call; only exists while binding, before the Aggregate node replaces it with a column. */
export interface AggExpr {
  readonly kind: 'agg'; readonly fn: string; readonly args: readonly BoundExpr[]; readonly params: readonly Scalar[];
  readonly type: DataType; readonly name: string;
}

/** Any bound expression. */
export type BoundExpr = ColExpr | ConstExpr | CallExpr | InExpr | InSubqueryExpr | SubqueryExpr | AggExpr;

/** An aggregate computed by an Aggregate node. */
export interface AggregateCall {
  readonly fn: string;
  readonly args: readonly BoundExpr[];
  readonly params: readonly Scalar[];
  readonly type: DataType;
  readonly name: string;
}

/** A structural key of an expression: equal keys mean equal expressions (CSE, GROUP BY matching). */
export function exprKey(e: BoundExpr): string {
  switch (e.kind) {
    case 'col': return `#${e.index}`;
    case 'const': return `${scalarKey(e.value)}:${e.type.kind}${e.type.nullable ? '?' : ''}`;
    case 'call': return `${e.fn}(${e.args.map(exprKey).join(',')})`;
    case 'in': return `${exprKey(e.expr)} ${e.negated ? 'not ' : ''}in[${e.values.map(scalarKey).join(',')}]`;
    case 'inSubquery': return `${exprKey(e.expr)} in subquery@${subqueryId(e.plan)}`;
    case 'subquery': return `subquery@${subqueryId(e.plan)}`;
    case 'agg': return `agg:${e.fn}[${e.params.map(String).join(',')}](${e.args.map(exprKey).join(',')})`;
  }
}

/** A constant's identity as text: distinguishes NaN, ±Infinity, -0, bigints and strings. */
function scalarKey(v: unknown): string {
  if (typeof v === 'bigint') return `${v}n`;
  if (typeof v === 'number') return Object.is(v, -0) ? '-0' : String(v);
  return JSON.stringify(v);
}

const planIds = new WeakMap<object, number>();
let nextPlanId = 1;
function subqueryId(p: LogicalPlan): number {
  let id = planIds.get(p);
  if (id === undefined) { id = nextPlanId++; planIds.set(p, id); }
  return id;
}

/** Column indexes an expression reads. */
export function columnsOf(e: BoundExpr, out: Set<number> = new Set()): Set<number> {
  switch (e.kind) {
    case 'col': out.add(e.index); break;
    case 'call': case 'agg': for (const a of e.args) columnsOf(a, out); break;
    case 'in': case 'inSubquery': columnsOf(e.expr, out); break;
    default: break;
  }
  return out;
}

/** Rewrite every column reference (bottom-up). */
export function mapColumns(e: BoundExpr, f: (c: ColExpr) => BoundExpr): BoundExpr {
  switch (e.kind) {
    case 'col': return f(e);
    case 'call': return { ...e, args: e.args.map((a) => mapColumns(a, f)) };
    case 'agg': return { ...e, args: e.args.map((a) => mapColumns(a, f)) };
    case 'in': return { ...e, expr: mapColumns(e.expr, f) };
    case 'inSubquery': return { ...e, expr: mapColumns(e.expr, f) };
    default: return e;
  }
}

/** Split a predicate into its AND-ed conjuncts. */
export function conjuncts(e: BoundExpr): BoundExpr[] {
  if (e.kind === 'call' && e.fn === 'and') return e.args.flatMap(conjuncts);
  return [e];
}

/** True when the expression contains a volatile call or a subquery (never folded or duplicated). */
export function isVolatile(e: BoundExpr): boolean {
  switch (e.kind) {
    case 'call': return e.volatile === true || e.args.some(isVolatile);
    case 'in': return isVolatile(e.expr);
    case 'inSubquery': case 'subquery': return true;
    case 'agg': return true;
    default: return false;
  }
}
