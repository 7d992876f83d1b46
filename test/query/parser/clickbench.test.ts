import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { CreateTable, Select } from '../../../query/parser/ast.ts';
import { parseStatement, parseStatements } from '../../../query/parser/index.ts';
import { sx } from './sexpr.ts';
import { CLICKBENCH_DIR } from '../../support/shared-dir.ts';

const DIR = CLICKBENCH_DIR;
const VARIANTS = ['', 'clickhouse-18.16/', 'duckdb/'];

describe.each(VARIANTS)('ClickBench %s', (variant) => {
  it('create.sql parses unmodified: 105 columns and the key', () => {
    const script = parseStatements(readFileSync(`${DIR}/${variant}create.sql`, 'utf8'));
    expect(script).toHaveLength(1);
    const t = script[0]!.statement as CreateTable;
    expect(t.kind).toBe('CreateTable');
    expect(t.name).toBe('hits');
    expect(t.columns).toHaveLength(105);
    const key = t.primaryKey ?? t.orderBy;
    if (variant !== 'duckdb/') expect(key!.map(sx)).toEqual(['CounterID', 'EventDate', 'UserID', 'EventTime', 'WatchID']);
  });

  it('all 43 queries parse', () => {
    const lines = readFileSync(`${DIR}/${variant}queries.sql`, 'utf8').split('\n').filter((l) => l.trim() !== '');
    expect(lines).toHaveLength(43);
    for (const l of lines) expect(parseStatement(l).kind).toBe('Select');
  });
});

describe('ClickBench details', () => {
  const q = readFileSync(`${DIR}/queries.sql`, 'utf8').split('\n').map((l) => l.trim()).filter(Boolean);
  it('Q19 extract(minute FROM EventTime) → toMinute', () => {
    expect(sx((parseStatement(q[18]!) as Select).items[1]!.expr)).toBe('toMinute(EventTime)');
  });
  it('Q20 bigint literal', () => {
    expect(sx((parseStatement(q[19]!) as Select).where!)).toBe('equals(UserID, 435090932899640449n)');
  });
  it('Q29 regexp escapes keep their backslashes', () => {
    const args = ((parseStatement(q[28]!) as Select).items[0]!.expr as unknown as { args: { value: string }[] }).args;
    expect(args[1]!.value).toBe('^https?://(?:www\\.)?([^/]+)/.*$');
    expect(args[2]!.value).toBe('\\1');
  });
  it('Q41 IN (-1, 6)', () => {
    expect(sx((parseStatement(q[40]!) as Select).where!)).toContain('in(TraficSourceID, [-1, 6])');
  });
  it('create.sql settings', () => {
    const t = parseStatements(readFileSync(`${DIR}/create.sql`, 'utf8'))[0]!.statement as CreateTable;
    expect(t.settings).toEqual({ fsync_after_insert: 1, auto_statistics_types: '' });
    expect(t.columns[0]).toEqual({ name: 'WatchID', type: 'BIGINT', nullable: false });
  });
});
