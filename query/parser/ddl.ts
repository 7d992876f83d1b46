/**
 * Schema statements: CREATE DATABASE / TABLE, DROP, TRUNCATE, RENAME, ALTER TABLE ADD/DROP COLUMN,
 * OPTIMIZE. CREATE TABLE reads both ClickHouse's form (`ENGINE = MergeTree ORDER BY (a, b)`) and the SQL
 * form ClickBench's create.sql uses (`BIGINT NOT NULL`, `VARCHAR(255)`, `PRIMARY KEY (a, b)` in the
 * column list, no ENGINE clause).
 */
import type { Alter, AlterAction, ColumnDef, CreateDatabase, CreateTable, Drop, Expr, Optimize, Rename, TableName, Truncate } from './ast.ts';
import type { Cursor } from './cursor.ts';
import { freeze } from './build.ts';
import { parseExpr, parseExprList } from './expression.ts';
import { parseQualifiedName } from './names.ts';
import { parseQuery, startsQuery } from './query.ts';
import { parseSettingList } from './settings.ts';
import { parseTypeText } from './type-text.ts';

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/** `CREATE [OR REPLACE] TABLE ...` or `CREATE DATABASE ...`. */
export function parseCreate(c: Cursor): CreateDatabase | CreateTable {
  const pos = c.expectKeyword('CREATE').pos;
  const orReplace = c.acceptKeyword('OR', 'REPLACE');
  if (!orReplace && c.acceptKeyword('DATABASE')) {
    const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
    const name = c.expectIdentifier('database name');
    if (c.acceptKeyword('ENGINE')) { // accepted for compatibility: every database is alike
      c.expectOp('=');
      c.expectIdentifier('engine name');
      if (c.acceptOp('(')) {
        if (!c.isOp(')')) parseExprList(c);
        c.expectOp(')');
      }
    }
    return freeze({ kind: 'CreateDatabase', name, ifNotExists, pos });
  }
  c.expectKeyword('TABLE');
  const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
  const q = parseQualifiedName(c);
  const t: Mutable<CreateTable> = {
    kind: 'CreateTable', database: q.database, name: q.name, ifNotExists, columns: [], pos,
    ...(orReplace ? { orReplace } : {}),
  };
  if (c.isOp('(') && !startsQuery(c, 1)) parseElements(c, t);
  parseTableClauses(c, t);
  if (c.acceptKeyword('AS')) t.asSelect = parseQuery(c);
  else if (t.columns.length === 0) { c.expect('opening round bracket'); c.fail(); }
  return freeze(t);
}

/** `(column defs and PRIMARY KEY (...))`. */
function parseElements(c: Cursor, t: Mutable<CreateTable>): void {
  c.expectOp('(');
  const columns: ColumnDef[] = [];
  do {
    if (c.acceptKeyword('PRIMARY', 'KEY')) {
      t.primaryKey = parseKeyList(c);
    } else {
      columns.push(parseColumnDef(c));
    }
  } while (c.acceptOp(','));
  c.expectOp(')');
  t.columns = Object.freeze(columns);
}

/** ENGINE, PARTITION BY, ORDER BY, PRIMARY KEY, SETTINGS, COMMENT — in any order, as ClickHouse allows. */
function parseTableClauses(c: Cursor, t: Mutable<CreateTable>): void {
  for (;;) {
    if (t.engine === undefined && c.acceptKeyword('ENGINE')) {
      c.acceptOp('=');
      const name = c.expectIdentifier('engine name');
      let args: Expr[] = [];
      if (c.acceptOp('(')) {
        if (!c.isOp(')')) args = parseExprList(c);
        c.expectOp(')');
      }
      t.engine = freeze({ name, args: Object.freeze(args) });
    } else if (t.partitionBy === undefined && c.acceptKeyword('PARTITION', 'BY')) {
      t.partitionBy = parseExpr(c);
    } else if (t.orderBy === undefined && c.acceptKeyword('ORDER', 'BY')) {
      t.orderBy = parseKeyList(c);
    } else if (t.primaryKey === undefined && c.acceptKeyword('PRIMARY', 'KEY')) {
      t.primaryKey = parseKeyList(c);
    } else if (t.settings === undefined && c.acceptKeyword('SETTINGS')) {
      t.settings = parseSettingList(c);
    } else if (t.comment === undefined && c.acceptKeyword('COMMENT')) {
      t.comment = parseStringLiteral(c);
    } else {
      return;
    }
  }
}

/** A sorting or primary key: `(a, b)` → [a, b], `tuple()` / `()` → [], `expr` → [expr]. */
function parseKeyList(c: Cursor): readonly Expr[] {
  const e = parseExpr(c);
  if (e.kind === 'Tuple') return e.items;
  if (e.kind === 'Function' && e.name.toLowerCase() === 'tuple' && e.params === undefined) return e.args;
  return Object.freeze([e]);
}

/** `name Type [NULL | NOT NULL] [DEFAULT | MATERIALIZED | ALIAS expr] [PRIMARY KEY] [COMMENT '...']`. */
export function parseColumnDef(c: Cursor): ColumnDef {
  const name = c.expectIdentifier('column name');
  const type = parseTypeText(c);
  const col: Mutable<ColumnDef> = { name, type };
  if (c.acceptKeyword('NOT', 'NULL')) col.nullable = false;
  else if (c.acceptKeyword('NULL')) col.nullable = true;
  for (const kind of ['DEFAULT', 'MATERIALIZED', 'ALIAS'] as const) {
    if (c.acceptKeyword(kind)) {
      col.default = parseExpr(c);
      col.defaultKind = kind;
      break;
    }
  }
  if (c.acceptKeyword('PRIMARY', 'KEY')) col.primaryKey = true;
  if (c.acceptKeyword('COMMENT')) col.comment = parseStringLiteral(c);
  return freeze(col);
}

function parseStringLiteral(c: Cursor): string {
  const t = c.peek();
  if (t.kind !== 'string') { c.expect('string literal'); c.fail(); }
  c.next();
  return t.value as string;
}

/** `DROP TABLE | DATABASE | VIEW [IF EXISTS] name [SYNC]`. */
export function parseDrop(c: Cursor): Drop {
  const pos = c.expectKeyword('DROP').pos;
  let target: Drop['target'];
  if (c.acceptKeyword('DATABASE')) target = 'database';
  else if (c.acceptKeyword('VIEW')) target = 'view';
  else { c.expectKeyword('TABLE'); target = 'table'; }
  const ifExists = c.acceptKeyword('IF', 'EXISTS');
  const q: { database?: string; name: string } = target === 'database' ? { name: c.expectIdentifier('database name') } : parseQualifiedName(c);
  c.acceptKeyword('SYNC');
  return freeze({ kind: 'Drop', target, database: q.database, name: q.name, ifExists, pos });
}

/** `TRUNCATE [TABLE] [IF EXISTS] name`. */
export function parseTruncate(c: Cursor): Truncate {
  const pos = c.expectKeyword('TRUNCATE').pos;
  c.acceptKeyword('TABLE');
  const ifExists = c.acceptKeyword('IF', 'EXISTS');
  const q = parseQualifiedName(c);
  return freeze({ kind: 'Truncate', database: q.database, name: q.name, ifExists, pos });
}

/** `RENAME TABLE a TO b [, c TO d]`. */
export function parseRename(c: Cursor): Rename {
  const pos = c.expectKeyword('RENAME').pos;
  c.expectKeyword('TABLE');
  const pairs: { from: TableName; to: TableName }[] = [];
  do {
    const from = tableName(c);
    c.expectKeyword('TO');
    pairs.push(Object.freeze({ from, to: tableName(c) }));
  } while (c.acceptOp(','));
  return freeze({ kind: 'Rename', pairs: Object.freeze(pairs), pos });
}

function tableName(c: Cursor): TableName {
  const q = parseQualifiedName(c);
  return freeze({ kind: 'TableName', database: q.database, name: q.name, pos: q.pos });
}

/** `ALTER TABLE t ADD COLUMN ... | DROP COLUMN ... [, ...]`. */
export function parseAlter(c: Cursor): Alter {
  const pos = c.expectKeyword('ALTER').pos;
  c.expectKeyword('TABLE');
  const q = parseQualifiedName(c);
  const actions: AlterAction[] = [];
  do {
    if (c.acceptKeyword('ADD', 'COLUMN')) {
      const ifNotExists = c.acceptKeyword('IF', 'NOT', 'EXISTS');
      const column = parseColumnDef(c);
      let after: string | undefined;
      let first: boolean | undefined;
      if (c.acceptKeyword('AFTER')) after = c.expectIdentifier('column name');
      else if (c.acceptKeyword('FIRST')) first = true;
      actions.push(freeze({ kind: 'AddColumn', column, ifNotExists, after, first }));
    } else {
      c.expectKeyword('DROP', 'COLUMN');
      const ifExists = c.acceptKeyword('IF', 'EXISTS');
      actions.push(freeze({ kind: 'DropColumn', name: c.expectIdentifier('column name'), ifExists }));
    }
  } while (c.acceptOp(','));
  return freeze({ kind: 'Alter', database: q.database, name: q.name, actions: Object.freeze(actions), pos });
}

/** `OPTIMIZE TABLE t [FINAL]`. */
export function parseOptimize(c: Cursor): Optimize {
  const pos = c.expectKeyword('OPTIMIZE').pos;
  c.expectKeyword('TABLE');
  const q = parseQualifiedName(c);
  const final = c.acceptKeyword('FINAL');
  return freeze({ kind: 'Optimize', database: q.database, name: q.name, final, pos });
}
