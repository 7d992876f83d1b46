/**
 * Table definitions as the catalog persists them: plain JSON, independent of the SQL text that
 * created them, so ALTER can edit them and SHOW CREATE TABLE can render them.
 */
import type { SettingValue } from '../../query/parser/ast.ts';

/** One column of a table definition. */
export interface ColumnDefinition {
  readonly name: string;
  /** ClickHouse type name, e.g. `Nullable(String)` (aliases already resolved). */
  readonly type: string;
  /** DEFAULT expression as SQL text, when declared. */
  readonly default?: string;
}

/** Everything needed to reopen a table. */
export interface TableDefinition {
  /** Stable id: the storage directory is `store/<uuid>`, so RENAME touches metadata only. */
  readonly uuid: string;
  readonly database: string;
  readonly name: string;
  readonly engine: string;
  readonly columns: readonly ColumnDefinition[];
  /** ORDER BY column names (the sorting key), in order. */
  readonly orderBy: readonly string[];
  /** PRIMARY KEY column names: a prefix of orderBy (defaults to orderBy). */
  readonly primaryKey: readonly string[];
  /** PARTITION BY expression as SQL text. */
  readonly partitionBy?: string;
  readonly settings: Readonly<Record<string, SettingValue>>;
  readonly comment?: string;
  /** Milliseconds since the epoch of the last definition change. */
  readonly modifiedAt: number;
}

/** Render a definition as the CREATE TABLE statement SHOW CREATE TABLE prints. */
export function renderCreateTable(def: TableDefinition): string {
  const cols = def.columns.map((c) => `    \`${c.name}\` ${c.type}${c.default !== undefined ? ` DEFAULT ${c.default}` : ''}`);
  const lines = [`CREATE TABLE ${def.database}.${def.name}`, '(', cols.join(',\n'), ')', `ENGINE = ${def.engine}`];
  if (def.partitionBy) lines.push(`PARTITION BY ${def.partitionBy}`);
  lines.push(`ORDER BY ${def.orderBy.length === 1 ? def.orderBy[0] : `(${def.orderBy.join(', ')})`}`);
  if (def.primaryKey.length > 0 && def.primaryKey.join() !== def.orderBy.join()) {
    lines.push(`PRIMARY KEY ${def.primaryKey.length === 1 ? def.primaryKey[0] : `(${def.primaryKey.join(', ')})`}`);
  }
  const settings = Object.entries(def.settings).map(([k, v]) => `${k} = ${typeof v === 'string' ? `'${v}'` : String(v)}`);
  if (settings.length > 0) lines.push(`SETTINGS ${settings.join(', ')}`);
  if (def.comment) lines.push(`COMMENT '${def.comment.replace(/'/g, "\\'")}'`);
  return lines.join('\n');
}
