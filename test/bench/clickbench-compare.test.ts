import { describe, expect, it } from 'vitest';
import { CLICKBENCH_RULES, compareResults } from '../../bench/clickbench/compare.ts';
import { parseTsv } from '../../bench/clickbench/eddy-server.ts';
import { eddyQueries } from '../../bench/clickbench/queries.ts';
import { hotTime, relativeScores, type SystemResult } from '../../bench/clickbench/score.ts';

const exact = { kind: 'exact' } as const;
const byCount = { kind: 'keys', keys: [1] } as const;

describe('ClickBench result comparison', () => {
  it('has a rule for each of the 43 queries', () => {
    expect(CLICKBENCH_RULES).toHaveLength(43);
    expect(eddyQueries()).toHaveLength(43);
  });

  it('compares floating-point columns within 1e-6 and everything else exactly', () => {
    expect(compareResults(exact, 'SELECT AVG(x)', [['2826354187384511500']], [['2826354187384511000']], [true])).toBeNull();
    expect(compareResults(exact, 'SELECT x', [['435090932899640449']], [['435090932899640448']], [false])).toMatch(/row 1/);
    expect(compareResults(exact, 'SELECT AVG(x)', [['1.5']], [['1.6']], [true])).toMatch(/row 1/);
  });

  it('lets rows tied on the sort key come in any order, and any rows at the LIMIT cut', () => {
    const sql = 'SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c DESC LIMIT 4';
    const want = [['a', '9'], ['b', '5'], ['c', '5'], ['d', '2']];
    const approx = [false, false];
    expect(compareResults(byCount, sql, [['a', '9'], ['c', '5'], ['b', '5'], ['d', '2']], want, approx)).toBeNull();
    expect(compareResults(byCount, sql, [['a', '9'], ['b', '5'], ['c', '5'], ['e', '2']], want, approx)).toBeNull();
    expect(compareResults(byCount, sql, [['a', '9'], ['b', '5'], ['x', '5'], ['d', '2']], want, approx)).toMatch(/rows 2–3/);
    expect(compareResults(byCount, sql, [['a', '9'], ['b', '5'], ['c', '4'], ['d', '2']], want, approx)).toMatch(/sort key of row 3/);
    expect(compareResults(byCount, sql, want.slice(0, 3), want, approx)).toMatch(/3 rows, expected 4/);
  });

  it('ignores the first tie group after an OFFSET and compares only counts for count rules', () => {
    const sql = 'SELECT k, COUNT(*) AS c FROM t GROUP BY k ORDER BY c DESC LIMIT 2 OFFSET 5';
    expect(compareResults(byCount, sql, [['x', '3'], ['y', '1']], [['z', '3'], ['y', '1']], [false, false])).toBeNull();
    expect(compareResults({ kind: 'count' }, 'SELECT 1 LIMIT 2', [['p'], ['q']], [['r'], ['s']], [false])).toBeNull();
  });

  it('reads TabSeparated output with escapes', () => {
    expect(parseTsv('a\\tb\t\\N\nc\\\\d\t\n')).toEqual([['a\tb', '\\N'], ['c\\d', '']]);
    expect(parseTsv('')).toEqual([]);
  });
});

describe('ClickBench score', () => {
  const system = (name: string, times: (number | null)[][]): SystemResult =>
    ({ system: name, tags: [], loadTime: null, dataSize: null, times });

  it('takes the best of runs 2 and 3 as the hot time', () => {
    expect(hotTime([5, 0.2, 0.3])).toBe(0.2);
    expect(hotTime([5, null, 0.3])).toBe(0.3);
    expect(hotTime([5, null, null])).toBeNull();
  });

  it('computes the geometric mean of (t + 10 ms) / (best + 10 ms)', () => {
    const a = system('A', [[1, 0.09, 0.1], [1, 0.01, 0.01]]);
    const b = system('B', [[1, 0.19, 0.19], [1, 0.01, 0.02]]);
    const [sa, sb] = relativeScores([a, b], [0, 1]);
    expect(sa).toBeCloseTo(1, 10);
    expect(sb).toBeCloseTo(Math.sqrt((0.2 / 0.1) * 1), 10);
  });
});
