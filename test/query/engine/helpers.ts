/** Test helpers: MemoryTables from rows, a query context over them, and running SQL to rows. */
import { batchFromRows } from '../../../src/core/builder.ts';
import { EddyError } from '../../../src/core/errors.ts';
import { MemoryTable } from '../../../src/core/memory-table.ts';
import type { Field, Scalar } from '../../../src/core/types.ts';
import { parseType } from '../../../src/core/types.ts';
import { scalarAt } from '../../../src/core/vector.ts';
import type { QueryContext } from '../../../query/engine.ts';
import { executeQuery, explainQuery } from '../../../query/engine.ts';
import { parseStatement } from '../../../query/parser/index.ts';
import type { Query } from '../../../query/parser/ast.ts';

/** A MemoryTable from `name Type` column specs and rows, split into batches of `batchRows`. */
export function table(name: string, columns: Record<string, string>, rows: readonly (readonly Scalar[])[], batchRows = 1000): MemoryTable {
  const schema: Field[] = Object.entries(columns).map(([n, t]) => ({ name: n, type: parseType(t) }));
  const batches = [];
  for (let i = 0; i < rows.length; i += batchRows) batches.push(batchFromRows(schema, rows.slice(i, i + batchRows)));
  if (batches.length === 0) batches.push(batchFromRows(schema, []));
  return new MemoryTable(name, schema, batches);
}

/** A query context resolving the given tables. */
export function context(tables: readonly MemoryTable[], settings: QueryContext['settings'] = {}, params: Record<string, string> = {}): QueryContext {
  return {
    resolveTable: (_db, name) => {
      const t = tables.find((x) => x.name === name);
      if (!t) throw new EddyError('UNKNOWN_TABLE', `Table default.${name} does not exist`);
      return t;
    },
    currentDatabase: 'default',
    params,
    settings,
  };
}

/** Run SQL and return the column names and rows (active rows only). */
export async function run(sql: string, ctx: QueryContext): Promise<{ names: string[]; types: string[]; rows: Scalar[][]; stats: { readRows: number; rowsBeforeLimit?: number } }> {
  const stmt = parseStatement(sql);
  const r = executeQuery(stmt as Query, ctx);
  const rows: Scalar[][] = [];
  for await (const b of r.batches) {
    const n = b.sel === null ? b.length : b.sel.length;
    for (let k = 0; k < n; k++) {
      const i = b.sel === null ? k : b.sel[k]!;
      rows.push(b.columns.map((c) => scalarAt(c, i)));
    }
  }
  return { names: r.schema.map((f) => f.name), types: r.schema.map((f) => f.type.kind), rows, stats: r.stats };
}

/** Rows only. */
export async function rows(sql: string, ctx: QueryContext): Promise<Scalar[][]> {
  return (await run(sql, ctx)).rows;
}

/** EXPLAIN lines for a query. */
export function explain(sql: string, ctx: QueryContext): string[] {
  return explainQuery(parseStatement(sql) as Query, ctx);
}
