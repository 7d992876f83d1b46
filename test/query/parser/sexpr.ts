/** Test helper: print an expression compactly (`or(a, and(b, c))`) so precedence tests read like the SQL. */
import type { Expr } from '../../../query/parser/ast.ts';
import { parseExpression } from '../../../query/parser/index.ts';

/** Compact text of an expression tree. */
export function sx(e: Expr): string {
  switch (e.kind) {
    case 'Literal':
      if (typeof e.value === 'string') return `'${e.value}'`;
      if (typeof e.value === 'bigint') return `${e.value}n`;
      return e.isFloat && Number.isInteger(e.value) ? `${e.value}.0` : String(e.value);
    case 'Column': return [e.database, e.table, e.name].filter((x) => x !== undefined).join('.');
    case 'Star': return e.table ? `${e.table}.*` : '*';
    case 'Function': {
      const params = e.params ? `(${e.params.map(sx).join(', ')})` : '';
      return `${e.name}${params}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(sx).join(', ')})`;
    }
    case 'Cast': return `CAST(${sx(e.expr)} AS ${e.type})`;
    case 'Case': return `CASE${e.operand ? ` ${sx(e.operand)}` : ''}${e.whens.map((w) => ` WHEN ${sx(w.when)} THEN ${sx(w.then)}`).join('')}${e.else ? ` ELSE ${sx(e.else)}` : ''} END`;
    case 'In': return `${e.negated ? 'notIn' : 'in'}(${sx(e.expr)}, ${Array.isArray(e.list) ? `[${(e.list as Expr[]).map(sx).join(', ')}]` : sx(e.list as Expr)})`;
    case 'Subquery': return '(subquery)';
    case 'Interval': return `INTERVAL ${sx(e.value)} ${e.unit}`;
    case 'Param': return `{${e.name}:${e.type}}`;
    case 'Tuple': return `(${e.items.map(sx).join(', ')})`;
    case 'Array': return `[${e.items.map(sx).join(', ')}]`;
    case 'Alias': return `${sx(e.expr)} AS ${e.alias}`;
  }
}

/** Parse an expression and print it compactly. */
export function px(text: string): string {
  return sx(parseExpression(text));
}
