/**
 * Plain-text tables for benchmark output: a header row, a rule, then the rows, each column padded to
 * its widest cell (numbers right-aligned, text left-aligned).
 */

/** A cell: text as is, numbers with thousands separators and at most `digits` decimals. */
export type Cell = string | number | null;

/** Render rows under `headers`; null cells print as `-`; `digits` decimals for non-integers (default 1). */
export function formatTable(headers: readonly string[], rows: readonly (readonly Cell[])[], digits = 1): string {
  const text = (c: Cell): string => {
    if (c === null || (typeof c === 'number' && !Number.isFinite(c))) return '-';
    if (typeof c === 'string') return c;
    return c.toLocaleString('en-US', { maximumFractionDigits: Number.isInteger(c) ? 0 : digits, minimumFractionDigits: 0 });
  };
  const cells = rows.map((r) => r.map(text));
  const widths = headers.map((h, i) => Math.max(h.length, ...cells.map((r) => (r[i] ?? '').length)));
  const numeric = headers.map((_, i) => rows.every((r) => r[i] === null || typeof r[i] === 'number'));
  const line = (r: readonly string[]): string =>
    r.map((c, i) => (numeric[i] ? c.padStart(widths[i]!) : c.padEnd(widths[i]!))).join('  ').trimEnd();
  return [line(headers), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.map(line)].join('\n') + '\n';
}
