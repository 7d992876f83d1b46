/**
 * LateMaterializeExec: the second half of late materialisation. Its input is a top-K computed over only
 * the columns the filter and the ORDER BY need, with two trailing ordinal columns (unit ordinal, row in
 * unit) that locate each winning row in the scan's units. It fetches the remaining columns for just
 * those rows (ScanUnit.readRows reads only the granules holding them), then emits the rows in the
 * input's (top-K) order with every output column in place.
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError } from '../../src/core/errors.ts';
import type { ScanUnit } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import type { FlatVector, Vector } from '../../src/core/vector.ts';
import type { ExecContext, PhysicalOperator } from './operator.ts';
import { yieldToEventLoop } from './operator.ts';
import { RowBuffer } from './sort.ts';
import { concatVectors, flatten, sliceVector, takeVector, vectorBytes } from './vectors.ts';

/** Where an output column comes from: a column of the input, or a table column fetched by row. */
export type LateSource =
  | { readonly kind: 'input'; readonly index: number }
  | { readonly kind: 'fetch'; readonly column: string };

/** Fetches the late columns of a top-K's rows. */
export class LateMaterializeExec implements PhysicalOperator {
  readonly name = 'LateMaterialize';
  readonly children: readonly PhysicalOperator[];
  private readonly fetched: readonly string[];

  /**
   * @param input rows in output order; its last two columns are the UInt32 unit ordinal and row in unit
   * @param units the scan's units, indexed by unit ordinal (each must implement readRows)
   * @param sources one per output column
   */
  constructor(readonly input: PhysicalOperator, readonly units: readonly ScanUnit[], readonly sources: readonly LateSource[],
    readonly schema: readonly Field[], private readonly table: string) {
    this.children = [input];
    this.fetched = [...new Set(sources.flatMap((s) => s.kind === 'fetch' ? [s.column] : []))];
  }

  async *execute(ctx: ExecContext): AsyncIterable<Batch> {
    const buf = new RowBuffer(this.input.schema);
    for await (const b of this.input.execute(ctx)) buf.add(b);
    const n = buf.rows;
    if (n === 0) return;
    const cols = buf.columns();
    const w = cols.length;
    const unitOf = (flatten(cols[w - 2]!) as FlatVector).values as Uint32Array;
    const rowOf = (flatten(cols[w - 1]!) as FlatVector).values as Uint32Array;
    // Fetch unit by unit, rows ascending; fetchPos maps an output row to its place in fetch order.
    const order = new Uint32Array(n);
    for (let i = 0; i < n; i++) order[i] = i;
    order.sort((a, b) => unitOf[a]! - unitOf[b]! || rowOf[a]! - rowOf[b]!);
    const fetchPos = new Uint32Array(n);
    const pieces: Vector[][] = this.fetched.map(() => []);
    for (let s = 0; s < n;) {
      const u = unitOf[order[s]!]!;
      let e = s;
      while (e < n && unitOf[order[e]!] === u) e++;
      const rows = new Uint32Array(e - s);
      for (let i = s; i < e; i++) {
        rows[i - s] = rowOf[order[i]!]!;
        fetchPos[order[i]!] = i;
      }
      const unit = this.units[u];
      if (unit?.readRows === undefined) throw new EddyError('LOGICAL_ERROR', `late materialisation: unit ${u} cannot read rows`);
      let got = 0;
      for await (const b of unit.readRows(rows, this.fetched, ctx.signal)) {
        ctx.check();
        const sel = b.sel;
        // The scan counted these rows already; only the fetched values' bytes are new.
        for (let c = 0; c < this.fetched.length; c++) {
          const v = b.columns[c]!;
          const piece = sel === null ? v : takeVector(v, sel);
          ctx.stats.readBytes += vectorBytes(piece);
          pieces[c]!.push(piece);
        }
        got += sel === null ? b.length : sel.length;
      }
      if (got !== rows.length) throw new EddyError('LOGICAL_ERROR', `late materialisation: unit ${u} returned ${got} of ${rows.length} rows`);
      s = e;
      await yieldToEventLoop();
    }
    const late = this.fetched.map((name, c) => {
      const type = this.schema[this.sources.findIndex((s) => s.kind === 'fetch' && s.column === name)]!.type;
      return takeVector(concatVectors(type, pieces[c]!), fetchPos);
    });
    const out = this.sources.map((s) => s.kind === 'input' ? cols[s.index]! : late[this.fetched.indexOf(s.column)]!);
    for (let s = 0; s < n; s += ctx.batchRows) {
      const e = Math.min(n, s + ctx.batchRows);
      yield { schema: this.schema, columns: s === 0 && e === n ? out : out.map((v) => sliceVector(v, s, e)), length: e - s, sel: null };
      ctx.check();
      await yieldToEventLoop();
    }
  }

  explain(): string {
    return `LateMaterialize ${this.fetched.join(', ')} from ${this.table}`;
  }
}
