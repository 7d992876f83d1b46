import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { call, cst, dictOf, vec } from './helpers.ts';

describe('like', () => {
  it('substring search maps hits to rows, never across rows', () => {
    const v = vec('String', ['google', 'xgooglex', 'goo', 'gle', 'abc', '', 'www.google.com']);
    expect(call('like', [v, cst('String', '%google%', 7)]).rows).toEqual([1, 1, 0, 0, 0, 0, 1]);
    expect(call('notLike', [v, cst('String', '%.google.%', 7)]).rows).toEqual([1, 1, 1, 1, 1, 1, 0]);
    expect(call('like', [v, cst('String', 'goo%', 7)]).rows).toEqual([1, 0, 1, 0, 0, 0, 0]);
    expect(call('like', [v, cst('String', '%gle', 7)]).rows).toEqual([1, 0, 0, 1, 0, 0, 0]);
    expect(call('like', [v, cst('String', 'g_o%e', 7)]).rows).toEqual([1, 0, 0, 0, 0, 0, 0]);
    expect(call('ilike', [vec('String', ['GooGLE', 'x']), cst('String', '%google%', 2)]).rows).toEqual([1, 0]);
    expect(call('like', [vec('String', ['ä', 'ab']), cst('String', '_', 2)]).rows).toEqual([1, 0]);
    expect(call('like', [vec('String', ['50%', '50']), cst('String', '50\\%', 2)]).rows).toEqual([1, 0]);
  });
  it('matches a naive implementation on random data (flat and dict)', () => {
    const toRe = (p: string): RegExp => new RegExp(`^${p.split('').map((c) => (c === '%' ? '.*' : c === '_' ? '.' : c.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'))).join('')}$`, 's');
    fc.assert(fc.property(fc.array(fc.string({ unit: fc.constantFrom('a', 'b', 'c'), maxLength: 6 }), { minLength: 1, maxLength: 30 }),
      fc.string({ unit: fc.constantFrom('a', 'b', '%', '_'), maxLength: 5 }), (rows, pat) => {
        const want = rows.map((r) => (toRe(pat).test(r) ? 1 : 0));
        expect(call('like', [vec('String', rows), cst('String', pat, rows.length)]).rows).toEqual(want);
        expect(call('like', [dictOf('String', rows), cst('String', pat, rows.length)]).rows).toEqual(want);
      }), { numRuns: 200 });
  });
});

describe('string functions', () => {
  it('length, lower, upper, empty, notEmpty over dict and const', () => {
    expect(call('length', [dictOf('String', ['ab', 'ä', 'ab'])]).rows).toEqual([2n, 2n, 2n]);
    expect(call('lengthUTF8', [vec('String', ['ä', 'abc'])]).rows).toEqual([1n, 3n]);
    expect(call('lower', [vec('String', ['AbC', 'Ä'])]).rows).toEqual(['abc', 'Ä']);
    expect(call('upper', [cst('String', 'abc', 2)]).rows).toEqual(['ABC', 'ABC']);
    expect(call('empty', [vec('Nullable(String)', ['', 'a', null])]).rows).toEqual([1, 0, null]);
    expect(call('notEmpty', [vec('String', ['', 'a'])]).rows).toEqual([0, 1]);
  });
  it('substring is byte-based, substringUTF8 char-based', () => {
    const s = vec('String', ['hello', 'hi']);
    expect(call('substring', [s, cst('Int8', 2, 2), cst('Int8', 3, 2)]).rows).toEqual(['ell', 'i']);
    expect(call('substring', [s, cst('Int8', -3, 2)]).rows).toEqual(['llo', 'hi']);
    expect(call('substring', [s, cst('Int8', 0, 2)]).rows).toEqual(['', '']);
    expect(call('substringUTF8', [vec('String', ['äbc']), cst('Int8', 2, 1)]).rows).toEqual(['bc']);
    expect(call('substring', [vec('String', ['äbc']), cst('Int8', 2, 1)]).rows).not.toEqual(['bc']);
  });
  it('concat, position, startsWith, endsWith', () => {
    expect(call('concat', [vec('String', ['a', 'b']), cst('String', '-', 2), vec('Int32', [1, 2])]).rows).toEqual(['a-1', 'b-2']);
    expect(call('position', [vec('String', ['hello', 'x']), cst('String', 'l', 2)]).rows).toEqual([3n, 0n]);
    expect(call('startsWith', [vec('String', ['http://a', 'ftp']), cst('String', 'http', 2)]).rows).toEqual([1, 0]);
    expect(call('endsWith', [vec('String', ['a.com', 'b.org']), cst('String', '.com', 2)]).rows).toEqual([1, 0]);
  });
  it('regexp functions', () => {
    const r = vec('String', ['https://www.example.com/a/b', 'http://foo.org/', 'nope']);
    const re = cst('String', '^https?://(?:www\\.)?([^/]+)/.*$', 3);
    expect(call('REGEXP_REPLACE', [r, re, cst('String', '\\1', 3)]).rows).toEqual(['example.com', 'foo.org', 'nope']);
    expect(call('replaceRegexpAll', [vec('String', ['aaa']), cst('String', 'a', 1), cst('String', 'b', 1)]).rows).toEqual(['bbb']);
    expect(call('replaceRegexpOne', [vec('String', ['aaa']), cst('String', 'a', 1), cst('String', 'b', 1)]).rows).toEqual(['baa']);
    expect(call('match', [r, cst('String', 'example', 3)]).rows).toEqual([1, 0, 0]);
    expect(call('extract', [r, cst('String', '://([^/]+)', 3)]).rows).toEqual(['www.example.com', 'foo.org', '']);
    expect(call('replaceRegexpOne', [vec('String', ['äx']), cst('String', 'x', 1), cst('String', 'ö', 1)]).rows).toEqual(['äö']);
  });
  it('toString formats every type', () => {
    expect(call('toString', [vec('Int64', [2n ** 62n + 1n, -5n])]).rows).toEqual([String(2n ** 62n + 1n), '-5']);
    expect(call('toString', [vec('Float64', [0.1, Infinity, NaN])]).rows).toEqual(['0.1', 'inf', 'nan']);
    expect(call('toString', [vec('Float32', [0.1])]).rows).toEqual(['0.1']);
    expect(call('toString', [vec('Date', [15887])]).rows).toEqual(['2013-07-01']);
    expect(call('toString', [vec('DateTime', [1372636800 + 3723])]).rows).toEqual(['2013-07-01 01:02:03']);
  });
});

describe('dates', () => {
  const t = vec('DateTime', [1373884385]); // 2013-07-15 10:33:05 UTC, a Monday
  it('truncation and parts', () => {
    expect(call('toStartOfMinute', [t]).rows).toEqual([1373884380]);
    expect(call('toStartOfFiveMinute', [t]).rows).toEqual([1373884200]);
    expect(call('toStartOfHour', [t]).rows).toEqual([1373882400]);
    expect(call('toStartOfDay', [t]).rows).toEqual([1373846400]);
    expect(call('toStartOfMonth', [t]).rows).toEqual([15887]);
    expect(call('toMonday', [vec('Date', [15903, 15900])]).rows).toEqual([15901, 15894]);
    expect(call('toStartOfWeek', [vec('Date', [15903])]).rows).toEqual([15900]);
    expect(call('toYear', [t]).rows).toEqual([2013]);
    expect(call('toMonth', [t]).rows).toEqual([7]);
    expect(call('toDayOfMonth', [t]).rows).toEqual([15]);
    expect(call('toDayOfWeek', [t]).rows).toEqual([1]);
    expect(call('toHour', [t]).rows).toEqual([10]);
    expect(call('toMinute', [t]).rows).toEqual([33]);
    expect(call('toSecond', [t]).rows).toEqual([5]);
    expect(call('toYYYYMM', [t]).rows).toEqual([201307]);
    expect(call('toYYYYMMDD', [vec('Date', [15887])]).rows).toEqual([20130701]);
  });
  it('date_trunc and EXTRACT(unit FROM t)', () => {
    expect(call('DATE_TRUNC', [cst('String', 'minute', 1), t]).rows).toEqual([1373884380]);
    expect(call('date_trunc', [cst('String', 'month', 1), t]).rows).toEqual([15887]);
    expect(call('extract', [cst('String', 'minute', 1), t]).rows).toEqual([33]);
    expect(call('extract', [cst('String', 'YEAR', 1), vec('Date', [15887])]).rows).toEqual([2013]);
  });
  it('time zones', () => {
    const tz = vec("DateTime('Asia/Tokyo')", [1373884385]);
    expect(call('toHour', [tz]).rows).toEqual([19]);
    expect(call('toStartOfDay', [tz]).rows).toEqual([1373846400 - 9 * 3600 + 86400 * 0 + (1373884385 + 9 * 3600 >= 1373846400 + 86400 ? 86400 : 0)]);
  });
});
