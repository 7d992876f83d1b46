/**
 * SHOW DATABASES / SHOW TABLES / SHOW CREATE TABLE / DESCRIBE / EXISTS / SHOW PROCESSLIST:
 * small result sets computed from the catalog, shaped like ClickHouse's.
 */
import type { Describe, Exists, Show } from '../../query/parser/ast.ts';
import type { Catalog } from '../catalog/catalog.ts';
import { renderCreateTable } from '../catalog/definition.ts';
import { EddyError } from '../core/errors.ts';
import type { Field, Scalar } from '../core/types.ts';
import { T, typeName } from '../core/types.ts';
import { SYSTEM_TABLES } from '../system/system-tables.ts';

/** A small computed result. */
export interface RowsResult { schema: Field[]; rows: Scalar[][] }

/** SQL LIKE on JS strings (cold path: SHOW ... LIKE). */
function likeToRegExp(pattern: string): RegExp {
  let re = '';
  for (let i = 0; i < pattern.length; i++) {
    const c = pattern[i]!;
    if (c === '\\' && i + 1 < pattern.length) re += pattern[++i]!.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    else if (c === '%') re += '.*';
    else if (c === '_') re += '.';
    else re += c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  }
  return new RegExp(`^${re}$`, 's');
}

/** Run a SHOW statement. `processes` lists running queries for SHOW PROCESSLIST. */
export function runShow(stmt: Show, catalog: Catalog, currentDb: string, processes: () => Scalar[][]): RowsResult {
  const name: Field = { name: 'name', type: T.String };
  const filter = (xs: string[]): string[] => {
    if (stmt.like === undefined) return xs;
    const re = likeToRegExp(stmt.like);
    return xs.filter((x) => re.test(x) !== !!stmt.notLike);
  };
  switch (stmt.what) {
    case 'databases':
      return { schema: [name], rows: filter(catalog.databases()).map((d) => [d]) };
    case 'tables': {
      const db = stmt.database ?? currentDb;
      const names = db === 'system' ? Object.keys(SYSTEM_TABLES).sort() : (() => {
        if (!catalog.hasDatabase(db)) throw new EddyError('UNKNOWN_DATABASE', `Database ${db} does not exist`);
        return catalog.tables(db).map((t) => t.name);
      })();
      return { schema: [name], rows: filter(names).map((t) => [t]) };
    }
    case 'createTable': {
      const db = stmt.database ?? currentDb;
      const def = catalog.getTable(db, stmt.name ?? '');
      return { schema: [{ name: 'statement', type: T.String }], rows: [[renderCreateTable(def)]] };
    }
    case 'processlist':
      return { schema: [{ name: 'query_id', type: T.String }, { name: 'user', type: T.String }, { name: 'query', type: T.String }, { name: 'elapsed', type: T.Float64 }], rows: processes() };
    case 'columns': {
      const db = stmt.database ?? currentDb;
      return describe({ kind: 'Describe', pos: stmt.pos, database: db, name: stmt.name ?? '' }, catalog, currentDb);
    }
  }
}

/** DESCRIBE TABLE: ClickHouse's seven columns. */
export function describe(stmt: Describe, catalog: Catalog, currentDb: string): RowsResult {
  const db = stmt.database ?? currentDb;
  const s = T.String;
  const schema: Field[] = ['name', 'type', 'default_type', 'default_expression', 'comment', 'codec_expression', 'ttl_expression']
    .map((n) => ({ name: n, type: s }));
  if (db === 'system') {
    const t = SYSTEM_TABLES[stmt.name];
    if (!t) throw new EddyError('UNKNOWN_TABLE', `Table system.${stmt.name} does not exist`);
    return { schema, rows: t.schema.map((f) => [f.name, typeName(f.type), '', '', '', '', '']) };
  }
  const def = catalog.getTable(db, stmt.name);
  return { schema, rows: def.columns.map((c) => [c.name, c.type, c.default !== undefined ? 'DEFAULT' : '', c.default ?? '', '', '', '']) };
}

/** EXISTS TABLE: one UInt8 row named `result`. */
export function exists(stmt: Exists, catalog: Catalog, currentDb: string): RowsResult {
  const db = stmt.database ?? currentDb;
  const found = db === 'system' ? stmt.name in SYSTEM_TABLES : catalog.findTable(db, stmt.name) !== undefined;
  return { schema: [{ name: 'result', type: T.UInt8 }], rows: [[found ? 1 : 0]] };
}
