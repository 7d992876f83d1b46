/**
 * Aggregates answered from table metadata instead of rows, as ClickHouse does: over an unfiltered
 * scan with no GROUP BY, `count()` is the snapshot's row count and `min(x)` / `max(x)` of an integer
 * or date/time column come from part statistics (plus the in-memory segments). Any other shape, or a
 * column the statistics cannot answer for, leaves the aggregate to the ordinary operators.
 */
import type { TableSnapshot } from '../../src/core/scan.ts';
import type { Scalar } from '../../src/core/types.ts';
import { constVector } from '../../src/core/vector.ts';
import { findAggregate } from '../functions/registry.ts';
import type { AggregateCall } from '../planner/bound.ts';
import type { AggregateNode } from '../planner/logical.ts';
import type { PhysicalOperator } from './operator.ts';
import { ValuesExec } from './values.ts';

type Need = { readonly kind: 'count' } | { readonly kind: 'min' | 'max'; readonly column: string };

function needOf(a: AggregateCall, columns: readonly string[]): Need | null {
  const name = findAggregate(a.fn)?.name;
  if (a.params.length > 0) return null;
  const arg = a.args[0];
  if (name === 'count') {
    if (arg === undefined) return { kind: 'count' };
    return a.args.length === 1 && arg.kind === 'col' && !arg.type.nullable ? { kind: 'count' } : null;
  }
  if ((name === 'min' || name === 'max') && a.args.length === 1 && arg!.kind === 'col') {
    return { kind: name, column: columns[arg!.index]! };
  }
  return null;
}

/** A one-row Values operator holding the aggregate's result, or null when metadata cannot answer. */
export function metadataAggregate(p: AggregateNode, snapshots: TableSnapshot[]): PhysicalOperator | null {
  const scan = p.input;
  if (p.keys.length > 0 || scan.kind !== 'Scan' || scan.filter !== undefined || scan.ranges.length > 0) return null;
  const needs: Need[] = [];
  for (const a of p.aggregates) {
    const need = needOf(a, scan.columns);
    if (need === null) return null;
    needs.push(need);
  }
  const snap = scan.table.snapshot();
  snapshots.push(snap);
  const values: Scalar[] = [];
  for (const need of needs) {
    if (need.kind === 'count') {
      values.push(BigInt(snap.totalRows));
      continue;
    }
    const mm = snap.columnMinMax?.(need.column);
    const v = mm === undefined ? null : need.kind === 'min' ? mm.min : mm.max;
    if (v === null) return null; // no statistics, or no values: the aggregate's own empty-input rules apply
    values.push(v);
  }
  const columns = p.aggregates.map((a, i) => constVector(a.type, values[i]!, 1));
  return new ValuesExec(p.schema, [{ schema: p.schema, columns, length: 1, sel: null }]);
}
