/**
 * What a differential test needs to know about a query's result order, read from its SQL text:
 * the ORDER BY terms (as output columns where they are selected, as hidden expressions otherwise),
 * LIMIT and OFFSET. Text-level on purpose: it handles the ClickBench queries and the generated
 * ClickBench-shaped ones (a single SELECT whose clauses end the statement), not arbitrary SQL.
 */

/** One ORDER BY term: an output column, or an expression the query does not select. */
export interface OrderTerm {
  /** Index of the output column it sorts by, or -1 when the expression is not selected. */
  readonly column: number;
  /** The term's expression text (without ASC/DESC). */
  readonly text: string;
  readonly desc: boolean;
}

/** Order, limit and offset of one query. */
export interface OrderSpec {
  /** ORDER BY terms; empty without ORDER BY. */
  readonly order: readonly OrderTerm[];
  readonly limit?: number;
  readonly offset?: number;
}

/** Split `text` at commas outside parentheses and quotes. */
function splitTopLevel(text: string): string[] {
  const parts: string[] = [];
  let depth = 0;
  let quote = '';
  let start = 0;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quote !== '') {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
    } else if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (ch === ',' && depth === 0) {
      parts.push(text.slice(start, i).trim());
      start = i + 1;
    }
  }
  parts.push(text.slice(start).trim());
  return parts;
}

const normal = (s: string): string => s.replace(/\s+/g, ' ').trim().toLowerCase();

/** Index of the top-level keyword `kw` (a regex source, word-bounded) in `sql` from `from`, or -1. */
function keywordAt(sql: string, kw: string, from = 0): number {
  const re = new RegExp(`\\b${kw}\\b`, 'gi');
  let depth = 0;
  let quote = '';
  for (let i = from; i < sql.length; i++) {
    const ch = sql[i]!;
    if (quote !== '') {
      if (ch === '\\') i++;
      else if (ch === quote) quote = '';
      continue;
    }
    if (ch === "'" || ch === '"' || ch === '`') quote = ch;
    else if (ch === '(') depth++;
    else if (ch === ')') depth--;
    else if (depth === 0) {
      re.lastIndex = i;
      const m = re.exec(sql);
      if (m !== null && m.index === i) return i;
    }
  }
  return -1;
}

/** The select list items of `sql` as [expression text, alias] pairs. */
function selectItems(sql: string): Array<[string, string | undefined]> {
  const start = keywordAt(sql, 'SELECT') + 'SELECT'.length;
  const from = keywordAt(sql, 'FROM', start);
  return splitTopLevel(sql.slice(start, from)).map((item) => {
    const m = /^(.*?)\s+AS\s+([A-Za-z_][A-Za-z0-9_]*)$/is.exec(item);
    return m ? [m[1]!, m[2]!] : [item, undefined];
  });
}

/** Read the order spec of `sql`; `columns` names the output columns (for `SELECT *`). */
export function orderSpec(sql: string, columns: readonly string[]): OrderSpec {
  const text = sql.trim().replace(/;$/, '');
  const tail = /\s+LIMIT\s+(\d+)(?:\s+OFFSET\s+(\d+))?\s*$/i.exec(text);
  const body = tail ? text.slice(0, tail.index) : text;
  const limit = tail ? Number(tail[1]) : undefined;
  const offset = tail?.[2] !== undefined ? Number(tail[2]) : undefined;
  const at = keywordAt(body, 'ORDER\\s+BY');
  if (at < 0) return { order: [], ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
  const items = selectItems(body);
  const star = items.length === 1 && items[0]![0] === '*';
  const order = splitTopLevel(body.slice(at).replace(/^ORDER\s+BY\s+/i, '')).map((term): OrderTerm => {
    const m = /^(.*?)(?:\s+(ASC|DESC))?$/is.exec(term)!;
    const expr = m[1]!.trim();
    const desc = (m[2] ?? '').toUpperCase() === 'DESC';
    const key = normal(expr);
    let column = star ? columns.findIndex((c) => c.toLowerCase() === key)
      : items.findIndex(([e, alias]) => (alias !== undefined && alias.toLowerCase() === key) || normal(e) === key);
    if (column < 0 && /^\d+$/.test(expr)) column = Number(expr) - 1;
    return { column, text: expr, desc };
  });
  return { order, ...(limit !== undefined ? { limit } : {}), ...(offset !== undefined ? { offset } : {}) };
}

/**
 * `sql` with the hidden ORDER BY expressions of `spec` appended to its select list (so a reference
 * system can report each row's sort key), or `sql` itself when every term is selected.
 */
export function withHiddenKeys(sql: string, spec: OrderSpec): string {
  const hidden = spec.order.filter((t) => t.column < 0);
  if (hidden.length === 0) return sql;
  const from = keywordAt(sql, 'FROM', keywordAt(sql, 'SELECT') + 6);
  return `${sql.slice(0, from).trimEnd()}, ${hidden.map((t) => t.text).join(', ')} ${sql.slice(from)}`;
}

/** `sql` without its trailing LIMIT/OFFSET (the whole ordered result). */
export function withoutLimit(sql: string): string {
  return sql.trim().replace(/;$/, '').replace(/\s+LIMIT\s+\d+(?:\s+OFFSET\s+\d+)?\s*$/i, '');
}
