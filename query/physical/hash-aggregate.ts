/**
 * HashAggregateExec: GROUP BY over dense group ids. A Grouper maps key values to ids (fast paths per
 * key layout), each aggregate keeps its state in a GroupsAccumulator indexed by id. Modes:
 * - `single`: rows in, final values out;
 * - `partial`: rows in, keys + exported accumulator states out (run per worker / partition);
 * - `final`: keys + states in (from partial runs), final values out.
 * Without keys there is exactly one group, even over no rows (`SELECT count() FROM empty` = 0).
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError } from '../../src/core/errors.ts';
import type { DataType, Field } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { AggregateFunction, GroupsAccumulator } from '../functions/registry.ts';
import { findAggregate } from '../functions/registry.ts';
import type { AggregateCall, BoundExpr } from '../planner/bound.ts';
import { Evaluator } from './evaluator.ts';
import { formatExpr } from './format-expr.ts';
import { makeGrouper } from './grouping/grouper.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { compactBatch, sliceVector } from './vectors.ts';

/**
 * Rows grouped and folded in one go; the event loop gets a turn between such slices of a batch (a
 * slice of partial states probing a table of a million groups takes a few milliseconds).
 */
const FOLD_ROWS = 16384;

/** How an aggregation step consumes and produces rows. */
export type AggregateMode = 'single' | 'partial' | 'final';

function resolve(a: AggregateCall): AggregateFunction {
  const f = findAggregate(a.fn);
  if (!f) throw new EddyError('UNKNOWN_AGGREGATE_FUNCTION', `Unknown aggregate function ${a.fn}`);
  return f;
}

/** The output fields of a partial aggregation: keys, then each aggregate's state columns. */
export function partialSchema(keys: readonly Field[], aggs: readonly AggregateCall[]): Field[] {
  const out: Field[] = [...keys];
  for (const a of aggs) {
    const types = resolve(a).stateTypes(a.args.map((x) => x.type), a.params);
    types.forEach((type, i) => out.push({ name: `${a.name}#state${i}`, type }));
  }
  return out;
}

/** Grouped aggregation. */
export class HashAggregateExec implements PhysicalOperator {
  readonly name = 'HashAggregate';
  readonly children: readonly PhysicalOperator[];

  /**
   * @param keys group keys over the input (`final` mode: columns 0..k-1 of the partial input)
   * @param aggregates aggregate calls with arguments over the input (`final` mode: as in the partial step)
   */
  constructor(readonly input: PhysicalOperator, readonly keys: readonly BoundExpr[], readonly aggregates: readonly AggregateCall[],
    readonly schema: readonly Field[], readonly mode: AggregateMode = 'single') {
    this.children = [input];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    const fns = this.aggregates.map(resolve);
    const argTypes = this.aggregates.map((a) => a.args.map((x) => x.type));
    const accs: GroupsAccumulator[] = fns.map((f, i) => f.create(argTypes[i]!, this.aggregates[i]!.params));
    const stateWidths = fns.map((f, i) => f.stateTypes(argTypes[i]!, this.aggregates[i]!.params).length);
    const keyTypes: DataType[] = this.keys.map((k) => k.type);
    const grouper = makeGrouper(keyTypes);
    const nk = this.keys.length;
    const ev = this.mode === 'final' ? null : new Evaluator([...this.keys, ...this.aggregates.flatMap((a) => a.args)]);
    let gids = new Uint32Array(0);
    /** Group rows 0..n of the evaluated (or, in final mode, partial-state) columns and fold them in. */
    const fold = (vals: readonly Vector[], n: number): void => {
      if (gids.length < n) gids = new Uint32Array(n);
      grouper.assign(vals.slice(0, nk), n, gids);
      let p = nk;
      for (let i = 0; i < accs.length; i++) {
        const w = ev ? this.aggregates[i]!.args.length : stateWidths[i]!;
        const args = vals.slice(p, p + w);
        p += w;
        const acc = accs[i]!;
        if (this.mode === 'final') acc.merge(args, gids, n);
        else if (nk === 0 && acc.updateOne !== undefined) acc.updateOne(args, n);
        else acc.update(args, gids, n);
      }
    };
    try {
      for await (const b of this.input.execute(ctx)) {
        const d = compactBatch(b);
        const n = d.length;
        if (n === 0) continue;
        const vals: readonly Vector[] = ev ? ev.run(d.columns, n) : d.columns;
        for (let s = 0; s < n; s += FOLD_ROWS) {
          const e = Math.min(n, s + FOLD_ROWS);
          if (s > 0) { ctx.check(); await yieldToEventLoop(); }
          fold(s === 0 && e === n ? vals : vals.map((v) => sliceVector(v, s, e)), e - s);
        }
        let bytes = grouper.memoryBytes();
        for (const a of accs) bytes += a.memoryBytes();
        ctx.trackMemory(owner, bytes);
      }
      const groups = grouper.groups;
      if (groups === 0) return;
      const values: Vector[] = [];
      for (const a of accs) {
        if (this.mode === 'partial') values.push(...a.state(groups));
        else values.push(a.evaluate(groups));
      }
      // Key columns are built a batch at a time (one go over a million groups would stall the event loop).
      for (let s = 0; s < groups; s += ctx.batchRows) {
        const e = Math.min(groups, s + ctx.batchRows);
        const columns = [...grouper.keyVectors(s, e), ...(s === 0 && e === groups ? values : values.map((c) => sliceVector(c, s, e)))];
        yield { schema: this.schema, columns, length: e - s, sel: null };
        if (e < groups) { ctx.check(); await yieldToEventLoop(); }
      }
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
