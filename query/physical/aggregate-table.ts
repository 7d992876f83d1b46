/**
 * AggregateTable: the groups of one GROUP BY — a Grouper mapping key values to dense ids plus one
 * GroupsAccumulator per aggregate. It folds in rows (keys + aggregate arguments) or exported partial
 * states (keys + state columns), and reads out final values or states. HashAggregateExec runs one; a
 * parallel aggregate's partitions keep theirs alive to merge the other partitions' states into it.
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError } from '../../src/core/errors.ts';
import type { DataType } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { AggregateFunction, GroupsAccumulator } from '../functions/registry.ts';
import { findAggregate } from '../functions/registry.ts';
import type { AggregateCall } from '../planner/bound.ts';
import type { Evaluator } from './evaluator.ts';
import { RESERVE_FROM } from './grouping/group-hints.ts';
import { makeGrouper, type Grouper } from './grouping/grouper.ts';
import type { ExecContext } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { compactBatch, sliceVector, takeVector } from './vectors.ts';

/**
 * Rows grouped and folded in one go; the event loop gets a turn between such slices of a batch (a
 * slice of partial states probing a table of a million groups takes a few milliseconds).
 */
const FOLD_ROWS = 16384;

/** The aggregate function a call names (UNKNOWN_AGGREGATE_FUNCTION when there is none). */
export function resolveAggregate(a: AggregateCall): AggregateFunction {
  const f = findAggregate(a.fn);
  if (!f) throw new EddyError('UNKNOWN_AGGREGATE_FUNCTION', `Unknown aggregate function ${a.fn}`);
  return f;
}

/** The rows (of n) to fold in, given their key vectors. */
export type RowFilter = (keys: readonly Vector[], n: number) => Uint32Array;

/** Groups and their accumulators. */
export class AggregateTable {
  readonly grouper: Grouper;
  private readonly accs: GroupsAccumulator[];
  private readonly stateWidths: number[];
  private readonly argWidths: number[];
  private readonly nk: number;
  private gids = new Uint32Array(0);
  /** Rows folded in so far (input rows, or partial-state rows when merging). */
  rows = 0;

  /**
   * @param expected groups the table is expected to end with (a hint from an earlier run, 0 = none):
   *   reserved in the grouper and accumulators once the table has RESERVE_FROM groups
   */
  constructor(keyTypes: readonly DataType[], readonly aggregates: readonly AggregateCall[], private expected = 0) {
    const fns = aggregates.map(resolveAggregate);
    const argTypes = aggregates.map((a) => a.args.map((x) => x.type));
    this.accs = fns.map((f, i) => f.create(argTypes[i]!, aggregates[i]!.params));
    this.stateWidths = fns.map((f, i) => f.stateTypes(argTypes[i]!, aggregates[i]!.params).length);
    this.argWidths = aggregates.map((a) => a.args.length);
    this.grouper = makeGrouper(keyTypes);
    this.nk = keyTypes.length;
  }

  /** Number of groups. */
  get groups(): number {
    return this.grouper.groups;
  }

  /** Group rows 0..n of `vals` — keys, then each aggregate's arguments (or, with `states`, its state columns) — and fold them in. */
  fold(vals: readonly Vector[], n: number, states: boolean): void {
    if (this.gids.length < n) this.gids = new Uint32Array(n);
    const gids = this.gids;
    this.rows += n;
    this.grouper.assign(vals.slice(0, this.nk), n, gids);
    if (this.expected > 0 && this.grouper.groups >= RESERVE_FROM) this.reserve();
    let p = this.nk;
    for (let i = 0; i < this.accs.length; i++) {
      const w = states ? this.stateWidths[i]! : this.argWidths[i]!;
      const args = vals.slice(p, p + w);
      p += w;
      const acc = this.accs[i]!;
      if (states) acc.merge(args, gids, n);
      else if (this.nk === 0 && acc.updateOne !== undefined) acc.updateOne(args, n);
      else acc.update(args, gids, n);
    }
  }

  /**
   * Fold every batch of `input` in, a slice at a time with event-loop turns between; with `ev` the
   * batches are rows (evaluated to keys + arguments), without it keys + partial states.
   */
  async consume(input: AsyncIterable<Batch>, ev: Evaluator | null, ctx: ExecContext, owner: object, keep?: RowFilter): Promise<void> {
    for await (const b of input) {
      const d = compactBatch(b);
      let n = d.length;
      if (n === 0) continue;
      let vals: readonly Vector[] = ev ? ev.run(d.columns, n) : d.columns;
      if (keep !== undefined) {
        const rows = keep(vals.slice(0, this.nk), n);
        if (rows.length === 0) continue;
        vals = vals.map((v) => takeVector(v, rows));
        n = rows.length;
      }
      for (let s = 0; s < n; s += FOLD_ROWS) {
        const e = Math.min(n, s + FOLD_ROWS);
        if (s > 0) { ctx.check(); await yieldToEventLoop(); }
        this.fold(s === 0 && e === n ? vals : vals.map((v) => sliceVector(v, s, e)), e - s, ev === null);
      }
      ctx.trackMemory(owner, this.memoryBytes());
    }
  }

  /** Size the grouper and accumulators for the expected groups, once. */
  private reserve(): void {
    const groups = this.expected;
    this.expected = 0;
    if (groups <= 2 * this.grouper.groups) return;
    this.grouper.reserve?.(groups);
    for (const a of this.accs) a.reserve?.(groups);
  }

  /** Each aggregate's state columns (`states`) or final value, for groups 0..groups-1 (default: all). */
  outputs(states: boolean, groups = this.groups): Vector[] {
    const out: Vector[] = [];
    for (const a of this.accs) {
      if (states) out.push(...a.state(groups));
      else out.push(a.evaluate(groups));
    }
    return out;
  }

  /**
   * The output columns of every group: each aggregate's state columns (`states`, evaluated now), or its
   * final value, evaluated when first read — over every group, or over only the groups a top-K picked.
   */
  columns(states: boolean): GroupColumns {
    return states ? eagerColumns(this.outputs(true)) : new FinalColumns(this.accs, this.groups);
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    let bytes = this.grouper.memoryBytes();
    for (const a of this.accs) bytes += a.memoryBytes();
    return bytes;
  }
}

/** Per-group output columns of an aggregate table (see AggregateTable.columns). */
export interface GroupColumns {
  /** Number of columns. */
  readonly width: number;
  /** Column i over every group. */
  all(i: number): Vector;
  /** Column i over the groups `rows`, in that order. */
  at(i: number, rows: Uint32Array): Vector;
}

/** Columns evaluated up front. */
function eagerColumns(cols: readonly Vector[]): GroupColumns {
  return { width: cols.length, all: (i) => cols[i]!, at: (i, rows) => takeVector(cols[i]!, rows) };
}

/**
 * Final values evaluated on first use. A top-K over aggregates (`ORDER BY count() DESC LIMIT 10`) reads
 * its sort columns over every group, and the others only over the groups it keeps (evaluateAt), so ten
 * rows out of ten million groups do not evaluate and gather every sum and average of every group.
 */
class FinalColumns implements GroupColumns {
  private readonly full: (Vector | null)[];

  constructor(private readonly accs: readonly GroupsAccumulator[], private readonly groups: number) {
    this.full = accs.map(() => null);
  }

  get width(): number {
    return this.accs.length;
  }

  all(i: number): Vector {
    return this.full[i] ??= this.accs[i]!.evaluate(this.groups);
  }

  at(i: number, rows: Uint32Array): Vector {
    const done = this.full[i];
    if (done) return takeVector(done, rows);
    const a = this.accs[i]!;
    return a.evaluateAt ? a.evaluateAt(rows, this.groups) : takeVector(this.all(i), rows);
  }
}
