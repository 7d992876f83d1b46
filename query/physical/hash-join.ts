/**
 * HashJoinExec: equi-join. The right input is the build side: materialized, its key rows serialized
 * to bytes and chained per distinct key (rows with a NULL key never match). Left batches probe it and
 * the matching (left, right) row pairs are gathered. LEFT JOIN fills unmatched right columns with
 * default values (ClickHouse's join_use_nulls = 0). No keys (CROSS JOIN) = every pair.
 */
import type { Batch } from '../../src/core/batch.ts';
import type { Field } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { Evaluator } from './evaluator.ts';
import { formatExpr } from './format-expr.ts';
import { BytesMap, hashBytes } from './hash/bytes-map.ts';
import { serializeRows } from './hash/row-keys.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { RowBuffer } from './sort.ts';
import { compactBatch, concatVectors, defaultVector, takeVector } from './vectors.ts';

/** Hash equi-join (inner, left, cross). */
export class HashJoinExec implements PhysicalOperator {
  readonly name = 'HashJoin';
  readonly children: readonly PhysicalOperator[];

  constructor(readonly left: PhysicalOperator, readonly right: PhysicalOperator, readonly joinType: 'inner' | 'left' | 'cross',
    readonly leftKeys: readonly BoundExpr[], readonly rightKeys: readonly BoundExpr[], readonly schema: readonly Field[]) {
    this.children = [left, right];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const owner = {};
    try {
      // Build.
      const buf = new RowBuffer(this.right.schema);
      for await (const b of this.right.execute(ctx)) { buf.add(b); ctx.trackMemory(owner, buf.bytes); }
      const nr = buf.rows;
      const rcols = nr > 0 ? buf.columns() : this.right.schema.map((f) => concatVectors(f.type, []));
      // One default row appended at index nr for unmatched LEFT rows.
      const rightCols: Vector[] = rcols.map((c, i) => concatVectors(this.right.schema[i]!.type, [c, defaultVector(this.right.schema[i]!.type, 1)]));
      const map = new BytesMap();
      const first = new Int32Array(Math.max(nr, 1)).fill(-1);
      const next = new Int32Array(Math.max(nr, 1)).fill(-1);
      if (nr > 0) {
        const keys = new Evaluator(this.rightKeys).run(rcols, nr);
        const ser = serializeRows(keys, nr, false);
        let firstGrow = first;
        for (let i = nr - 1; i >= 0; i--) {
          if (ser.hasNull !== null && ser.hasNull[i] === 1) continue;
          const s = ser.offsets[i]!; const e = ser.offsets[i + 1]!;
          const id = map.findOrInsert(ser.bytes, s, e, hashBytes(ser.bytes, s, e));
          if (id >= firstGrow.length) { const f = new Int32Array(firstGrow.length * 2).fill(-1); f.set(firstGrow); firstGrow = f; }
          next[i] = firstGrow[id]!;
          firstGrow[id] = i;
        }
        ctx.trackMemory(owner, buf.bytes + map.memoryBytes() + firstGrow.byteLength + next.byteLength);
        yield* this.probe(ctx, rightCols, map, firstGrow, next, nr);
      } else if (this.joinType === 'left') {
        yield* this.probe(ctx, rightCols, map, first, next, nr);
      }
    } finally {
      ctx.trackMemory(owner, 0);
    }
  }

  private async *probe(ctx: ExecContext, rightCols: readonly Vector[], map: BytesMap, first: Int32Array, next: Int32Array, nr: number): AsyncIterable<Batch> {
    const ev = new Evaluator(this.leftKeys);
    const isLeft = this.joinType === 'left';
    const cap = ctx.batchRows;
    let li = new Uint32Array(cap);
    let ri = new Uint32Array(cap);
    for await (const b of this.left.execute(ctx)) {
      const d = compactBatch(b);
      const n = d.length;
      const ser = serializeRows(ev.run(d.columns, n), n, false);
      let k = 0;
      const flush = (): Batch => {
        const lsel = li.subarray(0, k); const rsel = ri.subarray(0, k);
        const out: Batch = { schema: this.schema, columns: [...d.columns.map((c) => takeVector(c, lsel)), ...rightCols.map((c) => takeVector(c, rsel))], length: k, sel: null };
        li = new Uint32Array(cap); ri = new Uint32Array(cap); k = 0;
        return out;
      };
      for (let i = 0; i < n; i++) {
        let r = -1;
        if (ser.hasNull === null || ser.hasNull[i] === 0) {
          const s = ser.offsets[i]!; const e = ser.offsets[i + 1]!;
          const id = map.find(ser.bytes, s, e, hashBytes(ser.bytes, s, e));
          if (id >= 0) r = first[id]!;
        }
        if (r < 0) {
          if (!isLeft) continue;
          li[k] = i; ri[k] = nr; k++;
          if (k === cap) { yield flush(); await yieldToEventLoop(); }
          continue;
        }
        for (; r >= 0; r = next[r]!) {
          li[k] = i; ri[k] = r; k++;
          if (k === cap) { ctx.check(); yield flush(); await yieldToEventLoop(); }
        }
      }
      if (k > 0) yield flush();
    }
  }

  explain(): string {
    const keys = this.leftKeys.map((l, i) => `${formatExpr(l, this.left.schema)} = ${formatExpr(this.rightKeys[i]!, this.right.schema)}`);
    return `HashJoin ${this.joinType.toUpperCase()}${keys.length ? ` on ${keys.join(' AND ')}` : ''} (build: right)`;
  }
}
