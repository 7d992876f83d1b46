/** Selection vectors: the physical indexes of a batch's active rows, narrowed by predicate vectors. */
import type { Vector } from '../../src/core/vector.ts';
import { flatten } from './vectors.ts';

/** Marker for "every row passes". */
export const ALL_ROWS: unique symbol = Symbol('all rows');

/**
 * Keep the rows where `pred` is true (non-zero and not NULL): the rows are 0..n when `sel` is null,
 * else the n rows sel[0..n). `pred` holds either one value per physical row (`gathered` false) or one
 * per selected row, pred row j standing for row sel[j] (`gathered` true: it was evaluated on the
 * selected rows only). Indexes of the kept rows go to `out` (which may be `sel`); returns their count.
 */
export function selectTrue(pred: Vector, sel: Uint32Array | null, n: number, gathered: boolean, out: Uint32Array): number {
  if (pred.kind === 'const') {
    const v = pred.value;
    if (v === null || v === 0 || v === false || v === 0n) return 0;
    if (sel === null) for (let i = 0; i < n; i++) out[i] = i;
    else if (sel !== out) out.set(sel.subarray(0, n));
    return n;
  }
  const f = flatten(pred);
  if (f.kind === 'string') return 0;
  const t = f.values instanceof Uint8Array && f.nulls === null ? f.values : truthBytes(f.values, f.nulls, f.length);
  let m = 0;
  if (sel === null) for (let i = 0; i < n; i++) { out[m] = i; m += +(t[i] !== 0); }
  else if (gathered) for (let j = 0; j < n; j++) { out[m] = sel[j]!; m += +(t[j] !== 0); }
  else for (let j = 0; j < n; j++) { const i = sel[j]!; out[m] = i; m += +(t[i] !== 0); }
  return m;
}

/** 1 where a value is truthy (non-zero) and not NULL, else 0. */
function truthBytes(values: ArrayLike<number | bigint>, nulls: Uint8Array | null, n: number): Uint8Array {
  const t = new Uint8Array(n);
  for (let i = 0; i < n; i++) t[i] = values[i] && (nulls === null || nulls[i] === 0) ? 1 : 0;
  return t;
}
