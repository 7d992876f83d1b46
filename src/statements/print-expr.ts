/**
 * Print an expression AST back as SQL that Eddy's parser reads again. Operators print as
 * function calls (`plus(a, 1)`), which is valid ClickHouse SQL; used to persist PARTITION BY.
 */
import type { Expr } from '../../query/parser/ast.ts';
import { renderLiteral } from './defaults.ts';

/** SQL text of an expression. */
export function printExpr(e: Expr): string {
  switch (e.kind) {
    case 'Literal': return renderLiteral(e.value);
    case 'Column': return [e.database, e.table, e.name].filter((x) => x !== undefined).map(quoteIdent).join('.');
    case 'Star': return e.table ? `${quoteIdent(e.table)}.*` : '*';
    case 'Function': {
      const params = e.params ? `(${e.params.map(printExpr).join(', ')})` : '';
      return `${quoteIdent(e.name)}${params}(${e.distinct ? 'DISTINCT ' : ''}${e.args.map(printExpr).join(', ')})`;
    }
    case 'Cast': return `CAST(${printExpr(e.expr)} AS ${e.type})`;
    case 'Case': {
      const parts = ['CASE', ...(e.operand ? [printExpr(e.operand)] : [])];
      for (const w of e.whens) parts.push(`WHEN ${printExpr(w.when)} THEN ${printExpr(w.then)}`);
      if (e.else) parts.push(`ELSE ${printExpr(e.else)}`);
      return `${parts.join(' ')} END`;
    }
    case 'In': {
      const list = Array.isArray(e.list) ? (e.list as readonly Expr[]).map(printExpr).join(', ') : '(subquery)';
      return `${printExpr(e.expr)} ${e.negated ? 'NOT IN' : 'IN'} (${list})`;
    }
    case 'Subquery': return '(subquery)';
    case 'Interval': return `INTERVAL ${printExpr(e.value)} ${e.unit.toUpperCase()}`;
    case 'Param': return `{${e.name}:${e.type}}`;
    case 'Tuple': return `tuple(${e.items.map(printExpr).join(', ')})`;
    case 'Array': return `[${e.items.map(printExpr).join(', ')}]`;
    case 'Alias': return printExpr(e.expr);
  }
}

function quoteIdent(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(name) ? name : `\`${name.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;
}
