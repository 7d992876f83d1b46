/**
 * SortExec: materializes its input, sorts a row permutation with a multi-key comparator and emits
 * the rows in order, in batches of max_block_size. TopKExec shares the buffering and sorting.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import type { SortKey } from '../planner/logical.ts';
import { makeComparator } from './compare-rows.ts';
import { Evaluator } from './evaluator.ts';
import { formatExpr } from './format-expr.ts';
import { numericOrder } from './numeric-order.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { topRows } from './top-rows.ts';
import { compactBatch, concatVectors, flatten, takeVector, vectorBytes } from './vectors.ts';

/** Rows gathered from many batches into one set of columns. */
export class RowBuffer {
  private parts: Batch[] = [];
  rows = 0;
  bytes = 0;

  constructor(readonly schema: readonly Field[]) {}

  /** Add the active rows of a batch. */
  add(b: Batch): void {
    const d = compactBatch(b);
    if (d.length === 0) return;
    this.parts.push(d);
    this.rows += d.length;
    for (const c of d.columns) this.bytes += vectorBytes(c);
  }

  /** All rows as one column per field. */
  columns(): (FlatVector | StringVector)[] {
    const cols = this.schema.map((f, i) => concatVectors(f.type, this.parts.map((p) => p.columns[i]!)));
    this.parts = [{ schema: this.schema, columns: cols, length: this.rows, sel: null }];
    return cols;
  }
}

/** Rows sorted in one go: runs of this length are sorted, then merged (a few milliseconds of comparisons each). */
const SORT_RUN = 8192;
/** Rows merged between two turns of the event loop. */
const MERGE_SLICE = 16384;

/**
 * The permutation that sorts `columns` by `keys`, truncated to `limit` rows. Ties keep row order. A full
 * sort is a merge sort of SORT_RUN-row runs that lets the event loop run between runs and merge slices.
 */
export async function sortedOrder(columns: readonly Vector[], n: number, keys: readonly SortKey[], ev: Evaluator,
  ctx: ExecContext, limit = n): Promise<Uint32Array> {
  const keyVecs = ev.run(columns, n).map(flatten);
  const cmp = makeComparator(keyVecs.map((v, i) => ({ v, desc: keys[i]!.desc, nullsFirst: keys[i]!.nullsFirst })));
  if (limit * 8 < n) return topRows(cmp, n, limit);
  const fast = keyVecs.length === 1 ? numericOrder(keyVecs[0]!, keys[0]!.desc, n, limit) : null;
  if (fast !== null) return fast;
  let order = new Uint32Array(n);
  for (let i = 0; i < n; i++) order[i] = i;
  for (let s = 0; s < n; s += SORT_RUN) {
    if (s > 0) { ctx.check(); await yieldToEventLoop(); }
    order.subarray(s, Math.min(n, s + SORT_RUN)).sort(cmp);
  }
  let next = new Uint32Array(n);
  for (let w = SORT_RUN; w < n; w *= 2) {
    for (let lo = 0, o = 0; lo < n; lo += 2 * w) {
      const mid = Math.min(n, lo + w); const hi = Math.min(n, lo + 2 * w);
      let i = lo; let j = mid;
      while (o < hi) {
        next[o++] = j >= hi || (i < mid && cmp(order[i]!, order[j]!) <= 0) ? order[i++]! : order[j++]!;
        if (o % MERGE_SLICE === 0) { ctx.check(); await yieldToEventLoop(); }
      }
    }
    [order, next] = [next, order];
  }
  return limit < n ? order.subarray(0, limit) : order;
}

/** Emit `columns` permuted by `order`, skipping `offset` rows, in batches. */
export async function* emitOrdered(schema: readonly Field[], columns: readonly Vector[], order: Uint32Array, offset: number,
  ctx: ExecContext): AsyncIterable<Batch> {
  for (let s = offset; s < order.length; s += ctx.batchRows) {
    const idx = order.subarray(s, Math.min(order.length, s + ctx.batchRows));
    yield { schema, columns: columns.map((c) => takeVector(c, idx)), length: idx.length, sel: null };
    ctx.check();
    await yieldToEventLoop();
  }
}

/** Full ORDER BY. */
export class SortExec implements PhysicalOperator {
  readonly name = 'Sort';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly input: PhysicalOperator, readonly keys: readonly SortKey[]) {
    this.children = [input];
  }

  get schema() { return this.input.schema; }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    const buf = new RowBuffer(this.schema);
    try {
      for await (const b of this.input.execute(ctx)) {
        buf.add(b);
        ctx.trackMemory(owner, buf.bytes);
      }
      if (buf.rows === 0) return;
      const cols = buf.columns();
      const order = await sortedOrder(cols, buf.rows, this.keys, new Evaluator(this.keys.map((k) => k.expr)), ctx);
      yield* emitOrdered(this.schema, cols, order, 0, ctx);
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  explain(): string {
    return `Sort ${formatSortKeys(this.keys, this.schema)}`;
  }
}

/** `a DESC, b` for EXPLAIN. */
export function formatSortKeys(keys: readonly SortKey[], schema: readonly Field[]): string {
  return keys.map((k) => `${formatExpr(k.expr, schema)}${k.desc ? ' DESC' : ''}${k.nullsFirst ? ' NULLS FIRST' : ''}`).join(', ');
}

