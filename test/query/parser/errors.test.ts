import { describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/core/errors.ts';
import { parseStatement } from '../../../query/parser/index.ts';

function message(sql: string): string {
  try {
    parseStatement(sql);
  } catch (e) {
    expect(e).toBeInstanceOf(EddyError);
    expect((e as EddyError).errorName).toBe('SYNTAX_ERROR');
    expect((e as EddyError).code).toBe(62);
    return (e as Error).message;
  }
  throw new Error(`parsed: ${sql}`);
}

describe('syntax errors', () => {
  it("ClickHouse's format: position, line/col, token, rest, expected", () => {
    expect(message('SELECT * FORM bar')).toBe(
      "Syntax error: failed at position 10 (line 1, col 10) ('FORM'): FORM bar. Expected one of: comma, FROM, WHERE, GROUP BY, HAVING, ORDER BY, LIMIT, OFFSET, SETTINGS, FORMAT, UNION, semicolon, end of query.");
  });
  it('multi-statements', () => {
    expect(message('SELECT 1; SELECT 2')).toMatch(/^Syntax error \(Multi-statements are not allowed\): failed at position 11 \(line 1, col 11\) \('SELECT'\)/);
  });
  it('end of query', () => {
    expect(message('SELECT a +')).toMatch(/failed at position 11 \(line 1, col 11\) \(end of query\): \. Expected expression\./);
    expect(message('SELECT (1, 2')).toMatch(/end of query.*Expected one of: .*closing round bracket/);
  });
  it('lines and columns', () => {
    expect(message('SELECT a\nFROM t\nWHERE')).toMatch(/failed at position 22 \(line 3, col 6\) \(end of query\)/);
  });
  it('lexer errors', () => {
    expect(message("SELECT 'abc")).toMatch(/^Syntax error \(Unterminated string literal\): failed at position 8/);
    expect(message('SELECT `abc')).toMatch(/Unterminated quoted identifier/);
    expect(message('SELECT 1 /* x')).toMatch(/Unterminated multiline comment/);
    expect(message('SELECT 12abc')).toMatch(/Wrong number/);
    expect(message('SELECT $')).toMatch(/Unrecognized token/);
  });
  it('statement level', () => {
    expect(message('FROBNICATE t')).toMatch(/Expected one of: .*SELECT.*INSERT.*CREATE/);
    expect(message('CREATE TABLE t')).toMatch(/Expected .*opening round bracket/);
    expect(message('SELECT a FROM t JOIN u')).toMatch(/Expected one of: .*ON.*USING/);
    expect(message('SELECT CAST(1 AS)')).toMatch(/Expected data type/);
    expect(message('SELECT extract(fortnight FROM t)')).toMatch(/Expected interval unit/);
    expect(message('SELECT * FROM t WHERE')).toMatch(/Expected expression/);
  });
});
