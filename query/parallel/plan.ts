/**
 * Parallel physical planning: recognizes the plan shapes that run partitioned — an aggregate, a top-K
 * or a filtered LIMIT over a chain of filters and projections on a table scan — and rewrites them into
 * a {@link GatherExec} of a plan fragment plus the step that combines the partitions' outputs:
 * - Aggregate → HashAggregate (final) ← Gather ← [HashAggregate (partial) ← chain]; with GROUP BY keys,
 *   Gather (exchange) ← [HashAggregate (partial) ← chain], whose partitions merge a key-hash share each
 *   when they have many groups (exchange.ts), taking in the HAVING / projections / top-K or LIMIT above;
 * - TopK → Project (drop ordinals) ← TopK ← Gather ← [TopK (limit + offset) ← chain + ordinals];
 * - Limit → Limit ← Gather (in unit order) ← [Limit (limit + offset) ← chain].
 * Anything else, scans with few rows in parts, one thread, or aggregates whose result depends on row
 * order (any, argMax, ...) stay single-threaded: results never depend on max_threads.
 */
import type { Field } from '../../src/core/types.ts';
import { findAggregate } from '../functions/registry.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import type { AggregateNode, LimitNode, SortKey, TopKNode } from '../planner/logical.ts';
import { FilterExec } from '../physical/filter.ts';
import { planKey } from '../physical/grouping/group-hints.ts';
import { HashAggregateExec, partialSchema } from '../physical/hash-aggregate.ts';
import { LimitExec } from '../physical/limit.ts';
import type { PhysicalOperator } from '../physical/operator.ts';
import { ProjectExec } from '../physical/project.ts';
import { ScanExec } from '../physical/scan.ts';
import { TopKExec } from '../physical/topk.ts';
import type { AggregateExchange, ExchangeReduce } from './exchange.ts';
import type { Fragment, FragmentSink, FragmentStep } from './fragment.ts';
import { GatherExec } from './gather-exec.ts';
import { ORDINAL_FIELDS } from './unit-scan.ts';
import { nearUnique } from './width-hints.ts';

/** When and how wide to run partitioned. */
export interface ParallelOptions {
  /** Threads a query may use (max_threads); below 2 nothing runs in parallel. */
  readonly threads: number;
  /** Fewest rows in part units worth spreading over workers (merge_tree_min_rows_for_concurrent_read). */
  readonly minRows: number;
  /** Rows in part units per worker: a scan runs on one worker per this many (merge_tree_min_rows_per_thread; 0 = threads). */
  readonly rowsPerThread?: number;
  /** Rows per batch. */
  readonly batchRows: number;
  /** Partial groups above which a partition merges by key hash (group_by_two_level_threshold; 0 = never). */
  readonly mergeThreshold?: number;
}

/** Default of {@link ParallelOptions.mergeThreshold}. */
export const MERGE_THRESHOLD = 50000;

/** Aggregates whose merged partial results equal the single-threaded result (up to float rounding). */
const ORDER_FREE = new Set(['count', 'sum', 'avg', 'min', 'max', 'uniqExact']);

interface Chain {
  readonly scan: ScanExec;
  /** Steps from the scan up. */
  readonly steps: FragmentStep[];
  /** Worker threads to run it on. */
  readonly threads: number;
}

/**
 * Default of {@link ParallelOptions.rowsPerThread}. Each worker is a V8 isolate that compiles its own
 * kernels and runs them on its share of the rows only, so a second worker on a scan of about a million
 * rows cost more than it saved: ClickBench Q37–Q42 (1M rows after primary-key pruning) ran 20–40% slower
 * hot, and warmed up more slowly after a restart, on two workers than on one.
 */
export const ROWS_PER_THREAD = 2_000_000;

/** The filter/project chain from `op` down to a scan worth parallelizing, or null. */
function chainOf(op: PhysicalOperator, opts: ParallelOptions): Chain | null {
  if (opts.threads < 2) return null;
  const steps: FragmentStep[] = [];
  let cur = op;
  while (!(cur instanceof ScanExec)) {
    if (cur instanceof FilterExec) steps.push({ kind: 'filter', predicate: cur.predicate });
    else if (cur instanceof ProjectExec) steps.push({ kind: 'project', exprs: cur.exprs, schema: cur.schema });
    else return null;
    cur = cur.input;
  }
  let rows = 0;
  let units = 0;
  for (const u of cur.units) {
    if (u.descriptor === undefined) continue;
    rows += u.rows;
    units++;
  }
  if (units < 2 || rows < opts.minRows) return null;
  const per = opts.rowsPerThread ?? ROWS_PER_THREAD;
  const threads = per === 0 ? opts.threads : Math.max(1, Math.min(opts.threads, Math.floor(rows / per)));
  return { scan: cur, steps: steps.reverse(), threads };
}

function fragmentOf(c: Chain, sink: FragmentSink, opts: ParallelOptions, ordinals = false): Fragment {
  return {
    scanSchema: ordinals ? [...c.scan.schema, ...ORDINAL_FIELDS] : c.scan.schema,
    ...(c.scan.filter ? { filter: c.scan.filter } : {}),
    ordinals, steps: c.steps, sink, batchRows: opts.batchRows,
  };
}

function orderFree(a: AggregateCall): boolean {
  const name = findAggregate(a.fn)?.name;
  if (name === undefined) return false;
  return ORDER_FREE.has(name) || (name.endsWith('If') && ORDER_FREE.has(name.slice(0, -2)));
}

/** GROUP BY as partial aggregation per partition plus a final merge, or null. */
export function parallelAggregate(p: AggregateNode, input: PhysicalOperator, opts: ParallelOptions | undefined): PhysicalOperator | null {
  const c = opts && p.aggregates.every(orderFree) ? chainOf(input, opts) : null;
  if (c === null || opts === undefined) return null;
  const keyFields: Field[] = p.keys.map((k, i) => ({ name: p.schema[i]!.name, type: k.type }));
  const partial = partialSchema(keyFields, p.aggregates);
  const sink: FragmentSink = { kind: 'aggregate', keys: p.keys, aggregates: p.aggregates, schema: partial };
  const partition = new HashAggregateExec(input, p.keys, p.aggregates, partial, 'partial');
  const threshold = opts.mergeThreshold ?? MERGE_THRESHOLD;
  if (p.keys.length > 0 && threshold > 0) {
    const exchange: AggregateExchange = { threshold, finalSchema: p.schema, steps: [], schema: p.schema };
    // Nearly unique keys last time: one worker (width-hints.ts), unless the width is pinned (rowsPerThread = 0).
    const threads = opts.rowsPerThread !== 0 && nearUnique(planKey(partition)) ? 1 : c.threads;
    return new GatherExec(fragmentOf(c, { ...sink, exchange }, opts), c.scan.units, threads, p.schema, partition);
  }
  const gather = new GatherExec(fragmentOf(c, sink, opts), c.scan.units, c.threads, partial, partition);
  const finalKeys: BoundExpr[] = keyFields.map((f, i) => ({ kind: 'col', index: i, type: f.type, name: f.name }));
  return new HashAggregateExec(gather, finalKeys, p.aggregates, p.schema, 'final');
}

/**
 * ORDER BY … LIMIT (`keys` given) or LIMIT over filters / projections over an aggregate exchange: the
 * partitions apply them to their share of the groups (best or first limit + offset rows each), and the
 * returned plan finishes over their concatenated results; or null.
 */
export function reduceAggregate(input: PhysicalOperator, keys: readonly SortKey[] | null, limit: number | undefined, offset: number,
  countRowsBeforeLimit: boolean): PhysicalOperator | null {
  if (limit === undefined) return null;
  const steps: FragmentStep[] = [];
  let cur = input;
  for (;;) {
    if (cur instanceof FilterExec) steps.push({ kind: 'filter', predicate: cur.predicate });
    else if (cur instanceof ProjectExec) steps.push({ kind: 'project', exprs: cur.exprs, schema: cur.schema });
    else break;
    cur = cur.input;
  }
  if (!(cur instanceof GatherExec)) return null;
  const f = cur.fragment;
  if (f.sink.kind !== 'aggregate' || f.sink.exchange === undefined || f.sink.exchange.reduce !== undefined) return null;
  const reduce: ExchangeReduce = keys === null ? { kind: 'limit', limit: limit + offset } : { kind: 'topK', keys, limit: limit + offset };
  const exchange: AggregateExchange = { ...f.sink.exchange, steps: [...f.sink.exchange.steps, ...steps.reverse()], reduce, schema: input.schema };
  const gather = new GatherExec({ ...f, sink: { ...f.sink, exchange } }, cur.units, cur.threads, input.schema, cur.children[0]!, countRowsBeforeLimit);
  return keys === null ? new LimitExec(gather, limit, offset) : new TopKExec(gather, keys, limit, offset);
}

/** The two ordinal columns appended after `width` columns, as ascending sort keys / column refs. */
export function ordinalRefs(width: number): BoundExpr[] {
  return ORDINAL_FIELDS.map((f, i) => ({ kind: 'col', index: width + i, type: f.type, name: f.name }));
}

/**
 * ORDER BY … LIMIT as a top-K per partition plus a top-K over the candidates, or null. With
 * `keepOrdinals` the result keeps the two ordinal columns (late materialisation locates rows by them).
 */
export function parallelTopK(p: TopKNode, input: PhysicalOperator, opts: ParallelOptions | undefined, countRowsBeforeLimit: boolean,
  keepOrdinals = false): PhysicalOperator | null {
  const c = opts ? chainOf(input, opts) : null;
  if (c === null || opts === undefined) return null;
  // Carry the ordinals through the chain's projections, so ties resolve by scan position everywhere.
  let width = c.scan.schema.length;
  const steps: FragmentStep[] = c.steps.map((s) => {
    if (s.kind === 'filter') return s;
    const stepped: FragmentStep = { kind: 'project', exprs: [...s.exprs, ...ordinalRefs(width)], schema: [...s.schema, ...ORDINAL_FIELDS] };
    width = s.schema.length;
    return stepped;
  });
  const keys: SortKey[] = [...p.keys, ...ordinalRefs(width).map((expr) => ({ expr, desc: false, nullsFirst: false }))];
  const schema = [...input.schema, ...ORDINAL_FIELDS];
  const k = p.limit + p.offset;
  const gather = new GatherExec(fragmentOf({ ...c, steps }, { kind: 'topK', keys, limit: k }, opts, true),
    c.scan.units, c.threads, schema, new TopKExec(input, p.keys, k, 0), countRowsBeforeLimit);
  const top = new TopKExec(gather, keys, p.limit, p.offset);
  if (keepOrdinals) return top;
  return new ProjectExec(top, input.schema.map((f, i) => ({ kind: 'col', index: i, type: f.type, name: f.name })), input.schema);
}

/** LIMIT over a filtered scan: partitions filter units in parallel, rows come back in scan order; or null. */
export function parallelLimit(p: LimitNode, input: PhysicalOperator, opts: ParallelOptions | undefined, countRowsBeforeLimit: boolean): PhysicalOperator | null {
  const c = opts ? chainOf(input, opts) : null;
  if (c === null || opts === undefined) return null;
  if (c.scan.filter === undefined && !c.steps.some((s) => s.kind === 'filter')) return null; // the first batches suffice
  const perUnit = p.limit === undefined ? undefined : p.limit + p.offset;
  const sink: FragmentSink = perUnit === undefined ? { kind: 'rows' } : { kind: 'rows', limit: perUnit };
  const gather = new GatherExec(fragmentOf(c, sink, opts), c.scan.units, c.threads, input.schema,
    perUnit === undefined ? input : new LimitExec(input, perUnit, 0));
  return new LimitExec(gather, p.limit, p.offset, countRowsBeforeLimit);
}
