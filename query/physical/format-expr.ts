/** Printing bound expressions for EXPLAIN: column names instead of indexes, calls as `f(a, b)`. */
import type { Field } from '../../src/core/types.ts';
import type { BoundExpr } from '../planner/bound.ts';

function scalar(v: unknown): string {
  if (v === null) return 'NULL';
  if (typeof v === 'string') return `'${v.replace(/'/g, "\\'")}'`;
  return String(v);
}

/** A readable form of `e` over input columns `schema`. */
export function formatExpr(e: BoundExpr, schema: readonly { name: string }[] | readonly Field[]): string {
  switch (e.kind) {
    case 'col': return schema[e.index]?.name ?? e.name;
    case 'const': return scalar(e.value);
    case 'call': return `${e.fn}(${e.args.map((a) => formatExpr(a, schema)).join(', ')})`;
    case 'agg': return e.name;
    case 'in': {
      const vals = e.values.length > 8 ? [...e.values.slice(0, 8).map(scalar), '...'] : e.values.map(scalar);
      return `${e.negated ? 'notIn' : 'in'}(${formatExpr(e.expr, schema)}, (${vals.join(', ')}))`;
    }
    case 'inSubquery': return `${e.negated ? 'notIn' : 'in'}(${formatExpr(e.expr, schema)}, (subquery))`;
    case 'subquery': return '(subquery)';
  }
}
