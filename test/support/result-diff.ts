/**
 * Compare a query's result from Eddy with the reference system's, allowing what SQL allows:
 * - floats (and any column that is a float on either side) match within a relative 1e-9;
 * - without ORDER BY, rows match as a multiset, and with LIMIT only the row count is checked;
 * - with ORDER BY, the sequence of sort keys must match, rows whose key lies strictly between the
 *   first and the last key must match as a multiset, and the rows at those two boundary keys (where
 *   ties may be cut differently) must be real result rows with that key (checked against the whole
 *   reference result, fetched only when the boundary rows differ);
 * - sort keys that are not selected are taken from the reference rows, where the caller appended
 *   them as extra columns (see order-spec.ts withHiddenKeys).
 */
import { cellText, type Cell, type CellRow } from './result-cells.ts';
import type { OrderSpec } from './order-spec.ts';

const REL = 1e-9;

/** Eddy's rows, the reference rows (with hidden keys appended) and a lazy whole reference result. */
export interface DiffInput {
  readonly eddy: readonly CellRow[];
  readonly ref: readonly CellRow[];
  readonly spec: OrderSpec;
  /** The reference result without LIMIT/OFFSET, in order, hidden keys appended. */
  readonly wholeRef: () => Promise<CellRow[]>;
}

function cellEq(a: Cell, b: Cell, tol: number): boolean {
  if (a === b) return true;
  if (typeof a === 'number' || typeof b === 'number') {
    if (a === null || b === null || typeof a === 'string' || typeof b === 'string') return false;
    const x = Number(a);
    const y = Number(b);
    if (Number.isNaN(x) && Number.isNaN(y)) return true;
    return Math.abs(x - y) <= tol * Math.max(Math.abs(x), Math.abs(y));
  }
  return false;
}

/** Tolerances by column: REL for columns holding a float on either side, 0 otherwise. */
function tolerances(width: number, rows: readonly (readonly CellRow[])[]): number[] {
  const tol = new Array<number>(width).fill(0);
  for (const set of rows) for (const r of set) r.forEach((c, i) => { if (typeof c === 'number' && i < width) tol[i] = REL; });
  return tol;
}

const rowEq = (a: CellRow, b: CellRow, tol: readonly number[]): boolean => tol.every((t, i) => cellEq(a[i]!, b[i]!, t));

/** Rows of `want` not matched by a row of `have` (multiset difference want − have). */
function missing(want: readonly CellRow[], have: readonly CellRow[], tol: readonly number[]): CellRow[] {
  const bucket = (r: CellRow): string => tol.map((t, i) => (t > 0 ? '~' : cellText(r[i]!))).join('\u0001');
  const pool = new Map<string, CellRow[]>();
  for (const r of have) {
    const k = bucket(r);
    const list = pool.get(k);
    if (list) list.push(r);
    else pool.set(k, [r]);
  }
  const out: CellRow[] = [];
  for (const r of want) {
    const list = pool.get(bucket(r));
    const at = list ? list.findIndex((h) => rowEq(r, h, tol)) : -1;
    if (at < 0) out.push(r);
    else list!.splice(at, 1);
  }
  return out;
}

const sameMultiset = (a: readonly CellRow[], b: readonly CellRow[], tol: readonly number[]): boolean =>
  a.length === b.length && missing(a, b, tol).length === 0;

/** Text of up to `n` rows for a mismatch message. */
export function rowsText(rows: readonly CellRow[], n = 12): string {
  const lines = rows.slice(0, n).map((r) => `  ${r.map(cellText).join(' | ')}`);
  if (rows.length > n) lines.push(`  … ${rows.length - n} more`);
  return lines.length === 0 ? '  (no rows)' : lines.join('\n');
}

/** Why the results differ, or null when Eddy's result is a valid answer. */
export async function diffResults(input: DiffInput): Promise<string | null> {
  const { eddy, spec } = input;
  const hiddenCount = spec.order.filter((t) => t.column < 0).length;
  const width = eddy[0]?.length ?? Math.max(0, (input.ref[0]?.length ?? 0) - hiddenCount);
  const visible = (r: CellRow): CellRow => (hiddenCount === 0 ? r : r.slice(0, width));
  const ref = input.ref.map(visible);
  if (eddy.length !== ref.length) return `row count: eddy ${eddy.length}, reference ${ref.length}`;
  const tol = tolerances(width, [eddy, ref]);
  if (spec.order.length === 0) {
    if (spec.limit !== undefined) return null;
    return sameMultiset(eddy, ref, tol) ? null : 'rows differ (as a multiset)';
  }
  if (eddy.length === 0 || (hiddenCount > 0 && sameMultiset(eddy, ref, tol))) return null;

  // Sort key of a reference row (hidden keys from the appended columns) and its comparison.
  let hidden = 0;
  const keyCols = spec.order.map((t) => (t.column >= 0 ? t.column : width + hidden++));
  const keyTol = keyCols.map((c) => (c < width ? tol[c]! : REL));
  const key = (r: CellRow): CellRow => keyCols.map((c) => r[c]!);
  const keyEq = (a: CellRow, b: CellRow): boolean => a.every((x, i) => cellEq(x, b[i]!, keyTol[i]!));
  const first = key(input.ref[0]!);
  const last = key(input.ref[input.ref.length - 1]!);
  const atBoundary = (k: CellRow): boolean => keyEq(k, first) || keyEq(k, last);

  if (hiddenCount === 0) {
    for (let i = 0; i < eddy.length; i++) {
      if (!keyEq(key(eddy[i]!), key(ref[i]!))) return `sort key of row ${i + 1} differs`;
    }
    const inner = (rows: readonly CellRow[]): CellRow[] => rows.filter((r) => !atBoundary(key(r)));
    if (!sameMultiset(inner(eddy), inner(ref), tol)) return 'rows strictly inside the ORDER BY window differ';
    const edge = eddy.filter((r) => atBoundary(key(r)));
    if (sameMultiset(edge, ref.filter((r) => atBoundary(key(r))), tol)) return null;
    const candidates = (await input.wholeRef()).filter((r) => atBoundary(key(r)));
    const bad = missing(edge, candidates, tol);
    return bad.length === 0 ? null : `rows at the boundary sort keys are not result rows:\n${rowsText(bad)}`;
  }

  // Some sort keys are not selected: Eddy's rows must be the reference's inner rows plus rows of the boundary ties.
  const innerRef = input.ref.filter((r) => !atBoundary(key(r))).map(visible);
  const rest = missing(eddy, innerRef, tol);
  if (rest.length !== eddy.length - innerRef.length) return 'rows strictly inside the ORDER BY window differ';
  const candidates = (await input.wholeRef()).filter((r) => atBoundary(key(r))).map(visible);
  const bad = missing(rest, candidates, tol);
  return bad.length === 0 ? null : `rows at the boundary sort keys are not result rows:\n${rowsText(bad)}`;
}
