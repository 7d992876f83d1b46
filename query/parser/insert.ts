/**
 * INSERT: `INSERT INTO [TABLE] [db.]t [(cols)] [SETTINGS ...] VALUES (...), ... | FORMAT Name <data> | SELECT ...`.
 *
 * The parser never reads an INSERT's inline data: it records `dataOffset` (for FORMAT, just past the
 * format name and one whitespace character; for VALUES, where the first tuple starts; `format` is then
 * 'Values') and stops, so a server can stream a huge body. {@link parseValuesRows} reads VALUES tuples
 * as expressions when the caller wants them parsed; {@link parseInsertHeader} parses the start of a body
 * that is still arriving.
 */
import type { Expr, Insert } from './ast.ts';
import { Cursor } from './cursor.ts';
import { freeze } from './build.ts';
import { parseExprList } from './expression.ts';
import { parseQualifiedName } from './names.ts';
import { parseQuery, startsQuery } from './query.ts';
import { parseSettingList } from './settings.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** The format name used in `Insert.format` for `INSERT ... VALUES`. */
export const VALUES_FORMAT = 'Values';

/**
 * Parse an INSERT at the cursor. With `partial`, the text may be the first part of a body: returns
 * null when the header is not complete yet (the text ends inside it or right after the format name).
 */
export function parseInsert(c: Cursor, partial = false): Insert | null {
  const pos = c.expectKeyword('INSERT').pos;
  c.expectKeyword('INTO');
  c.acceptKeyword('TABLE');
  const q = parseQualifiedName(c);
  const ins: Mutable<Insert> = { kind: 'Insert', database: q.database, table: q.name, dataOffset: c.text.length, pos };
  if (c.isOp('(') && !startsQuery(c, 1)) {
    c.next();
    const cols = [c.expectIdentifier('column name')];
    while (c.acceptOp(',')) cols.push(c.expectIdentifier('column name'));
    c.expectOp(')');
    ins.columns = Object.freeze(cols);
  }
  if (c.acceptKeyword('SETTINGS')) ins.settings = parseSettingList(c);
  if (c.acceptKeyword('VALUES')) {
    ins.format = VALUES_FORMAT;
    const first = c.peek();
    if (first.kind === 'eof') {
      if (partial) return null;
    } else {
      ins.dataOffset = first.pos;
    }
  } else if (c.acceptKeyword('FORMAT')) {
    const name = c.peek();
    ins.format = c.expectIdentifier('format name');
    const text = c.text;
    if (name.end >= text.length) {
      if (partial) return null;
    } else {
      ins.dataOffset = /\s/.test(text[name.end]!) ? name.end + 1 : name.end;
    }
  } else if (startsQuery(c)) {
    if (partial) return null;
    ins.select = parseQuery(c);
  } else {
    c.fail();
  }
  return freeze(ins);
}

/**
 * Parse the start of a (possibly partial) body as an INSERT header. Returns null when more text is
 * needed — and always for `INSERT ... SELECT`, whose whole text is the statement (call parseStatement
 * once the body is complete, which also covers a body that ends right after its format name).
 * Throws SYNTAX_ERROR when the text cannot be the start of an INSERT.
 */
export function parseInsertHeader(text: string): Insert | null {
  const c = new Cursor(text);
  try {
    return parseInsert(c, true);
  } catch (e) {
    if (c.truncated) return null;
    throw e;
  }
}

/**
 * Read VALUES tuples `(a, b), (c, d) ...` (commas between them optional) starting at `offset` of `text`,
 * up to a `;` or the end of the text. Returns the rows and the offset where reading stopped.
 */
export function parseValuesRows(text: string, offset: number): { rows: Expr[][]; end: number } {
  const c = new Cursor(text, offset);
  const rows: Expr[][] = [];
  for (;;) {
    if (c.atEnd() || c.isOp(';')) return { rows, end: c.peek().pos };
    if (rows.length > 0) c.acceptOp(',');
    c.expectOp('(');
    rows.push(c.isOp(')') ? [] : parseExprList(c, false));
    c.expectOp(')');
  }
}

/** Where an INSERT's inline data ends inside a script: after its VALUES tuples, else at the end of the text. */
export function insertDataEnd(text: string, ins: Insert): number {
  return ins.format === VALUES_FORMAT ? parseValuesRows(text, ins.dataOffset).end : text.length;
}
