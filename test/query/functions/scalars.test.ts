import { describe, expect, it } from 'vitest';
import { typeName } from '../../../src/core/types.ts';
import { call, cst, dictOf, vec } from './helpers.ts';

const M = (1n << 64n) - 1n;
function refIntHash64(x: bigint): bigint {
  x &= M; x ^= x >> 33n; x = (x * 0xff51afd7ed558ccdn) & M; x ^= x >> 33n; x = (x * 0xc4ceb9fe1a85ec53n) & M;
  return x ^ (x >> 33n);
}
function refIntHash32(k: bigint): bigint {
  k &= M;
  k = (~k + (k << 18n)) & M; k ^= (k >> 31n) | ((k << 33n) & M); k = (k * 21n) & M;
  k ^= (k >> 11n) | ((k << 53n) & M); k = (k + (k << 6n)) & M; k ^= (k >> 22n) | ((k << 42n) & M);
  return k & 0xffffffffn;
}

describe('new scalar functions', () => {
  it('intHash32/intHash64 match the reference 64-bit arithmetic', () => {
    const xs = [0n, 1n, 42n, -1n, 123456789012345n, -(2n ** 63n), 2n ** 62n + 7n];
    const h64 = call('intHash64', [vec('Int64', xs)]).rows;
    const h32 = call('intHash32', [vec('Int64', xs)]).rows;
    xs.forEach((x, i) => {
      expect(h64[i]).toBe(refIntHash64(BigInt.asUintN(64, x)));
      expect(BigInt(h32[i] as number)).toBe(refIntHash32(BigInt.asUintN(64, x)));
    });
  });
  it('rounds floats half to even and integers away from zero', () => {
    expect(call('round', [vec('Float64', [0.5, 1.5, 2.5, -2.5, 2.675])]).rows).toEqual([0, 2, 2, -2, 3]);
    expect(call('round', [vec('Int32', [15, -15, 14]), cst('Int8', -1, 3)]).rows).toEqual([20, -20, 10]);
    expect(call('floor', [vec('Float64', [1.77]), cst('UInt8', 1, 1)]).rows).toEqual([1.7]);
    expect(typeName(call('ceil', [vec('Float32', [1.2])]).type)).toBe('Float32');
  });
  it('abs widens signed types to unsigned and stays exact for Int64', () => {
    const r = call('abs', [vec('Int64', [-(2n ** 63n), -5n, 7n])]);
    expect(typeName(r.type)).toBe('UInt64');
    expect(r.rows).toEqual([2n ** 63n, 5n, 7n]);
  });
  it('greatest/least over dictionaries, constants and mixed types', () => {
    expect(call('greatest', [dictOf('String', ['b', 'a', 'b']), cst('String', 'ab', 3)]).rows).toEqual(['b', 'ab', 'b']);
    const r = call('least', [vec('Int64', [-1n, 5n]), vec('UInt64', [3n, 2n ** 64n - 1n])]);
    expect(typeName(r.type)).toBe('Int64');
    expect(r.rows).toEqual([-1n, 5n]);
  });
  it('case-converts UTF-8 per dictionary entry and leaves length-changing characters', () => {
    expect(call('upperUTF8', [dictOf('String', ['привет', 'straße', 'привет'])]).rows).toEqual(['ПРИВЕТ', 'STRAßE', 'ПРИВЕТ']);
    expect(call('lowerUTF8', [vec('String', ['ÀÉÎ', ''])]).rows).toEqual(['àéî', '']);
  });
  it('adds calendar months with clamping and diffs by boundaries', () => {
    const d = vec('Date', [18292, 18321]); // 2020-01-31, 2020-02-29
    expect(call('addMonths', [d, cst('Int32', 1, 2)]).rows).toEqual([18321, 18350]);
    expect(call('subtractYears', [vec('Date', [18321]), cst('Int32', 1, 1)]).rows).toEqual([17955]);
    const a = vec('DateTime', [1577836799]), b = vec('DateTime', [1577836800]);
    expect(call('dateDiff', [cst('String', 'year', 1), a, b]).rows).toEqual([1n]);
    expect(call('dateDiff', [cst('String', 'second', 1), a, b]).rows).toEqual([1n]);
  });
  it('replaceAll/replaceOne/trim/reverse work on bytes', () => {
    expect(call('replaceAll', [vec('String', ['abab', '']), cst('String', 'ab', 2), cst('String', 'x', 2)]).rows).toEqual(['xx', '']);
    expect(call('replaceOne', [dictOf('String', ['abab', 'b']), cst('String', 'b', 2), cst('String', '', 2)]).rows).toEqual(['aab', '']);
    expect(call('trimBoth', [vec('String', ['  a  ', '   '])]).rows).toEqual(['a', '']);
    expect(call('reverseUTF8', [vec('String', ['añb'])]).rows).toEqual(['bña']);
  });
});
