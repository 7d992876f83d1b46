import { describe, expect, it } from 'vitest';
import { parseStatement } from '../../../query/parser/index.ts';
import type { Query } from '../../../query/parser/ast.ts';
import { planQuery } from '../../../query/engine.ts';
import type { LogicalPlan, ScanNode } from '../../../query/planner/logical.ts';
import { childrenOf } from '../../../query/planner/logical.ts';
import { context, table } from '../engine/helpers.ts';

const t = table('t', { a: 'Int32', d: 'Date', s: 'String', x: 'Float64', unused: 'String' }, [[1, 15887, 'q', 1.5, 'u']]);
const ctx = context([t]);

function scanOf(p: LogicalPlan): ScanNode {
  if (p.kind === 'Scan') return p;
  for (const c of childrenOf(p)) { const s = scanOf(c); if (s) return s; }
  return undefined as unknown as ScanNode;
}

const plan = (sql: string) => planQuery(parseStatement(sql) as Query, ctx);

describe('optimizer', () => {
  it('pushes filters into the scan, reads only needed columns, extracts ranges', () => {
    const p = plan("SELECT s, count() FROM t WHERE d >= '2013-07-01' AND d <= '2013-07-31' AND a IN (1, 2) AND s IS NOT NULL GROUP BY s");
    const scan = scanOf(p);
    expect(scan.columns).toEqual(['a', 'd', 's']);
    expect(scan.filter).toBeDefined();
    expect(scan.ranges).toEqual([
      { kind: 'range', column: 'd', min: 15887, minInclusive: true },
      { kind: 'range', column: 'd', max: 15917, maxInclusive: true },
      { kind: 'in', column: 'a', values: [1, 2] },
      { kind: 'notNull', column: 's' },
    ]);
  });
  it('folds constants and flips constant-first comparisons', () => {
    const scan = scanOf(plan('SELECT a FROM t WHERE 10 > a + 0 * 0 AND 2 + 3 < a'));
    expect(scan.ranges).toEqual([{ kind: 'range', column: 'a', min: 5, minInclusive: false }]);
  });
  it('turns ORDER BY … LIMIT into TopK and pushes filters through subqueries', () => {
    const p = plan('SELECT * FROM (SELECT a, x FROM t) WHERE a = 1 ORDER BY x LIMIT 5');
    expect(JSON.stringify(p, (_k, v) => (typeof v === 'bigint' ? String(v) : v))).toContain('"TopK"');
    expect(scanOf(p).ranges).toEqual([{ kind: 'range', column: 'a', min: 1, minInclusive: true, max: 1, maxInclusive: true }]);
    expect(scanOf(p).columns).toEqual(['a', 'x']);
  });
});
