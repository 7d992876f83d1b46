/**
 * HashAggregateExec: GROUP BY over dense group ids. A Grouper maps key values to ids (fast paths per
 * key layout), each aggregate keeps its state in a GroupsAccumulator indexed by id. Modes:
 * - `single`: rows in, final values out;
 * - `partial`: rows in, keys + exported accumulator states out (run per worker / partition);
 * - `final`: keys + states in (from partial runs), final values out.
 * Without keys there is exactly one group, even over no rows (`SELECT count() FROM empty` = 0).
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import { AggregateTable, resolveAggregate, type GroupColumns, type RowFilter } from './aggregate-table.ts';
import { Evaluator } from './evaluator.ts';
import { expectedGroups, planKey, recordGroups } from './grouping/group-hints.ts';
import { formatExpr } from './format-expr.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { sliceVector } from './vectors.ts';
import { topGroups, type GroupPick } from './top-groups.ts';

/** How an aggregation step consumes and produces rows. */
export type AggregateMode = 'single' | 'partial' | 'final';

/** The output fields of a partial aggregation: keys, then each aggregate's state columns. */
export function partialSchema(keys: readonly Field[], aggs: readonly AggregateCall[]): Field[] {
  const out: Field[] = [...keys];
  for (const a of aggs) {
    const types = resolveAggregate(a).stateTypes(a.args.map((x) => x.type), a.params);
    types.forEach((type, i) => out.push({ name: `${a.name}#state${i}`, type }));
  }
  return out;
}

/**
 * Batches of at most `batchRows` rows: the table's keys of groups `rows` (ascending; all groups when
 * null), then the output `columns`, event-loop turns between.
 */
export async function* emitGroups(table: AggregateTable, columns: GroupColumns, schema: readonly Field[], ctx: ExecContext,
  rows: Uint32Array | null = null): AsyncIterable<Batch> {
  const groups = table.groups;
  const width = columns.width;
  if (rows !== null && 4 * rows.length < groups) {
    // Few groups wanted (e.g. a top-K's pick): gather their keys and values instead of building every group's.
    for (let s = 0; s < rows.length; s += ctx.batchRows) {
      const ids = rows.subarray(s, Math.min(rows.length, s + ctx.batchRows));
      const values: Vector[] = [];
      for (let i = 0; i < width; i++) values.push(columns.at(i, ids));
      yield { schema, columns: [...table.grouper.keyVectorsAt(ids), ...values], length: ids.length, sel: null };
      ctx.check(); await yieldToEventLoop();
    }
    return;
  }
  const outputs: Vector[] = [];
  for (let i = 0; i < width; i++) outputs.push(columns.all(i));
  // Key columns are built a batch at a time (one go over a million groups would stall the event loop).
  for (let s = 0; s < groups; s += ctx.batchRows) {
    const e = Math.min(groups, s + ctx.batchRows);
    const columns = [...table.grouper.keyVectors(s, e), ...(s === 0 && e === groups ? outputs : outputs.map((c) => sliceVector(c, s, e)))];
    let sel: Uint32Array | null = null;
    if (rows !== null) {
      const a = lowerBound(rows, s);
      const b = lowerBound(rows, e);
      if (a === b) continue;
      sel = rows.slice(a, b);
      for (let i = 0; i < sel.length; i++) sel[i]! -= s;
    }
    yield { schema, columns, length: e - s, sel };
    if (e < groups) { ctx.check(); await yieldToEventLoop(); }
  }
}

/** First index of sorted `xs` whose value is ≥ `v`. */
function lowerBound(xs: Uint32Array, v: number): number {
  let lo = 0;
  let hi = xs.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (xs[mid]! < v) lo = mid + 1; else hi = mid;
  }
  return lo;
}

/** Grouped aggregation. */
export class HashAggregateExec implements PhysicalOperator {
  readonly name = 'HashAggregate';
  readonly children: readonly PhysicalOperator[];
  /** Set by a top-K above that sorts by aggregate values only (pickTopGroups): emit just its best groups. */
  pick: GroupPick | null = null;

  /**
   * @param keys group keys over the input (`final` mode: columns 0..k-1 of the partial input)
   * @param aggregates aggregate calls with arguments over the input (`final` mode: as in the partial step)
   */
  constructor(readonly input: PhysicalOperator, readonly keys: readonly BoundExpr[], readonly aggregates: readonly AggregateCall[],
    readonly schema: readonly Field[], readonly mode: AggregateMode = 'single') {
    this.children = [input];
  }

  /**
   * Consume the input into `table` (a new one by default; its memory stays tracked under `owner` until
   * released), folding in only the rows `keep` selects when given.
   */
  async build(ctx: ExecContext, owner: object, table = this.table(), keep?: RowFilter): Promise<AggregateTable> {
    const ev = this.mode === 'final' ? null : new Evaluator([...this.keys, ...this.aggregates.flatMap((a) => a.args)]);
    await table.consume(this.input.execute(ctx), ev, ctx, owner, keep);
    if (this.keys.length > 0) recordGroups(this.hintKey(), table.groups);
    return table;
  }

  /** An empty table for this aggregation, sized for the groups its plan ended with last time. */
  table(): AggregateTable {
    return new AggregateTable(this.keys.map((k) => k.type), this.aggregates, this.keys.length > 0 ? expectedGroups(this.hintKey()) : 0);
  }

  private planText: string | undefined;

  /** This aggregation's key for group-count hints, taken once (before execution changes any plan statistics). */
  private hintKey(): string {
    return this.planText ??= `${this.mode} ${planKey(this)}`;
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    try {
      const table = await this.build(ctx, owner);
      if (table.groups === 0) return;
      const outputs = table.columns(this.mode === 'partial');
      const pick = this.mode === 'single' ? this.pick : null;
      const best = pick === null ? null : await topGroups(outputs, table.groups, null, pick.keys, pick.limit, ctx);
      yield* emitGroups(table, outputs, this.schema, ctx, best);
      // Resumed after the top-K above counted the picked rows: it saw every group, in effect.
      if (best !== null && pick!.countRowsBeforeLimit) ctx.stats.rowsBeforeLimit = table.groups;
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  explain(): string {
    const s = this.input.schema;
    const keys = this.keys.map((k) => formatExpr(k, s)).join(', ');
    const aggs = this.aggregates.map((a) => a.name).join(', ');
    return `HashAggregate${this.mode === 'single' ? '' : ` (${this.mode})`} keys: [${keys}] aggregates: [${aggs}]`;
  }
}
