/**
 * Name resolution scope: the columns a FROM clause makes visible, each tagged with the table (alias)
 * it came from, mapped to input column indexes.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType } from '../../src/core/types.ts';
import type { ColumnRef } from '../parser/ast.ts';

/** One visible column. `hidden` columns resolve only when qualified (the right side of USING). */
export interface ScopeColumn {
  readonly name: string;
  readonly table?: string;
  readonly database?: string;
  readonly index: number;
  readonly type: DataType;
  readonly hidden?: boolean;
}

/** The columns visible to expressions over one input. */
export class Scope {
  constructor(readonly columns: readonly ScopeColumn[], readonly tables: readonly string[]) {}

  /** The column a reference names, undefined when none, AMBIGUOUS → UNKNOWN_IDENTIFIER with both. */
  find(ref: ColumnRef): ScopeColumn | undefined {
    let hits = this.columns.filter((c) => c.name === ref.name &&
      (ref.table === undefined ? !c.hidden : c.table === ref.table && (ref.database === undefined || c.database === ref.database)));
    if (hits.length === 0 && ref.table !== undefined && ref.database === undefined) {
      const dotted = `${ref.table}.${ref.name}`; // a column whose name contains a dot
      hits = this.columns.filter((c) => c.name === dotted && !c.hidden);
    }
    if (hits.length > 1) {
      throw new EddyError('UNKNOWN_IDENTIFIER', `Column '${ref.name}' is ambiguous: it exists in tables ${hits.map((h) => h.table ?? '?').join(', ')}`);
    }
    return hits[0];
  }

  /** Columns `*` (or `t.*`) expands to. */
  star(table?: string): ScopeColumn[] {
    const cols = this.columns.filter((c) => !c.hidden && (table === undefined || c.table === table));
    if (table !== undefined && cols.length === 0) throw new EddyError('UNKNOWN_IDENTIFIER', `Unknown table expression identifier '${table}'`);
    return cols;
  }

  /** The same columns re-tagged with one table alias (FROM (subquery) AS alias). */
  static of(fields: readonly { name: string; type: DataType }[], table?: string, database?: string): Scope {
    return new Scope(fields.map((f, index) => ({ name: f.name, type: f.type, index, ...(table !== undefined ? { table } : {}), ...(database !== undefined ? { database } : {}) })),
      table !== undefined ? [table] : []);
  }
}
