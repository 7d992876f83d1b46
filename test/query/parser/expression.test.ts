import { describe, expect, it } from 'vitest';
import { parseExpression } from '../../../query/parser/index.ts';
import { px } from './sexpr.ts';

describe('operator precedence (ClickHouse priorities)', () => {
  const cases: [string, string][] = [
    ['a OR b AND c', 'or(a, and(b, c))'],
    ['a AND b OR c AND d', 'or(and(a, b), and(c, d))'],
    ['a AND b AND c', 'and(a, b, c)'],
    ['NOT a = b', 'not(equals(a, b))'],
    ['NOT a AND b', 'and(not(a), b)'],
    ['NOT a IS NULL', 'not(isNull(a))'],
    ['a = b IS NOT NULL', 'isNotNull(equals(a, b))'],
    ['-x::Int32', 'negate(CAST(x AS Int32))'],
    ['-2 * 3', 'multiply(-2, 3)'],
    ['- a * b', 'multiply(negate(a), b)'],
    ['a BETWEEN 1 AND 2 AND b', 'and(and(greaterOrEquals(a, 1), lessOrEquals(a, 2)), b)'],
    ['a NOT BETWEEN 1 AND 2 OR c', 'or(or(less(a, 1), greater(a, 2)), c)'],
    ['a BETWEEN b + 1 AND c * 2', 'and(greaterOrEquals(a, plus(b, 1)), lessOrEquals(a, multiply(c, 2)))'],
    ['x NOT IN (1,2)', 'notIn(x, [1, 2])'],
    ['x IN (1)', 'in(x, [1])'],
    ['x GLOBAL NOT IN (1)', 'notIn(x, [1])'],
    ['(a, b) IN ((1, 2), (3, 4))', 'in((a, b), [(1, 2), (3, 4)])'],
    ['x IN (SELECT 1)', 'in(x, (subquery))'],
    ['a + b * c - d', 'minus(plus(a, multiply(b, c)), d)'],
    ['a - b - c', 'minus(minus(a, b), c)'],
    ['a / b % c', 'modulo(divide(a, b), c)'],
    ['a DIV b MOD c', 'modulo(intDiv(a, b), c)'],
    ["a || 'x' || b", "concat(a, 'x', b)"],
    ["a || b = c", 'equals(concat(a, b), c)'],
    ['a + b || c', 'concat(plus(a, b), c)'],
    ["s LIKE '%x%' AND t NOT LIKE 'y'", "and(like(s, '%x%'), notLike(t, 'y'))"],
    ["s ILIKE 'a' OR s NOT ILIKE 'b'", "or(ilike(s, 'a'), notILike(s, 'b'))"],
    ["s REGEXP 'a+'", "match(s, 'a+')"],
    ['a <> b AND c != d AND e == f', 'and(notEquals(a, b), notEquals(c, d), equals(e, f))'],
    ['a < b AND a <= b AND a > b AND a >= b', 'and(less(a, b), lessOrEquals(a, b), greater(a, b), greaterOrEquals(a, b))'],
    ['arr[1] + 1', 'plus(arrayElement(arr, 1), 1)'],
    ['a ? b : c ? d : e', 'if(a, b, if(c, d, e))'],
    ['x -> x + 1', 'lambda((x), plus(x, 1))'],
    ['arrayMap((x, y) -> x * y, a, b)', 'arrayMap(lambda((x, y), multiply(x, y)), a, b)'],
    ['(a + b) * c', 'multiply(plus(a, b), c)'],
    ['f(a AS b, c)', 'f(a AS b, c)'],
    ['NOT NOT a', 'not(not(a))'],
  ];
  for (const [sql, want] of cases) it(sql, () => expect(px(sql)).toBe(want));
});

describe('literals', () => {
  it('integers beyond 2^53 are bigints, others numbers', () => {
    expect(parseExpression('9007199254740991')).toMatchObject({ kind: 'Literal', value: 9007199254740991 });
    expect(parseExpression('9007199254740992')).toMatchObject({ value: 9007199254740992n });
    expect(parseExpression('18446744073709551615')).toMatchObject({ value: 18446744073709551615n });
    expect(parseExpression('-9223372036854775808')).toMatchObject({ value: -9223372036854775808n });
    expect(parseExpression('3594120000172545465')).toMatchObject({ value: 3594120000172545465n });
  });
  it('floats, exponents, hex, binary', () => {
    expect(parseExpression('1.5')).toMatchObject({ value: 1.5, isFloat: true });
    expect(parseExpression('1e3')).toMatchObject({ value: 1000, isFloat: true });
    expect(parseExpression('1.5E-3')).toMatchObject({ value: 0.0015, isFloat: true });
    expect(parseExpression('.5')).toMatchObject({ value: 0.5, isFloat: true });
    expect(parseExpression('1')).not.toHaveProperty('isFloat');
    expect(parseExpression('0x1F')).toMatchObject({ value: 31 });
    expect(parseExpression('0xFFFFFFFFFFFFFFFF')).toMatchObject({ value: 0xFFFFFFFFFFFFFFFFn });
    expect(parseExpression('0b101')).toMatchObject({ value: 5 });
    expect(parseExpression('-0')).toMatchObject({ value: 0 });
    expect(px('-1.5')).toBe('-1.5');
    expect(px('inf')).toBe('Infinity');
    expect(px('-inf')).toBe('-Infinity');
    expect(px('nan')).toBe('NaN');
  });
  it('strings with ClickHouse escapes', () => {
    const s = (sql: string) => (parseExpression(sql) as { value: unknown }).value;
    expect(s(String.raw`'it\'s'`)).toBe("it's");
    expect(s("'it''s'")).toBe("it's");
    expect(s(String.raw`'a\\b'`)).toBe('a\\b');
    expect(s(String.raw`'a\nb\tc'`)).toBe('a\nb\tc');
    expect(s(String.raw`'\x41\0'`)).toBe('A\0');
    expect(s(String.raw`'www\.\1'`)).toBe(String.raw`www\.\1`); // unknown escapes keep their backslash
    expect(s("''")).toBe('');
  });
  it('NULL, booleans', () => {
    expect(parseExpression('NULL')).toMatchObject({ kind: 'Literal', value: null });
    expect(parseExpression('true')).toMatchObject({ value: true });
    expect(parseExpression('FALSE')).toMatchObject({ value: false });
  });
});

describe('special forms', () => {
  const cases: [string, string][] = [
    ['CAST(x AS Nullable(String))', 'CAST(x AS Nullable(String))'],
    ["CAST(x, 'DateTime64(3)')", 'CAST(x AS DateTime64(3))'],
    ["x::DateTime64(3, 'UTC')", "CAST(x AS DateTime64(3, 'UTC'))"],
    ['CAST(x AS VARCHAR(255))', 'CAST(x AS VARCHAR(255))'],
    ["DATE '2020-01-01'", "CAST('2020-01-01' AS Date)"],
    ['date', 'date'],
    ['INTERVAL 1 DAY', 'INTERVAL 1 day'],
    ['INTERVAL 3 HOURS', 'INTERVAL 3 hour'],
    ["INTERVAL '1 day'", 'INTERVAL 1 day'],
    ["INTERVAL '2' MONTH", "INTERVAL '2' month"],
    ['t + INTERVAL -1 WEEK', 'plus(t, INTERVAL -1 week)'],
    ['interval + 1', 'plus(interval, 1)'],
    ['{id:UInt32}', '{id:UInt32}'],
    ['{s:Nullable(String)} = x', 'equals({s:Nullable(String)}, x)'],
    ['extract(minute FROM EventTime)', 'toMinute(EventTime)'],
    ['EXTRACT(YEAR FROM d)', 'toYear(d)'],
    ["extract(s, '[0-9]+')", "extract(s, '[0-9]+')"],
    ["DATE_TRUNC('minute', t)", "DATE_TRUNC('minute', t)"],
    ['count(*)', 'count()'],
    ['COUNT(*)', 'COUNT()'],
    ['count()', 'count()'],
    ['count(DISTINCT x)', 'count(DISTINCT x)'],
    ['quantile(0.5)(x)', 'quantile(0.5)(x)'],
    ['quantiles(0.5, 0.9)(DISTINCT x)', 'quantiles(0.5, 0.9)(DISTINCT x)'],
    ['CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END', 'CASE WHEN a THEN 1 WHEN b THEN 2 ELSE 3 END'],
    ["CASE x WHEN 1 THEN 'a' END", "CASE x WHEN 1 THEN 'a' END"],
    ['[1, 2, [3]]', '[1, 2, [3]]'],
    ['[]', '[]'],
    ['()', '()'],
    ['(1, 2)', '(1, 2)'],
    ['(((1)))', '1'],
    ['t.c', 't.c'],
    ['db.t.c', 'db.t.c'],
    ['`weird col`', 'weird col'],
    ['"Quoted"', 'Quoted'],
    ['x.1.2', 'tupleElement(tupleElement(x, 1), 2)'],
    ['f(x).name', "tupleElement(f(x), 'name')"],
    ['if(a, left(s, 1), right(s, 2))', 'if(a, left(s, 1), right(s, 2))'],
    ['EXISTS(SELECT 1)', 'exists((subquery))'],
  ];
  for (const [sql, want] of cases) it(sql, () => expect(px(sql)).toBe(want));

  it('keeps positions', () => {
    expect(parseExpression('a + b')).toMatchObject({ pos: 0, args: [{ pos: 0 }, { pos: 4 }] });
  });
});
