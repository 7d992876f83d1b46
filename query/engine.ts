/**
 * The query engine's entry point: Query AST → bound logical plan → optimized plan → physical
 * operators → batches. Subqueries (scalar and IN) run first and become constants. The run honours
 * cancellation (ctx.signal), max_execution_time, max_memory_usage and max_block_size.
 */
import { totalmem } from 'node:os';
import type { Batch } from '../src/core/batch.ts';
import { EddyError } from '../src/core/errors.ts';
import type { TableSnapshot, TableSource } from '../src/core/scan.ts';
import type { Field, Scalar } from '../src/core/types.ts';
import { is64Bit } from '../src/core/types.ts';
import { scalarAt } from '../src/core/vector.ts';
import './functions/index.ts';
import type { Query } from './parser/ast.ts';
import { optimize } from './optimizer/optimize.ts';
import { MERGE_THRESHOLD, ROWS_PER_THREAD, type ParallelOptions } from './parallel/plan.ts';
import { threadsFor } from './parallel/pool.ts';
import { buildPhysical, explainPhysical } from './physical/build.ts';
import { QueryExecContext } from './physical/exec-context.ts';
import type { ExecContext } from './physical/operator.ts';
import { bindQuery } from './planner/binder.ts';
import type { BoundExpr } from './planner/bound.ts';
import { convertConstant } from './planner/literals.ts';
import type { LogicalPlan } from './planner/logical.ts';
import { childrenOf, mapNodeExprs, withChildren } from './planner/logical.ts';

/** Everything a query needs from the server around it. */
export interface QueryContext {
  /** Resolve a table; throws UNKNOWN_TABLE / UNKNOWN_DATABASE. */
  resolveTable(database: string | undefined, name: string): TableSource;
  currentDatabase: string;
  params: Readonly<Record<string, string>>;
  /** max_block_size, max_threads, max_execution_time (s), max_memory_usage (bytes), limit, offset, ... */
  settings: Readonly<Record<string, string | number | boolean | bigint>>;
  signal?: AbortSignal;
  now?: Date;
}

/** A running query: its result schema, its batches (consuming them runs it) and its counters. */
export interface QueryResult {
  schema: Field[];
  batches: AsyncIterable<Batch>;
  stats: { readRows: number; readBytes: number; rowsBeforeLimit?: number };
}

function setting(ctx: QueryContext, name: string, dflt: number): number {
  const v = ctx.settings[name];
  if (v === undefined) return dflt;
  const n = typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  if (!Number.isFinite(n) || n < 0) throw new EddyError('BAD_ARGUMENTS', `Invalid value for setting ${name}: ${String(v)}`);
  return n;
}

/** How widely the query may run: max_threads, merge_tree_min_rows_for_concurrent_read / _per_thread, group_by_two_level_threshold. */
function parallelOptions(ctx: QueryContext, batchRows: number): ParallelOptions {
  return {
    threads: threadsFor(setting(ctx, 'max_threads', 0)),
    minRows: setting(ctx, 'merge_tree_min_rows_for_concurrent_read', 163840),
    rowsPerThread: setting(ctx, 'merge_tree_min_rows_per_thread', ROWS_PER_THREAD),
    mergeThreshold: setting(ctx, 'group_by_two_level_threshold', MERGE_THRESHOLD),
    batchRows,
  };
}

/** The largest top-K (limit + offset) to late-materialise; 0 = off. */
function lateMaxRows(ctx: QueryContext): number {
  return setting(ctx, 'query_plan_optimize_lazy_materialization', 1) ? setting(ctx, 'query_plan_max_limit_for_lazy_materialization', 1000) : 0;
}

/** Bind and optimize a query, applying the `limit` / `offset` settings to its result. */
export function planQuery(query: Query, ctx: QueryContext): LogicalPlan {
  let plan = bindQuery(query, ctx);
  const limit = setting(ctx, 'limit', 0);
  const offset = setting(ctx, 'offset', 0);
  if (limit > 0 || offset > 0) {
    plan = { kind: 'Limit', schema: plan.schema, input: plan, ...(limit > 0 ? { limit } : {}), offset };
  }
  return optimize(plan);
}

/** Execute a query. Binding errors throw here; execution errors surface while iterating batches. */
export function executeQuery(query: Query, ctx: QueryContext): QueryResult {
  const plan = planQuery(query, ctx);
  const exec = new QueryExecContext({
    batchRows: Math.max(1, setting(ctx, 'max_block_size', 65536)),
    ...(ctx.signal ? { signal: ctx.signal } : {}),
    maxExecutionTime: setting(ctx, 'max_execution_time', 0),
    maxMemoryUsage: setting(ctx, 'max_memory_usage', Math.floor(totalmem() * 0.6)),
  });
  const schema = [...plan.schema];
  const batches = (async function* () {
    const snapshots: TableSnapshot[] = [];
    try {
      exec.check();
      const resolved = await resolveSubqueries(plan, exec, snapshots);
      const op = buildPhysical(resolved, { batchRows: exec.batchRows, snapshots, countRowsBeforeLimit: true, parallel: parallelOptions(ctx, exec.batchRows), lateMaxRows: lateMaxRows(ctx) });
      for await (const b of op.execute(exec)) {
        exec.check();
        yield b.schema === schema ? b : { ...b, schema };
      }
    } finally {
      for (const s of snapshots) s.release();
    }
  })();
  return { schema, batches, stats: exec.stats };
}

/** EXPLAIN [PLAN]: the physical plan with pruning figures, one line per operator. */
export function explainQuery(query: Query, ctx: QueryContext): string[] {
  const plan = planQuery(query, ctx);
  const snapshots: TableSnapshot[] = [];
  try {
    const batchRows = setting(ctx, 'max_block_size', 65536);
    return explainPhysical(buildPhysical(plan, { batchRows, snapshots, parallel: parallelOptions(ctx, batchRows), lateMaxRows: lateMaxRows(ctx) }));
  } finally {
    for (const s of snapshots) s.release();
  }
}

/** Run a (sub)plan to completion and return its rows' first column. */
async function firstColumn(plan: LogicalPlan, exec: ExecContext, snapshots: TableSnapshot[], maxRows: number): Promise<Scalar[]> {
  const resolved = await resolveSubqueries(optimize(plan), exec, snapshots);
  const op = buildPhysical(resolved, { batchRows: exec.batchRows, snapshots });
  const out: Scalar[] = [];
  for await (const b of op.execute(exec)) {
    const col = b.columns[0]!;
    const n = b.sel === null ? b.length : b.sel.length;
    for (let i = 0; i < n; i++) out.push(scalarAt(col, b.sel === null ? i : b.sel[i]!));
    if (out.length > maxRows) break;
  }
  return out;
}

function defaultScalar(e: BoundExpr): Scalar {
  const t = e.type;
  if (t.nullable) return null;
  if (t.kind === 'String') return '';
  if (t.kind === 'Bool') return false;
  return is64Bit(t) ? 0n : 0;
}

/** Replace scalar and IN subqueries by their results (constants and IN sets). */
async function resolveSubqueries(plan: LogicalPlan, exec: ExecContext, snapshots: TableSnapshot[]): Promise<LogicalPlan> {
  const found: BoundExpr[] = [];
  const visit = (e: BoundExpr): void => {
    switch (e.kind) {
      case 'subquery': found.push(e); break;
      case 'inSubquery': found.push(e); visit(e.expr); break;
      case 'call': case 'agg': e.args.forEach(visit); break;
      case 'in': visit(e.expr); break;
      default: break;
    }
  };
  const walk = (p: LogicalPlan): void => {
    mapNodeExprs(p, (e) => { visit(e); return e; });
    childrenOf(p).forEach(walk);
  };
  walk(plan);
  if (found.length === 0) return plan;
  const results = new Map<BoundExpr, BoundExpr>();
  for (const e of found) {
    if (e.kind === 'subquery') {
      const rows = await firstColumn(e.plan, exec, snapshots, 1);
      if (rows.length > 1) throw new EddyError('BAD_ARGUMENTS', 'Scalar subquery returned more than one row');
      results.set(e, { kind: 'const', value: rows.length === 0 ? defaultScalar(e) : rows[0]!, type: e.type });
    } else if (e.kind === 'inSubquery') {
      const rows = await firstColumn(e.plan, exec, snapshots, Infinity);
      const target = { ...e.expr.type, nullable: false, lowCardinality: false };
      const values: Scalar[] = [];
      for (const v of rows) {
        if (v === null) continue;
        const c = convertConstant(v, target);
        if (c !== undefined && c !== null) values.push(c);
      }
      results.set(e, { kind: 'in', expr: e.expr, values, negated: e.negated, type: e.type });
    }
  }
  const replace = (e: BoundExpr): BoundExpr => {
    const r = results.get(e);
    if (r) return r.kind === 'in' ? { ...r, expr: replace(r.expr) } : r;
    switch (e.kind) {
      case 'call': return { ...e, args: e.args.map(replace) };
      case 'in': return { ...e, expr: replace(e.expr) };
      default: return e;
    }
  };
  const rewrite = (p: LogicalPlan): LogicalPlan => mapNodeExprs(withChildren(p, childrenOf(p).map(rewrite)), replace);
  return rewrite(plan);
}
