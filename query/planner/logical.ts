/**
 * The logical plan: a tree of relational nodes, each with its output schema. Expressions refer to the
 * child's output columns by index (for Join: left columns, then right columns).
 */
import type { Batch } from '../../src/core/batch.ts';
import type { ColumnRange, TableSource } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import type { AggregateCall, BoundExpr } from './bound.ts';

/** One ORDER BY key over the input columns. */
export interface SortKey { readonly expr: BoundExpr; readonly desc: boolean; readonly nullsFirst: boolean }

/** Read `columns` of a table; `filter` (over the scan output) and `ranges` are pushed down by the optimizer. */
export interface ScanNode {
  readonly kind: 'Scan'; readonly schema: readonly Field[];
  readonly table: TableSource; readonly columns: readonly string[];
  readonly filter?: BoundExpr; readonly ranges: readonly ColumnRange[];
}

/** Constant rows (SELECT without FROM reads one row of `dummy`). */
export interface ValuesNode { readonly kind: 'Values'; readonly schema: readonly Field[]; readonly batches: readonly Batch[] }

/** Keep rows where `predicate` is true (non-zero, not NULL). */
export interface FilterNode { readonly kind: 'Filter'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly predicate: BoundExpr }

/** Compute `exprs`, one output column each. */
export interface ProjectNode { readonly kind: 'Project'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly exprs: readonly BoundExpr[] }

/** Group by `keys`; output: the keys, then one column per aggregate. */
export interface AggregateNode {
  readonly kind: 'Aggregate'; readonly schema: readonly Field[]; readonly input: LogicalPlan;
  readonly keys: readonly BoundExpr[]; readonly aggregates: readonly AggregateCall[];
}

/** Full sort. */
export interface SortNode { readonly kind: 'Sort'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly keys: readonly SortKey[] }

/** Skip `offset` rows, then keep `limit` rows (limit undefined = all). */
export interface LimitNode { readonly kind: 'Limit'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly limit?: number; readonly offset: number }

/** ORDER BY … LIMIT as one node: the first offset+limit rows in sort order, then the offset skipped. */
export interface TopKNode {
  readonly kind: 'TopK'; readonly schema: readonly Field[]; readonly input: LogicalPlan;
  readonly keys: readonly SortKey[]; readonly limit: number; readonly offset: number;
}

/** Remove duplicate rows (all columns, or the first `columns` columns). */
export interface DistinctNode { readonly kind: 'Distinct'; readonly schema: readonly Field[]; readonly input: LogicalPlan; readonly columns: number }

/** `LIMIT n [OFFSET m] BY keys`: at most n rows per key, after skipping m. */
export interface LimitByNode {
  readonly kind: 'LimitBy'; readonly schema: readonly Field[]; readonly input: LogicalPlan;
  readonly keys: readonly BoundExpr[]; readonly limit: number; readonly offset: number;
}

/** Equi-join; output: left columns then right columns. Unmatched LEFT rows get default right values. */
export interface JoinNode {
  readonly kind: 'Join'; readonly schema: readonly Field[]; readonly joinType: 'inner' | 'left' | 'cross';
  readonly left: LogicalPlan; readonly right: LogicalPlan;
  readonly leftKeys: readonly BoundExpr[]; readonly rightKeys: readonly BoundExpr[];
}

/** UNION ALL of inputs with identical schemas. */
export interface UnionNode { readonly kind: 'Union'; readonly schema: readonly Field[]; readonly inputs: readonly LogicalPlan[] }

/** Any logical plan node. */
export type LogicalPlan = ScanNode | ValuesNode | FilterNode | ProjectNode | AggregateNode | SortNode | LimitNode
  | TopKNode | DistinctNode | LimitByNode | JoinNode | UnionNode;

/** The node's inputs. */
export function childrenOf(p: LogicalPlan): LogicalPlan[] {
  switch (p.kind) {
    case 'Scan': case 'Values': return [];
    case 'Join': return [p.left, p.right];
    case 'Union': return [...p.inputs];
    default: return [p.input];
  }
}

/** The same node over new inputs (returns `p` itself when nothing changed). */
export function withChildren(p: LogicalPlan, children: readonly LogicalPlan[]): LogicalPlan {
  const old = childrenOf(p);
  if (old.length === children.length && old.every((c, i) => c === children[i])) return p;
  switch (p.kind) {
    case 'Scan': case 'Values': return p;
    case 'Join': return { ...p, left: children[0]!, right: children[1]! };
    case 'Union': return { ...p, inputs: [...children] };
    default: return { ...p, input: children[0]! } as LogicalPlan;
  }
}

/** Rewrite every expression held by a node (not its children). */
export function mapNodeExprs(p: LogicalPlan, f: (e: BoundExpr) => BoundExpr): LogicalPlan {
  switch (p.kind) {
    case 'Scan': return p.filter ? { ...p, filter: f(p.filter) } : p;
    case 'Values': case 'Limit': case 'Distinct': case 'Union': return p;
    case 'Filter': return { ...p, predicate: f(p.predicate) };
    case 'Project': return { ...p, exprs: p.exprs.map(f) };
    case 'Aggregate': return { ...p, keys: p.keys.map(f), aggregates: p.aggregates.map((a) => ({ ...a, args: a.args.map(f) })) };
    case 'Sort': return { ...p, keys: p.keys.map((k) => ({ ...k, expr: f(k.expr) })) };
    case 'TopK': return { ...p, keys: p.keys.map((k) => ({ ...k, expr: f(k.expr) })) };
    case 'LimitBy': return { ...p, keys: p.keys.map(f) };
    case 'Join': return { ...p, leftKeys: p.leftKeys.map(f), rightKeys: p.rightKeys.map(f) };
  }
}
