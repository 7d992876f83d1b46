/**
 * PARTITION BY: turns the partition expression into the function storage calls to split inserted
 * rows by partition id. The expression is a tree of scalar functions over columns and constants
 * (e.g. `toYYYYMM(EventDate)`), evaluated with the function registry's kernels.
 */
import type { DataType, Field, Scalar } from '../core/types.ts';
import { T } from '../core/types.ts';
import { EddyError } from '../core/errors.ts';
import { constVector, scalarAt, type Vector } from '../core/vector.ts';
import { quoteToken } from '../core/types.ts';
import { parseExpression } from '../../query/parser/index.ts';
import type { Expr } from '../../query/parser/ast.ts';
import { getScalar } from '../../query/functions/registry.ts';
import '../../query/functions/index.ts';

/** Splits rows into partitions: distinct partition ids and, per row, the index of its id. */
export type Partitioner = (columns: readonly Vector[], rowCount: number) => { keys: string[]; rowKey: Uint32Array };

type Compiled = { type: DataType; eval(cols: readonly Vector[], n: number): Vector };

function compile(e: Expr, schema: readonly Field[]): Compiled {
  switch (e.kind) {
    case 'Column': {
      const i = schema.findIndex((f) => f.name === e.name);
      if (i < 0) throw new EddyError('UNKNOWN_IDENTIFIER', `Missing column ${quoteToken(e.name)} in PARTITION BY`);
      return { type: schema[i]!.type, eval: (cols) => cols[i]! };
    }
    case 'Literal': {
      const v = e.value;
      const type = typeof v === 'string' ? T.String : typeof v === 'bigint' ? T.Int64 : e.isFloat ? T.Float64 : T.Int64;
      const value: Scalar = typeof v === 'number' && type === T.Int64 ? BigInt(v) : v;
      return { type, eval: (_c, n) => constVector(type, value, n) };
    }
    case 'Function': {
      const args = e.args.map((a) => compile(a, schema));
      const f = getScalar(e.name);
      const consts = e.args.map((a) => (a.kind === 'Literal' ? (a.value as Scalar) : undefined));
      const type = f.returnType(args.map((a) => a.type), consts);
      return { type, eval: (cols, n) => f.evaluate(args.map((a) => a.eval(cols, n)), n, type) };
    }
    case 'Tuple':
      if (e.items.length === 0) return { type: T.String, eval: (_c, n) => constVector(T.String, 'all', n) };
      if (e.items.length === 1) return compile(e.items[0]!, schema);
      break;
    default:
      break;
  }
  throw new EddyError('NOT_IMPLEMENTED', `PARTITION BY supports columns, constants and function calls, not ${e.kind}`);
}

/** Compile a PARTITION BY expression (SQL text) over a table's columns. */
export function compilePartitioner(exprText: string, schema: readonly Field[]): Partitioner {
  const compiled = compile(parseExpression(exprText), schema);
  return (columns, rowCount) => {
    const v = compiled.eval(columns, rowCount);
    const keys: string[] = [];
    const rowKey = new Uint32Array(rowCount);
    if (v.kind === 'flat' && v.nulls === null && !(v.values instanceof BigInt64Array || v.values instanceof BigUint64Array)) {
      // Numeric partition values (toYYYYMM, toDate, ...): key rows by number, no string per row.
      const byValue = new Map<number, number>();
      const values = v.values as Float64Array;
      for (let i = 0; i < rowCount; i++) {
        const x = values[i]!;
        let k = byValue.get(x);
        if (k === undefined) {
          k = keys.length;
          byValue.set(x, k);
          keys.push(partitionId(v.type.kind === 'Bool' ? x === 1 : x));
        }
        rowKey[i] = k;
      }
      return { keys, rowKey };
    }
    const ids = new Map<string, number>();
    for (let i = 0; i < rowCount; i++) {
      const s = partitionId(scalarAt(v, i));
      let k = ids.get(s);
      if (k === undefined) {
        k = keys.length;
        ids.set(s, k);
        keys.push(s);
      }
      rowKey[i] = k;
    }
    return { keys, rowKey };
  };
}

/** ClickHouse-style partition id: the value itself for numbers and strings; NULL as 'NULL'. */
function partitionId(v: Scalar): string {
  if (v === null) return 'NULL';
  if (typeof v === 'boolean') return v ? '1' : '0';
  return String(v).replace(/[^A-Za-z0-9_-]/g, (c) => `%${c.charCodeAt(0).toString(16).padStart(2, '0')}`);
}
