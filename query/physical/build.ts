/**
 * Physical planning: one operator per logical node. Scans take a table snapshot (released by the
 * caller when the run ends) and plan their units with the pushed-down columns and ranges.
 */
import type { TableSnapshot } from '../../src/core/scan.ts';
import type { BoundExpr } from '../planner/bound.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import { parallelAggregate, parallelLimit, parallelTopK, reduceAggregate, type ParallelOptions } from '../parallel/plan.ts';
import { DistinctExec } from './distinct.ts';
import { FilterExec } from './filter.ts';
import { HashAggregateExec } from './hash-aggregate.ts';
import { HashJoinExec } from './hash-join.ts';
import { lateTopK } from './late-plan.ts';
import { LimitByExec } from './limit-by.ts';
import { LimitExec } from './limit.ts';
import { metadataAggregate } from './metadata-aggregate.ts';
import type { PhysicalOperator } from './operator.ts';
import { ProjectExec } from './project.ts';
import { ScanExec } from './scan.ts';
import { SortExec } from './sort.ts';
import { TopKExec } from './topk.ts';
import { pickTopGroups } from './top-groups.ts';
import { UnionAllExec } from './union-all.ts';
import { ValuesExec } from './values.ts';

/** Options of physical planning. */
export interface BuildOptions {
  readonly batchRows: number;
  /** Snapshots taken; the caller releases them when the run ends. */
  readonly snapshots: TableSnapshot[];
  /** Mark the outermost LIMIT so it reports rows_before_limit. */
  readonly countRowsBeforeLimit?: boolean;
  /** Run aggregates, top-Ks and filtered limits over big scans on worker threads too. */
  readonly parallel?: ParallelOptions;
  /** Late-materialise top-Ks of at most this many rows (limit + offset); 0 or absent = never. */
  readonly lateMaxRows?: number;
}

/** The operator tree for a logical plan. */
export function buildPhysical(p: LogicalPlan, opts: BuildOptions): PhysicalOperator {
  const rec = (c: LogicalPlan) => buildPhysical(c, { ...opts, countRowsBeforeLimit: false });
  switch (p.kind) {
    case 'Scan': {
      const snap = p.table.snapshot();
      opts.snapshots.push(snap);
      const { units, stats } = snap.plan({ columns: p.columns, ranges: p.ranges, batchRows: opts.batchRows });
      return new ScanExec(`${p.table.database}.${p.table.name}`, p.schema, units, stats, p.filter);
    }
    case 'Values': return new ValuesExec(p.schema, p.batches);
    case 'Filter': return new FilterExec(rec(p.input), p.predicate);
    case 'Project': {
      // The root projection passes the LIMIT marker through.
      const input = buildPhysical(p.input, opts);
      return new ProjectExec(input, p.exprs, p.schema);
    }
    case 'Aggregate': {
      const answered = metadataAggregate(p, opts.snapshots);
      if (answered !== null) return answered;
      const input = rec(p.input);
      return parallelAggregate(p, input, opts.parallel) ?? new HashAggregateExec(input, p.keys, p.aggregates, p.schema);
    }
    case 'Sort': return new SortExec(rec(p.input), p.keys);
    case 'TopK': {
      const count = opts.countRowsBeforeLimit === true;
      const late = opts.lateMaxRows ? lateTopK(p, { maxRows: opts.lateMaxRows, build: rec, ...(opts.parallel ? { parallel: opts.parallel } : {}) }, count) : null;
      if (late !== null) return late;
      const input = rec(p.input);
      pickTopGroups(input, p.keys, p.limit + p.offset, count);
      return parallelTopK(p, input, opts.parallel, count) ?? reduceAggregate(input, p.keys, p.limit, p.offset, count)
        ?? new TopKExec(input, p.keys, p.limit, p.offset, count);
    }
    case 'Limit': {
      const input = rec(p.input);
      const count = opts.countRowsBeforeLimit === true;
      return parallelLimit(p, input, opts.parallel, count) ?? reduceAggregate(input, null, p.limit, p.offset, count)
        ?? new LimitExec(input, p.limit, p.offset, count);
    }
    case 'Distinct': return new DistinctExec(rec(p.input), p.columns);
    case 'LimitBy': return new LimitByExec(rec(p.input), p.keys, p.limit, p.offset);
    case 'Join': {
      const left = rec(p.left);
      const right = rec(p.right);
      if (p.joinType === 'inner' && p.leftKeys.length > 0 && estimatedRows(left) < estimatedRows(right)) {
        // Build the smaller side: join with the inputs swapped, then restore the column order.
        const nl = p.left.schema.length;
        const nr = p.right.schema.length;
        const swapped = new HashJoinExec(right, left, 'inner', p.rightKeys, p.leftKeys, [...p.schema.slice(nl), ...p.schema.slice(0, nl)]);
        const exprs: BoundExpr[] = p.schema.map((f, i) => ({ kind: 'col', index: i < nl ? nr + i : i - nl, type: f.type, name: f.name }));
        return new ProjectExec(swapped, exprs, p.schema);
      }
      return new HashJoinExec(left, right, p.joinType, p.leftKeys, p.rightKeys, p.schema);
    }
    case 'Union': return new UnionAllExec(p.inputs.map(rec), p.schema);
  }
}

/** Upper bound of the rows a physical subtree reads: the rows its scans selected after pruning. */
function estimatedRows(op: PhysicalOperator): number {
  if (op instanceof ScanExec) return op.stats.rowsSelected;
  let rows = 0;
  for (const c of op.children) rows += estimatedRows(c);
  return rows;
}

/** EXPLAIN lines: one per operator, children indented. */
export function explainPhysical(op: PhysicalOperator, depth = 0, out: string[] = []): string[] {
  out.push(`${'  '.repeat(depth)}${op.explain()}`);
  for (const c of op.children) explainPhysical(c, depth + 1, out);
  return out;
}
