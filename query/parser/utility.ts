/**
 * Statements about the server rather than the data: SHOW, DESCRIBE, EXISTS, EXPLAIN, USE, SET,
 * KILL QUERY, SYSTEM.
 */
import type { Describe, Exists, Explain, KillQuery, SetStatement, Show, SystemCommand, Use } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { freeze } from './build.ts';
import { parseExpr } from './expression.ts';
import { parseQualifiedName } from './names.ts';
import { parseQuery } from './query.ts';
import { parseSettingList } from './settings.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

function parseFormat(c: Cursor): string | undefined {
  return c.acceptKeyword('FORMAT') ? c.expectIdentifier('format name') : undefined;
}

/** `SHOW DATABASES | TABLES [FROM db] [[NOT] LIKE 'x'] | CREATE [TABLE] t | PROCESSLIST | COLUMNS FROM t [FROM db]`. */
export function parseShow(c: Cursor): Show {
  const pos = c.expectKeyword('SHOW').pos;
  const s: Mutable<Show> = { kind: 'Show', what: 'databases', pos };
  if (c.acceptKeyword('DATABASES')) {
    parseLike(c, s);
  } else if (c.acceptKeyword('TABLES')) {
    s.what = 'tables';
    if (c.acceptKeyword('FROM') || c.acceptKeyword('IN')) s.database = c.expectIdentifier('database name');
    parseLike(c, s);
  } else if (c.acceptKeyword('CREATE')) {
    s.what = 'createTable';
    c.acceptKeyword('TABLE');
    const q = parseQualifiedName(c);
    s.database = q.database;
    s.name = q.name;
  } else if (c.acceptKeyword('PROCESSLIST')) {
    s.what = 'processlist';
  } else {
    c.expectKeyword('COLUMNS');
    s.what = 'columns';
    if (!c.acceptKeyword('FROM')) c.expectKeyword('IN');
    const q = parseQualifiedName(c);
    s.database = q.database;
    s.name = q.name;
    if (c.acceptKeyword('FROM') || c.acceptKeyword('IN')) s.database = c.expectIdentifier('database name');
  }
  s.format = parseFormat(c);
  return freeze(s);
}

function parseLike(c: Cursor, s: Mutable<Show>): void {
  const negated = c.acceptKeyword('NOT');
  if (!c.acceptKeyword('LIKE')) {
    if (negated) c.fail();
    return;
  }
  const t = c.peek();
  if (t.kind !== 'string') { c.expect('string literal'); c.fail(); }
  c.next();
  s.like = t.value as string;
  if (negated) s.notLike = true;
}

/** `DESCRIBE | DESC [TABLE] t [FORMAT f]`. */
export function parseDescribe(c: Cursor): Describe {
  const pos = c.next().pos;
  c.acceptKeyword('TABLE');
  const q = parseQualifiedName(c);
  return freeze({ kind: 'Describe', database: q.database, name: q.name, format: parseFormat(c), pos });
}

/** `EXISTS [TABLE] t [FORMAT f]`. */
export function parseExists(c: Cursor): Exists {
  const pos = c.expectKeyword('EXISTS').pos;
  c.acceptKeyword('TABLE');
  const q = parseQualifiedName(c);
  return freeze({ kind: 'Exists', database: q.database, name: q.name, format: parseFormat(c), pos });
}

/** `EXPLAIN [PLAN | AST | SYNTAX | PIPELINE] query`; a FORMAT on the query is the EXPLAIN's. */
export function parseExplain(c: Cursor): Explain {
  const pos = c.expectKeyword('EXPLAIN').pos;
  let mode: Explain['mode'] = 'plan';
  for (const m of ['PLAN', 'AST', 'SYNTAX', 'PIPELINE'] as const) {
    if (c.acceptKeyword(m)) { mode = m.toLowerCase() as Explain['mode']; break; }
  }
  const parsed = parseQuery(c);
  const { format, ...query } = parsed;
  return freeze({ kind: 'Explain', mode, query: format === undefined ? parsed : freeze(query), format, pos });
}

/** `USE db`. */
export function parseUse(c: Cursor): Use {
  const pos = c.expectKeyword('USE').pos;
  return freeze({ kind: 'Use', database: c.expectIdentifier('database name'), pos });
}

/** `SET k = v [, ...]`. */
export function parseSet(c: Cursor): SetStatement {
  const pos = c.expectKeyword('SET').pos;
  return freeze({ kind: 'Set', settings: parseSettingList(c), pos });
}

/** `KILL QUERY WHERE expr [SYNC | ASYNC]`. */
export function parseKill(c: Cursor): KillQuery {
  const pos = c.expectKeyword('KILL').pos;
  c.expectKeyword('QUERY');
  c.expectKeyword('WHERE');
  const where = parseExpr(c);
  if (!c.acceptKeyword('SYNC')) c.acceptKeyword('ASYNC');
  return freeze({ kind: 'KillQuery', where, pos });
}

/** Words that make up SYSTEM commands (`SYSTEM DROP MARK CACHE`, `SYSTEM STOP MERGES t`, ...). */
const SYSTEM_WORDS = new Set([
  'ASYNC', 'CACHE', 'CACHES', 'COMPILED', 'CONFIG', 'DICTIONARIES', 'DICTIONARY', 'DISTRIBUTED', 'DNS', 'DROP',
  'EXPRESSION', 'FETCHES', 'FILESYSTEM', 'FLUSH', 'INSERT', 'LOGS', 'MARK', 'MERGES', 'MMAP', 'MOVES', 'QUERY',
  'QUEUE', 'RELOAD', 'REPLICA', 'REPLICATED', 'RESTART', 'SCHEMA', 'SENDS', 'SHUTDOWN', 'START', 'STOP', 'SYNC',
  'TTL', 'UNCOMPRESSED', 'WAIT', 'LOADING', 'PARTS',
]);

/** `SYSTEM <command words> [[db.]table]`. */
export function parseSystem(c: Cursor): SystemCommand {
  const pos = c.expectKeyword('SYSTEM').pos;
  const words: string[] = [];
  for (let t = c.peek(); t.kind === 'word' && SYSTEM_WORDS.has(t.upper); t = c.peek()) {
    words.push(t.upper);
    c.next();
  }
  if (words.length === 0) { c.expect('SYSTEM command'); c.fail(); }
  const s: Mutable<SystemCommand> = { kind: 'System', command: words.join(' '), pos };
  if (c.isIdentifier()) {
    const q = parseQualifiedName(c);
    s.database = q.database;
    s.name = q.name;
  }
  return freeze(s);
}
