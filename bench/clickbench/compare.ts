/**
 * Does Eddy's answer to a ClickBench query match DuckDB's? Results are compared as rows of text
 * cells (ClickHouse TabSeparated spelling); in floating-point columns (as Eddy types them) numbers
 * match within a relative 1e-6 (AVG sums in different orders, different shortest spellings of the
 * same double), everything else must be equal.
 *
 * ORDER BY … LIMIT leaves rows that tie on the sort key free to come in any order, and a tie at the
 * LIMIT (or OFFSET) cut lets either system pick different rows. So each query has a rule:
 * - `exact`: same rows in the same order (single-row aggregates, unique sort keys);
 * - `keys`: the sort-key cells (given as output column numbers) must match row by row; rows are then
 *   grouped by key, interior groups must hold the same rows in any order, and the first group (when
 *   there is an OFFSET) and the last group (when the LIMIT is reached) are checked on their keys only;
 * - `set`: same rows in any order (no ORDER BY, no LIMIT);
 * - `count`: same number of rows (LIMIT without ORDER BY, or ORDER BY a column not in the output).
 */

/** How to compare the results of one query. */
export type CompareRule =
  | { readonly kind: 'exact' }
  | { readonly kind: 'keys'; readonly keys: readonly number[] }
  | { readonly kind: 'set' }
  | { readonly kind: 'count' };

const exact: CompareRule = { kind: 'exact' };
const count: CompareRule = { kind: 'count' };
const keys = (...k: number[]): CompareRule => ({ kind: 'keys', keys: k });

/** The rule of each of the 43 queries, in order (see sql/queries.sql). */
export const CLICKBENCH_RULES: readonly CompareRule[] = [
  exact, exact, exact, exact, exact, exact, exact, // 1–7: single-row aggregates
  keys(1), keys(1), keys(2), keys(1), keys(2), keys(1), keys(1), keys(2), keys(1), keys(2), // 8–17
  count, // 18: GROUP BY … LIMIT 10 without ORDER BY
  keys(3), // 19
  { kind: 'set' }, // 20: WHERE UserID = …, no ORDER BY
  exact, keys(2), keys(3), // 21–23
  keys(4), // 24: SELECT * … ORDER BY EventTime (column 5)
  count, // 25: ORDER BY EventTime, not in the output
  keys(0), // 26: ORDER BY SearchPhrase
  count, // 27: ORDER BY EventTime, SearchPhrase
  keys(1), keys(1), // 28–29: ORDER BY l DESC
  exact, // 30
  keys(2), keys(2), keys(2), keys(1), keys(2), keys(4), // 31–36
  keys(1), keys(1), keys(1), keys(5), keys(2), keys(2), // 37–42
  keys(0), // 43: ORDER BY minute
];

/**
 * A mismatch explained in one line, or null when the results match. `approx[c]` marks the
 * floating-point columns.
 */
export function compareResults(rule: CompareRule, sql: string, got: readonly string[][], want: readonly string[][],
  approx: readonly boolean[]): string | null {
  const rowsMatch = (a: readonly string[], b: readonly string[], cols?: readonly number[]): boolean => {
    if (a.length !== b.length) return false;
    for (let i = 0; i < a.length; i++) if (!cellsMatch(a[i]!, b[i]!, approx[cols === undefined ? i : cols[i]!] ?? false)) return false;
    return true;
  };
  if (got.length !== want.length) return `${got.length} rows, expected ${want.length}`;
  switch (rule.kind) {
    case 'count':
      return null;
    case 'exact':
      for (let i = 0; i < got.length; i++) {
        if (!rowsMatch(got[i]!, want[i]!)) return `row ${i + 1}: ${show(got[i]!)}, expected ${show(want[i]!)}`;
      }
      return null;
    case 'set':
      return sameMultiset(got, want, rowsMatch) ? null : `different rows: ${show(got[0] ?? [])}…, expected ${show(want[0] ?? [])}…`;
    case 'keys':
      return compareByKeys(rule.keys, /\bOFFSET\s+[1-9]/i.test(sql), limitOf(sql), got, want, rowsMatch);
  }
}

/** Do two rows match (cells, or the cells of the given columns when `cols` is set)? */
type RowMatcher = (a: readonly string[], b: readonly string[], cols?: readonly number[]) => boolean;

function compareByKeys(keyCols: readonly number[], hasOffset: boolean, limit: number | null,
  got: readonly string[][], want: readonly string[][], rowsMatch: RowMatcher): string | null {
  const key = (row: readonly string[]): string[] => keyCols.map((c) => row[c] ?? '');
  const sameKey = (a: readonly string[], b: readonly string[]): boolean => rowsMatch(key(a), key(b), keyCols);
  for (let i = 0; i < got.length; i++) {
    if (!sameKey(got[i]!, want[i]!)) {
      return `sort key of row ${i + 1}: ${show(key(got[i]!))}, expected ${show(key(want[i]!))}`;
    }
  }
  const cutAtEnd = limit !== null && want.length === limit;
  for (let start = 0; start < want.length;) {
    let end = start + 1;
    while (end < want.length && sameKey(want[end]!, want[start]!)) end++;
    const cut = (start === 0 && hasOffset) || (end === want.length && cutAtEnd);
    if (!cut && !sameMultiset(got.slice(start, end), want.slice(start, end), rowsMatch)) {
      return `rows ${start + 1}–${end} (sort key ${show(key(want[start]!))}): ${show(got[start]!)}…, expected ${show(want[start]!)}…`;
    }
    start = end;
  }
  return null;
}

function limitOf(sql: string): number | null {
  const m = /\bLIMIT\s+(\d+)/i.exec(sql);
  return m ? Number(m[1]) : null;
}

function sameMultiset(got: readonly string[][], want: readonly string[][], rowsMatch: RowMatcher): boolean {
  const unmatched = [...want];
  for (const row of got) {
    const i = unmatched.findIndex((w) => rowsMatch(row, w));
    if (i < 0) return false;
    unmatched.splice(i, 1);
  }
  return unmatched.length === 0;
}

/** Equal text, or (when `approx`) numbers within a relative 1e-6; `nan`/`inf` spellings must be equal. */
export function cellsMatch(a: string, b: string, approx: boolean): boolean {
  if (a === b) return true;
  if (!approx) return false;
  const x = Number(a);
  const y = Number(b);
  if (!Number.isFinite(x) || !Number.isFinite(y) || a.trim() === '' || b.trim() === '') return false;
  return Math.abs(x - y) <= 1e-6 * Math.max(1, Math.abs(x), Math.abs(y));
}

function show(row: readonly string[]): string {
  const text = row.join(' | ');
  return `[${text.length > 160 ? `${text.slice(0, 160)}…` : text}]`;
}
