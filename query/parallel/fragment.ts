/**
 * Plan fragments: the part of a query every partition runs by itself — scan → filter/project steps →
 * a sink (partial aggregation, partial top-K, or the rows themselves). A fragment is plain data (bound
 * expressions, fields), so it is shipped to worker threads as is; {@link buildFragment} turns it into
 * the same physical operators on the main thread and in the workers.
 */
import type { Field } from '../../src/core/types.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import type { SortKey } from '../planner/logical.ts';
import type { AggregateExchange } from './exchange.ts';
import { FilterExec } from '../physical/filter.ts';
import { HashAggregateExec } from '../physical/hash-aggregate.ts';
import { LimitExec } from '../physical/limit.ts';
import type { PhysicalOperator } from '../physical/operator.ts';
import { ProjectExec } from '../physical/project.ts';
import { TopKExec } from '../physical/topk.ts';

/** One operator between the scan and the sink. */
export type FragmentStep =
  | { readonly kind: 'filter'; readonly predicate: BoundExpr }
  | { readonly kind: 'project'; readonly exprs: readonly BoundExpr[]; readonly schema: readonly Field[] };

/**
 * What a partition produces:
 * - `aggregate`: keys + accumulator states of its rows (HashAggregate in partial mode), once at the end;
 *   with `exchange`, partitions with many groups then merge a hash share of everyone's (exchange.ts);
 * - `topK`: its best `limit` rows by `keys`, once at the end;
 * - `rows`: the rows of each unit (at most `limit` per unit), unit by unit.
 */
export type FragmentSink =
  | { readonly kind: 'aggregate'; readonly keys: readonly BoundExpr[]; readonly aggregates: readonly AggregateCall[]; readonly schema: readonly Field[];
      readonly exchange?: AggregateExchange }
  | { readonly kind: 'topK'; readonly keys: readonly SortKey[]; readonly limit: number }
  | { readonly kind: 'rows'; readonly limit?: number };

/** The work of one partition, as plain data. */
export interface Fragment {
  /** Scan output: the requested columns, then the two ordinal columns when `ordinals` is set. */
  readonly scanSchema: readonly Field[];
  /** Predicate fused into the scan, over `scanSchema`. */
  readonly filter?: BoundExpr;
  /** Append (unit ordinal, row in unit) as UInt32 columns: a total order on rows, for stable top-K ties. */
  readonly ordinals: boolean;
  readonly steps: readonly FragmentStep[];
  readonly sink: FragmentSink;
  /** Rows per batch. */
  readonly batchRows: number;
}

/** The operators of a fragment over a scan operator that yields `scanSchema` batches. */
export function buildFragment(f: Fragment, scan: PhysicalOperator): PhysicalOperator {
  let op = scan;
  for (const s of f.steps) op = s.kind === 'filter' ? new FilterExec(op, s.predicate) : new ProjectExec(op, s.exprs, s.schema);
  switch (f.sink.kind) {
    case 'aggregate': return new HashAggregateExec(op, f.sink.keys, f.sink.aggregates, f.sink.schema, 'partial');
    case 'topK': return new TopKExec(op, f.sink.keys, f.sink.limit, 0, true);
    case 'rows': return f.sink.limit === undefined ? op : new LimitExec(op, f.sink.limit, 0);
  }
}
