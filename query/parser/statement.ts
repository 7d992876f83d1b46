/**
 * Statement entry points: one statement ({@link parseStatement}), a script of several
 * ({@link parseStatements}), and a lone expression ({@link parseExpression}).
 */
import type { Expr, Statement } from './ast.ts';
import { Cursor } from './cursor.ts';
import { parseAlter, parseCreate, parseDrop, parseOptimize, parseRename, parseTruncate } from './ddl.ts';
import { parseExpr } from './expression.ts';
import { insertDataEnd, parseInsert } from './insert.ts';
import { parseQuery, startsQuery } from './query.ts';
import { parseAlterSource, parseCreateSource, parseDropSource, startsSourceStatement } from './source.ts';
import { parseDescribe, parseExists, parseExplain, parseKill, parseSet, parseShow, parseSystem, parseUse } from './utility.ts';

/** The statement at the cursor, up to (not including) a `;` or the end of the text. */
function parseOne(c: Cursor): Statement {
  if (startsQuery(c)) return parseQuery(c);
  const t = c.peek();
  switch (t.kind === 'word' ? t.upper : '') {
    case 'INSERT': return parseInsert(c)!;
    case 'CREATE': return startsSourceStatement(c) ? parseCreateSource(c) : parseCreate(c);
    case 'DROP': return startsSourceStatement(c) ? parseDropSource(c) : parseDrop(c);
    case 'TRUNCATE': return parseTruncate(c);
    case 'RENAME': return parseRename(c);
    case 'ALTER': return startsSourceStatement(c) ? parseAlterSource(c) : parseAlter(c);
    case 'OPTIMIZE': return parseOptimize(c);
    case 'SHOW': return parseShow(c);
    case 'DESCRIBE': case 'DESC': return parseDescribe(c);
    case 'EXISTS': return parseExists(c);
    case 'EXPLAIN': return parseExplain(c);
    case 'USE': return parseUse(c);
    case 'SET': return parseSet(c);
    case 'KILL': return parseKill(c);
    case 'SYSTEM': return parseSystem(c);
  }
  for (const k of ['INSERT', 'CREATE', 'DROP', 'TRUNCATE', 'RENAME', 'ALTER', 'OPTIMIZE', 'SHOW', 'DESCRIBE',
    'EXISTS', 'EXPLAIN', 'USE', 'SET', 'KILL', 'SYSTEM']) c.expect(k);
  return c.fail();
}

/** True when the statement carries inline data the parser did not read (INSERT ... VALUES / FORMAT). */
function hasInlineData(s: Statement, text: string): boolean {
  return s.kind === 'Insert' && s.format !== undefined && s.dataOffset < text.length;
}

/**
 * Parse exactly one statement; a trailing `;` is allowed. Throws SYNTAX_ERROR (ClickHouse's message,
 * with position and what was expected), including "Multi-statements are not allowed" when another
 * statement follows. An INSERT's inline data after `dataOffset` is not read.
 */
export function parseStatement(text: string): Statement {
  const c = new Cursor(text);
  const s = parseOne(c);
  if (hasInlineData(s, text)) return s;
  if (c.acceptOp(';')) {
    if (!c.atEnd()) c.fail('Multi-statements are not allowed');
    return s;
  }
  if (!c.atEnd()) {
    c.expect('end of query');
    c.fail();
  }
  return s;
}

/** One statement of a script: its own text, and the statement parsed from that text. */
export interface ScriptStatement {
  /** The statement's text (no separating `;`); positions in `statement` are offsets into it. */
  readonly text: string;
  readonly statement: Statement;
}

/**
 * Parse a script of `;`-separated statements (empty statements skipped). An INSERT's VALUES data
 * runs to the `;` after its tuples; a `FORMAT` insert's inline data runs to the end of the script.
 */
export function parseStatements(text: string): ScriptStatement[] {
  const out: ScriptStatement[] = [];
  let offset = 0;
  for (;;) {
    const c = new Cursor(text, offset);
    while (c.acceptOp(';'));
    if (c.atEnd()) return out;
    const start = c.peek().pos;
    const s = parseOne(c);
    let end: number;
    if (hasInlineData(s, text)) {
      end = insertDataEnd(text, s as Extract<Statement, { kind: 'Insert' }>);
    } else {
      end = c.peek().pos;
      if (!c.atEnd() && !c.isOp(';')) {
        c.expect('end of query');
        c.fail();
      }
    }
    const own = text.slice(start, end).trimEnd();
    out.push(Object.freeze({ text: own, statement: parseStatement(own) }));
    offset = end;
  }
}

/** Parse a lone expression (aliases allowed), e.g. a DEFAULT or a VALUES cell. */
export function parseExpression(text: string): Expr {
  const c = new Cursor(text);
  const e = parseExpr(c, 0, true);
  if (!c.atEnd()) {
    c.expect('end of query');
    c.fail();
  }
  return e;
}
