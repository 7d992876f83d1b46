/**
 * CREATE TABLE: turns the statement into a persisted TableDefinition. Accepts ClickHouse DDL and the
 * SQL spellings ClickBench's generic create.sql uses (no ENGINE, PRIMARY KEY in the column list,
 * NOT NULL, VARCHAR(n)).
 */
import { randomUUID } from 'node:crypto';
import type { CreateTable, Expr } from '../../query/parser/ast.ts';
import type { ColumnDefinition, TableDefinition } from '../catalog/definition.ts';
import { EddyError } from '../core/errors.ts';
import { makeType, parseType, quoteToken, typeName } from '../core/types.ts';
import { renderLiteral } from './defaults.ts';
import { printExpr } from './print-expr.ts';

/** Engines Eddy implements. */
const ENGINES = new Set(['MergeTree']);

/** Evaluate a constant DEFAULT expression (literals and negated literals). */
export function constantDefault(e: Expr): string {
  if (e.kind === 'Literal') return renderLiteral(e.value);
  if (e.kind === 'Function' && e.name === 'negate' && e.args.length === 1 && e.args[0]!.kind === 'Literal') {
    const v = e.args[0].value;
    if (typeof v === 'number' || typeof v === 'bigint') return renderLiteral(-v);
  }
  if (e.kind === 'Cast') return constantDefault(e.expr);
  throw new EddyError('NOT_IMPLEMENTED', `DEFAULT must be a constant in Eddy, got ${quoteToken(printExpr(e))}`);
}

/** Column names of an ORDER BY / PRIMARY KEY list: columns, `(a, b)` or `tuple()`. */
function keyColumns(list: readonly Expr[] | undefined, columns: readonly ColumnDefinition[], what: string): string[] | undefined {
  if (!list) return undefined;
  const flat: Expr[] = [];
  for (const e of list) {
    if (e.kind === 'Tuple') flat.push(...e.items);
    else if (e.kind === 'Function' && e.name === 'tuple') flat.push(...e.args);
    else flat.push(e);
  }
  return flat.map((e) => {
    if (e.kind !== 'Column') {
      throw new EddyError('NOT_IMPLEMENTED', `${what} supports column names only, got ${quoteToken(printExpr(e))}`);
    }
    if (!columns.some((c) => c.name === e.name)) {
      throw new EddyError('UNKNOWN_IDENTIFIER', `Missing column ${quoteToken(e.name)} in ${what}`);
    }
    return e.name;
  });
}

/** Build the definition a CREATE TABLE statement describes. */
export function tableDefinitionFrom(stmt: CreateTable, database: string): TableDefinition {
  const seen = new Set<string>();
  const columns: ColumnDefinition[] = stmt.columns.map((c) => {
    if (seen.has(c.name)) throw new EddyError('DUPLICATE_COLUMN', `Column ${quoteToken(c.name)} specified more than once`);
    seen.add(c.name);
    let t = parseType(c.type);
    if (c.nullable === true && !t.nullable) t = makeType(t.kind, { ...t, nullable: true });
    return { name: c.name, type: typeName(t), ...(c.default ? { default: constantDefault(c.default) } : {}) };
  });
  if (columns.length === 0) throw new EddyError('BAD_ARGUMENTS', 'A table needs at least one column');
  const engine = stmt.engine?.name ?? 'MergeTree';
  if (!ENGINES.has(engine)) throw new EddyError('UNKNOWN_STORAGE', `Unknown table engine ${quoteToken(engine)}`);
  const inlinePk = stmt.columns.filter((c) => c.primaryKey).map((c) => c.name);
  const primaryKey = keyColumns(stmt.primaryKey, columns, 'PRIMARY KEY') ?? (inlinePk.length > 0 ? inlinePk : undefined);
  const orderBy = keyColumns(stmt.orderBy, columns, 'ORDER BY') ?? primaryKey ?? [];
  const pk = primaryKey ?? orderBy;
  if (pk.some((c, i) => orderBy[i] !== c)) {
    throw new EddyError('BAD_ARGUMENTS', `Primary key must be a prefix of the sorting key, but ${quoteToken(pk.join(', '))} is not a prefix of ${quoteToken(orderBy.join(', '))}`);
  }
  const settings = stmt.settings ?? {};
  const g = settings['index_granularity'];
  if (g !== undefined && !(typeof g === 'number' && Number.isInteger(g) && g > 0)) {
    throw new EddyError('BAD_ARGUMENTS', `index_granularity must be a positive integer, got ${quoteToken(String(g))}`);
  }
  return {
    uuid: randomUUID(),
    database,
    name: stmt.name,
    engine,
    columns,
    orderBy,
    primaryKey: pk,
    ...(stmt.partitionBy ? { partitionBy: printExpr(stmt.partitionBy) } : {}),
    settings,
    ...(stmt.comment ? { comment: stmt.comment } : {}),
    modifiedAt: Date.now(),
  };
}
