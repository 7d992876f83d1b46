/**
 * Late materialisation of ORDER BY … LIMIT over a table scan (ClickHouse's lazy materialisation):
 * when the top-K's input passes table columns through untouched that neither the filters nor the sort
 * keys need, the top-K runs over a narrower scan that leaves them out and carries a row locator
 * (unit ordinal, row in unit) instead; {@link LateMaterializeExec} then fetches those columns for the
 * at most limit + offset winning rows only. Ties still resolve by scan position (the locator is the
 * last sort key), so results equal the plain plan's, single-threaded or on the parallel path.
 *
 *   TopK ← chain ← Scan[all]   ⇒   LateMaterialize ← TopK(keys, _unit, _row) ← chain' ← Scan[needed] + ordinals
 */
import type { ScanUnit } from '../../src/core/scan.ts';
import { pruneTo } from '../optimizer/prune-columns.ts';
import { columnsOf, mapColumns } from '../planner/bound.ts';
import type { LogicalPlan, ScanNode, SortKey, TopKNode } from '../planner/logical.ts';
import { ORDINAL_FIELDS, UnitScanExec, type OrderedUnit } from '../parallel/unit-scan.ts';
import { ordinalRefs, parallelTopK, type ParallelOptions } from '../parallel/plan.ts';
import { FilterExec } from './filter.ts';
import { LateMaterializeExec, type LateSource } from './late-materialize.ts';
import type { PhysicalOperator } from './operator.ts';
import { ProjectExec } from './project.ts';
import { ScanExec } from './scan.ts';
import { TopKExec } from './topk.ts';

/** What late materialisation needs from physical planning. */
export interface LateOptions {
  /** Largest limit + offset worth it (query_plan_max_limit_for_lazy_materialization); 0 = off. */
  readonly maxRows: number;
  readonly parallel?: ParallelOptions;
  /** Builds the physical operators of a logical subtree (taking its snapshots). */
  readonly build: (p: LogicalPlan) => PhysicalOperator;
}

/** The top-K with late-materialised columns, or null when the plan does not qualify or gains nothing. */
export function lateTopK(p: TopKNode, opts: LateOptions, countRowsBeforeLimit: boolean): PhysicalOperator | null {
  if (p.limit === 0 || p.limit + p.offset > opts.maxRows) return null;
  const scan = scanBelow(p.input);
  if (scan === null) return null;
  // The scan column each top-K input column passes through unchanged (-1: computed).
  const width = p.input.schema.length;
  const source = new Int32Array(width);
  for (let i = 0; i < width; i++) source[i] = passThrough(p.input, i);
  const required = new Set<number>();
  for (const k of p.keys) columnsOf(k.expr, required);
  for (let i = 0; i < width; i++) if (source[i]! < 0) required.add(i);
  // Columns the narrow scan reads anyway stay early.
  const early = new Set(scanBelow(pruneTo(p.input, required).plan)!.columns);
  for (let i = 0; i < width; i++) if (source[i]! >= 0 && early.has(scan.columns[source[i]!]!)) required.add(i);
  if (required.size === width) return null;
  const narrow = pruneTo(p.input, required);
  const keys: SortKey[] = p.keys.map((k) => ({ ...k, expr: mapColumns(k.expr, (c) => ({ ...c, index: narrow.map[c.index]! })) }));
  const top: TopKNode = { ...p, input: narrow.plan, schema: narrow.plan.schema, keys };
  const chain = opts.build(narrow.plan);
  const scanOp = scanOf(chain);
  if (scanOp === null || !scanOp.units.every((u) => u.readRows !== undefined)) return null;
  const ranked = parallelTopK(top, chain, opts.parallel, countRowsBeforeLimit, true) ?? serialTopK(top, chain, scanOp, countRowsBeforeLimit);
  const sources: LateSource[] = p.schema.map((_, i) => required.has(i)
    ? { kind: 'input', index: narrow.map[i]! }
    : { kind: 'fetch', column: scan.columns[source[i]!]! });
  return new LateMaterializeExec(ranked, scanOp.units, sources, p.schema, scanOp.table);
}

/** The scan at the bottom of a chain of filters and projections, or null. */
function scanBelow(p: LogicalPlan): ScanNode | null {
  let cur = p;
  while (cur.kind === 'Filter' || cur.kind === 'Project') cur = cur.input;
  return cur.kind === 'Scan' ? cur : null;
}

/** The scan column that output `i` of a filter/project chain passes through unchanged, or -1. */
function passThrough(p: LogicalPlan, i: number): number {
  let cur = p;
  let idx = i;
  while (cur.kind === 'Filter' || cur.kind === 'Project') {
    if (cur.kind === 'Project') {
      const e = cur.exprs[idx]!;
      if (e.kind !== 'col') return -1;
      idx = e.index;
    }
    cur = cur.input;
  }
  return idx;
}

/** The scan at the bottom of a physical filter/project chain, or null. */
function scanOf(op: PhysicalOperator): ScanExec | null {
  let cur = op;
  while (cur instanceof FilterExec || cur instanceof ProjectExec) cur = cur.input;
  return cur instanceof ScanExec ? cur : null;
}

/** A scan that appends the ordinal columns but explains itself as the scan it replaces. */
class OrdinalScanExec extends UnitScanExec {
  constructor(private readonly scan: ScanExec) {
    super([...scan.schema, ...ORDINAL_FIELDS], ordered(scan.units), scan.filter, true);
  }

  override explain(): string {
    return `${this.scan.explain()} + ordinals`;
  }
}

async function* ordered(units: readonly ScanUnit[]): AsyncIterable<OrderedUnit> {
  for (let ordinal = 0; ordinal < units.length; ordinal++) yield { unit: units[ordinal]!, ordinal };
}

/** The single-threaded top-K over the chain rebuilt on an ordinal scan, ties ranked by (unit, row). */
function serialTopK(p: TopKNode, chain: PhysicalOperator, scan: ScanExec, countRowsBeforeLimit: boolean): PhysicalOperator {
  const steps: (FilterExec | ProjectExec)[] = [];
  for (let cur = chain; !(cur instanceof ScanExec);) {
    const step = cur as FilterExec | ProjectExec;
    steps.unshift(step);
    cur = step.input;
  }
  let op: PhysicalOperator = new OrdinalScanExec(scan);
  let width = scan.schema.length;
  for (const s of steps) {
    if (s instanceof FilterExec) op = new FilterExec(op, s.predicate);
    else {
      op = new ProjectExec(op, [...s.exprs, ...ordinalRefs(width)], [...s.schema, ...ORDINAL_FIELDS]);
      width = s.exprs.length;
    }
  }
  const keys: SortKey[] = [...p.keys, ...ordinalRefs(width).map((expr) => ({ expr, desc: false, nullsFirst: false }))];
  return new TopKExec(op, keys, p.limit, p.offset, countRowsBeforeLimit);
}
