/**
 * A filter predicate run as a chain of conjuncts, each narrowing a selection vector (DuckDB's
 * conjunction filter): the first conjunct looks at every row, the next ones only at the rows still
 * selected. `column op constant` on a flat integer column, and `=` / `!=` between a String column and a
 * constant, are selection kernels that write row indexes directly (query/expr/select-const.ts); any
 * other conjunct is evaluated — on the selected rows only, gathered, once few remain — and its result
 * narrows the selection. Columns are never compacted and no
 * 0/1 mask is combined with AND. Conjuncts run cheapest first (as DuckDB's expression heuristics
 * order them): numeric comparisons with a constant, then string (in)equality with a constant, then
 * other comparisons, then everything else; equal costs keep their order. So a poll such as
 * `event = 'probe' AND session_id = 42` compares integers over every row and strings over few.
 *
 * The kernel conjuncts (comparisons with a constant, which cannot fail) are then reordered as batches
 * come, like DuckDB's adaptive filters: each one's time per row and share of rows removed are measured,
 * and they run in order of time per removed row, so `URLHash = c` (removing almost every row) runs
 * before `IsRefresh = 0` (removing few) whatever the order written. Other conjuncts keep their place
 * after them.
 */
import type { Batch } from '../../src/core/batch.ts';
import { isTemporal, type DataType, type Scalar } from '../../src/core/types.ts';
import { utf8, type Vector } from '../../src/core/vector.ts';
import type { CmpOp } from '../expr/compare.ts';
import { domainOf } from '../expr/promote.ts';
import { readI64, scalarToNumber } from '../expr/read.ts';
import { intRange, selectDictEquals, selectRange, selectStringEquals, selectWideEquals, swapOp, type IntRange } from '../expr/select-const.ts';
import type { BoundExpr } from '../planner/bound.ts';
import { columnsOf, conjuncts } from '../planner/bound.ts';
import { Evaluator } from './evaluator.ts';
import { ALL_ROWS, selectTrue } from './selection.ts';
import { takeVector } from './vectors.ts';

const CMP_OPS: ReadonlySet<string> = new Set(['equals', 'notEquals', 'less', 'greater', 'lessOrEquals', 'greaterOrEquals']);

/** `column op constant`, with the evaluator of the whole conjunct for vectors the kernels do not take. */
interface CmpConjunct {
  readonly kind: 'cmp';
  readonly col: number;
  readonly colType: DataType;
  readonly op: CmpOp;
  /** Range form for narrow integer columns; null when the constant needs the general kernel. */
  readonly range: IntRange | null;
  /** Raw 64-bit halves of the constant for `=` / `!=` on 64-bit columns; null when not applicable. */
  readonly wide: { readonly lo: number; readonly hi: number } | null;
  /** UTF-8 bytes of the constant for `=` / `!=` on String columns; null when not applicable. */
  readonly text: Uint8Array | null;
  readonly general: ExprConjunct;
}

/** Any other conjunct: evaluated, then its truth narrows the selection. */
interface ExprConjunct {
  readonly kind: 'expr';
  readonly ev: Evaluator;
  readonly cols: readonly number[];
}

type Conjunct = CmpConjunct | ExprConjunct;

/** Relative cost of a conjunct per row, for ordering (see the file comment). */
function cost(c: Conjunct): number {
  if (c.kind === 'expr') return 3;
  if (c.range !== null || c.wide !== null) return 0;
  return c.text !== null ? 1 : 2;
}

/** Batches after which the kernel conjuncts are put in measured order: 1, 2, 4, 8, ... */
function reorderAfter(batches: number): boolean {
  return (batches & (batches - 1)) === 0;
}

/** A compiled filter predicate over batches of one schema. */
export class FilterProgram {
  private readonly conjuncts: Conjunct[];
  /** Leading conjuncts that are kernel comparisons (reorderable), and per conjunct (by index in `conjuncts`): rows in, rows kept, ms. */
  private readonly kernels: number;
  private readonly rowsIn: Float64Array;
  private readonly rowsKept: Float64Array;
  private readonly ms: Float64Array;
  private batches = 0;
  private scratch = new Uint32Array(0);

  constructor(readonly predicate: BoundExpr) {
    // Cheapest first (Array#sort is stable: equal costs keep their order); later conjuncts see only the rows still selected.
    this.conjuncts = conjuncts(predicate).map(compileConjunct).sort((a, b) => cost(a) - cost(b));
    this.kernels = this.conjuncts.filter((c) => c.kind === 'cmp').length;
    const n = this.conjuncts.length;
    this.rowsIn = new Float64Array(n);
    this.rowsKept = new Float64Array(n);
    this.ms = new Float64Array(n);
  }

  /**
   * Physical indexes of the batch's active rows where the predicate is true (a fresh array), or
   * ALL_ROWS when every row of a batch without a selection passes.
   */
  select(b: Batch): Uint32Array | typeof ALL_ROWS {
    const n = b.length;
    if (this.scratch.length < n) this.scratch = new Uint32Array(Math.max(n, 1024));
    const out = this.scratch;
    let sel: Uint32Array | null = b.sel;
    let k = sel === null ? n : sel.length;
    const whole = b.sel === null;
    const measure = this.kernels > 1;
    for (let i = 0; i < this.conjuncts.length; i++) {
      if (k === 0) break;
      const t = measure && i < this.kernels ? performance.now() : 0;
      const kept = runConjunct(this.conjuncts[i]!, b.columns, n, sel, k, whole, out);
      if (t !== 0) {
        this.ms[i]! += performance.now() - t;
        this.rowsIn[i]! += k;
        this.rowsKept[i]! += kept;
      }
      k = kept;
      sel = out;
    }
    if (measure && reorderAfter(++this.batches)) this.reorder();
    if (sel === null || (sel !== out && k === sel.length)) return b.sel ?? ALL_ROWS;
    if (b.sel === null && k === n) return ALL_ROWS;
    return out.slice(0, k);
  }

  /** Sort the kernel conjuncts by measured time per removed row (unmeasured ones last, in their order). */
  private reorder(): void {
    const m = this.kernels;
    const rank = (i: number): number => {
      const removed = this.rowsIn[i]! - this.rowsKept[i]!;
      if (this.rowsIn[i] === 0) return Infinity;
      return removed === 0 ? Number.MAX_VALUE : this.ms[i]! / removed;
    };
    const idx = Array.from({ length: m }, (_, i) => i).sort((a, b) => rank(a) - rank(b) || a - b);
    if (idx.every((j, i) => j === i)) return;
    const pick = <T>(a: T[]): T[] => idx.map((j) => a[j]!);
    this.conjuncts.splice(0, m, ...pick(this.conjuncts.slice(0, m)));
    for (const a of [this.rowsIn, this.rowsKept, this.ms]) a.set(pick(Array.from(a.subarray(0, m))));
  }
}

/**
 * Run one conjunct over rows 0..n (sel null) or sel[0..k); the kept rows go to `out`, their count is
 * returned. `whole`: every physical row belongs to the batch (it came without a selection).
 */
function runConjunct(c: Conjunct, columns: readonly Vector[], n: number, sel: Uint32Array | null, k: number, whole: boolean,
  out: Uint32Array): number {
  if (c.kind === 'cmp') {
    const v = columns[c.col]!;
    if (v.kind === 'flat' && v.nulls === null) {
      if (c.range !== null) {
        const m = selectRange(v.values, c.range, sel, k, out);
        if (m >= 0) return m;
      } else if (c.wide !== null && (v.values instanceof BigInt64Array || v.values instanceof BigUint64Array)) {
        const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
        return selectWideEquals(w, c.wide.lo, c.wide.hi, c.op === 'equals' ? 0 : 1, sel, k, out);
      }
    } else if (c.text !== null && v.kind !== 'const' && v.nulls === null) {
      const neg = c.op === 'equals' ? 0 : 1;
      if (v.kind === 'string') return selectStringEquals(v.offsets, v.bytes, c.text, neg, sel, k, out);
      if (v.kind === 'dict' && v.dict.kind === 'string' && v.dict.nulls === null) {
        return selectDictEquals(v.codes, v.dict.offsets, v.dict.bytes, v.dict.length, c.text, neg, sel, k, out);
      }
    }
    return runExpr(c.general, columns, n, sel, k, whole, out);
  }
  return runExpr(c, columns, n, sel, k, whole, out);
}

/**
 * Evaluate a conjunct on every row while at least half of a whole batch is selected, else on the
 * selected rows only (gathered): rows a batch excludes are never evaluated.
 */
function runExpr(c: ExprConjunct, columns: readonly Vector[], n: number, sel: Uint32Array | null, k: number, whole: boolean,
  out: Uint32Array): number {
  if (sel === null || (whole && 2 * k >= n)) return selectTrue(c.ev.run(columns, n)[0]!, sel, k, false, out);
  const gathered = columns.slice();
  for (const i of c.cols) gathered[i] = takeVector(columns[i]!, sel, k);
  return selectTrue(c.ev.run(gathered, k)[0]!, sel, k, true, out);
}

function compileConjunct(e: BoundExpr): Conjunct {
  const general: ExprConjunct = { kind: 'expr', ev: new Evaluator([e]), cols: [...columnsOf(e)] };
  if (e.kind !== 'call' || !CMP_OPS.has(e.fn) || e.args.length !== 2) return general;
  const [a, b] = e.args as [BoundExpr, BoundExpr];
  const op = e.fn as CmpOp;
  if (a.kind === 'col' && b.kind === 'const') return cmpConjunct(a.index, a.type, op, b.value, b.type, general);
  if (a.kind === 'const' && b.kind === 'col') return cmpConjunct(b.index, b.type, swapOp(op), a.value, a.type, general);
  return general;
}

/** The kernel forms of `column op constant`, mirroring compareVectors' choice of domain. */
function cmpConjunct(col: number, colType: DataType, op: CmpOp, value: Scalar, constType: DataType, general: ExprConjunct): Conjunct {
  if (colType.kind === 'String' && constType.kind === 'String' && typeof value === 'string' && (op === 'equals' || op === 'notEquals')) {
    return { kind: 'cmp', col, colType, op, range: null, wide: null, text: utf8(value), general };
  }
  if (value === null || typeof value === 'string' || colType.kind === 'String' || constType.kind === 'String') return general;
  if (isTemporal(colType) && isTemporal(constType) && colType.kind !== constType.kind) return general;
  const wideCol = colType.kind === 'Int64' || colType.kind === 'UInt64' || colType.kind === 'DateTime64';
  if (wideCol) {
    if (domainOf(colType, constType) !== 'i64' || (op !== 'equals' && op !== 'notEquals')) return general;
    const k = readI64({ kind: 'const', type: constType, length: 1, value }, 1);
    const inRange = colType.kind === 'UInt64' ? k.hi[0]! >= 0 : k.hi[0]! < 2 ** 31;
    if (!inRange) return general;
    return { kind: 'cmp', col, colType, op, range: null, wide: { lo: k.lo[0]!, hi: k.hi[0]! }, text: null, general };
  }
  if (colType.kind === 'Float32' || colType.kind === 'Float64') return general;
  return { kind: 'cmp', col, colType, op, range: intRange(op, scalarToNumber(value)), wide: null, text: null, general };
}
