import { describe, expect, it } from 'vitest';
import { MIN_FOLDED_SHARE, NEAR_UNIQUE, nearUnique, recordGroupRatio } from '../../../query/parallel/width-hints.ts';

describe('width hints', () => {
  it('marks a plan whose folded rows were nearly unique, and only when it folded a fair share of the rows read', () => {
    recordGroupRatio('all rows, unique keys', 1_000_000, 1_000_000, 1_000_000);
    expect(nearUnique('all rows, unique keys')).toBe(true);
    recordGroupRatio('all rows, few keys', (NEAR_UNIQUE / 2) * 1_000_000, 1_000_000, 1_000_000);
    expect(nearUnique('all rows, few keys')).toBe(false);
    // Q31-like: a cheap filter keeps 13% of the rows, nearly all of them distinct
    recordGroupRatio('13% folded', 120_000, 135_000, 1_000_000);
    expect(nearUnique('13% folded')).toBe(true);
    // Q22-like: a LIKE keeps 0.5% of 10M rows: the scan is the work, and it splits well
    recordGroupRatio('selective filter', 49_000, 49_000, 10_000_000);
    expect(nearUnique('selective filter')).toBe(false);
    recordGroupRatio('at the edge', 400_000, MIN_FOLDED_SHARE * 10_000_000, 10_000_000);
    expect(nearUnique('at the edge')).toBe(true);
  });

  it('forgets the hint when the next run disagrees, and ignores runs that folded too few rows', () => {
    recordGroupRatio('changing', 500_000, 500_000, 500_000);
    expect(nearUnique('changing')).toBe(true);
    recordGroupRatio('changing', 500_000, 500_000, 50_000_000);
    expect(nearUnique('changing')).toBe(false);
    recordGroupRatio('tiny', 100, 100, 100);
    expect(nearUnique('tiny')).toBe(false);
    expect(nearUnique('never seen')).toBe(false);
  });
});
