/**
 * Range extraction: conjuncts of a scan's filter of the form `col op constant` (=, <, <=, >, >=,
 * BETWEEN as two of them), `col IN (constants)`, `col IS [NOT] NULL` become ColumnRanges that the
 * snapshot uses to prune parts and granules by primary key and min/max. Constants are already in the
 * column's representation (the binder converts '2013-07-01' to a Date's day number).
 */
import type { ColumnRange } from '../../src/core/scan.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { conjuncts } from '../planner/bound.ts';
import type { LogicalPlan } from '../planner/logical.ts';
import type { Rule } from './rule.ts';

const FLIP: Record<string, string> = { less: 'greater', greater: 'less', lessOrEquals: 'greaterOrEquals', greaterOrEquals: 'lessOrEquals', equals: 'equals' };

function usable(v: unknown): boolean {
  return v !== null && !(typeof v === 'number' && Number.isNaN(v));
}

function rangeOf(c: BoundExpr, columns: readonly string[]): ColumnRange | undefined {
  if (c.kind === 'in' && !c.negated && c.expr.kind === 'col') {
    return { kind: 'in', column: columns[c.expr.index]!, values: c.values };
  }
  if (c.kind !== 'call') return undefined;
  if ((c.fn === 'isNull' || c.fn === 'isNotNull') && c.args.length === 1 && c.args[0]!.kind === 'col') {
    return { kind: c.fn === 'isNull' ? 'isNull' : 'notNull', column: columns[c.args[0]!.index]! };
  }
  if (c.args.length !== 2 || FLIP[c.fn] === undefined) return undefined;
  let [a, b] = c.args as [BoundExpr, BoundExpr];
  let fn = c.fn;
  if (a.kind === 'const' && b.kind === 'col') { [a, b] = [b, a]; fn = FLIP[fn]!; }
  if (a.kind !== 'col' || b.kind !== 'const' || !usable(b.value)) return undefined;
  const column = columns[a.index]!;
  const v = b.value;
  switch (fn) {
    case 'equals': return { kind: 'range', column, min: v, minInclusive: true, max: v, maxInclusive: true };
    case 'less': return { kind: 'range', column, max: v, maxInclusive: false };
    case 'lessOrEquals': return { kind: 'range', column, max: v, maxInclusive: true };
    case 'greater': return { kind: 'range', column, min: v, minInclusive: false };
    case 'greaterOrEquals': return { kind: 'range', column, min: v, minInclusive: true };
    default: return undefined;
  }
}

/** Ranges implied by a filter over scan columns `columns`. */
export function extractRanges(filter: BoundExpr, columns: readonly string[]): ColumnRange[] {
  const out: ColumnRange[] = [];
  for (const c of conjuncts(filter)) {
    const r = rangeOf(c, columns);
    if (r) out.push(r);
  }
  return out;
}

/** Attach pruning ranges to scans with filters. */
export const extractScanRanges: Rule = {
  name: 'extract-ranges',
  apply(node: LogicalPlan): LogicalPlan {
    if (node.kind !== 'Scan' || !node.filter) return node;
    const ranges = extractRanges(node.filter, node.columns);
    const same = ranges.length === node.ranges.length && ranges.every((r, i) => JSON.stringify(r, big) === JSON.stringify(node.ranges[i], big));
    return same ? node : { ...node, ranges };
  },
};

function big(_k: string, v: unknown): unknown {
  return typeof v === 'bigint' ? `${v}n` : v;
}
