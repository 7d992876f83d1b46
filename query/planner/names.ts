/**
 * Result column names as ClickHouse prints them: `count()`, `sum(plus(x, 1))`, `'abc'`, aliases as given.
 */
import type { Expr } from '../parser/ast.ts';
import { findAggregate, findScalar } from '../functions/registry.ts';

function literalName(v: number | bigint | string | boolean | null): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
  return String(v);
}

/** The canonical spelling of a function name (registered name for case-insensitive matches). */
export function canonicalFunctionName(name: string): string {
  return findAggregate(name)?.name ?? findScalar(name)?.name ?? name;
}

/** The column name ClickHouse gives an expression. */
export function exprName(e: Expr): string {
  switch (e.kind) {
    case 'Literal': return literalName(e.value);
    case 'Column': return [e.database, e.table, e.name].filter((x) => x !== undefined).join('.');
    case 'Star': return e.table ? `${e.table}.*` : '*';
    case 'Function': {
      const name = canonicalFunctionName(e.name) + (e.distinct ? 'Distinct' : '');
      const params = e.params ? `(${e.params.map(exprName).join(', ')})` : '';
      return `${name}${params}(${e.args.map(exprName).join(', ')})`;
    }
    case 'Cast': return `CAST(${exprName(e.expr)}, '${e.type}')`;
    case 'Case': {
      const parts: string[] = [];
      for (const w of e.whens) parts.push(e.operand ? `equals(${exprName(e.operand)}, ${exprName(w.when)})` : exprName(w.when), exprName(w.then));
      parts.push(e.else ? exprName(e.else) : 'NULL');
      return `multiIf(${parts.join(', ')})`;
    }
    case 'In': {
      const list = Array.isArray(e.list) ? `(${(e.list as readonly Expr[]).map(exprName).join(', ')})` : '_subquery';
      return `${e.negated ? 'notIn' : 'in'}(${exprName(e.expr)}, ${list})`;
    }
    case 'Subquery': return '_subquery';
    case 'Interval': return `toInterval${e.unit[0]!.toUpperCase()}${e.unit.slice(1)}(${exprName(e.value)})`;
    case 'Param': return `{${e.name}:${e.type}}`;
    case 'Tuple': return `(${e.items.map(exprName).join(', ')})`;
    case 'Array': return `[${e.items.map(exprName).join(', ')}]`;
    case 'Alias': return e.alias;
  }
}
