/**
 * Flush policy: a trickle of single-row inserts is flushed by age into few parts, and the segment's
 * memory is bounded (inserts wait for a flush once unflushed bytes reach flush.maxPendingBytes).
 * The real-time check with the defaults (500 rows/s for 20 s) is bench/storage-trickle.ts; here the
 * age is scaled down.
 */
import { tempDir } from '../../support/temp-dir.ts';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { T, type Scalar } from '../../../src/core/types.ts';
import { TableStorage, type ColumnDef } from '../../../storage/table/index.ts';
import { canon, columnsOf, readAll } from './helpers.ts';

const quiet = { info: () => {}, warn: () => {} };
const schema: ColumnDef[] = [{ name: 'k', type: T.Int64 }, { name: 's', type: T.String }];
const dir = (): string => join(tempDir('flush'), 't');
const row = (i: number, width = 10): Scalar[] => [BigInt(i), `${i}:${'y'.repeat(width)}`];

describe('flush policy', () => {
  it('a steady trickle of single-row inserts is flushed by age into few parts', async () => {
    const t = await TableStorage.open({
      dir: dir(), schema, sortKey: ['k'], logger: quiet, flush: { maxAgeMs: 250 },
    });
    const expected: Scalar[][] = [];
    const start = Date.now();
    // ~500 rows/s for 1.5 s (the age limit scaled 20×, from 5 s to 250 ms)
    for (let i = 0; Date.now() - start < 1500; i++) {
      const r = row(i);
      await t.insert(columnsOf(schema, [r]), 1);
      expected.push(r);
      await new Promise((res) => setTimeout(res, 2));
    }
    await new Promise((res) => setTimeout(res, 600));
    expect(t.unflushedRows).toBe(0);
    await t.mergesSettled();
    const active = t.parts().filter((p) => p.active);
    expect(active.length).toBeGreaterThan(0);
    expect(active.length).toBeLessThanOrEqual(8); // ~6 age flushes, then merges
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.close();
  });

  it('inserts wait for a flush once unflushed bytes reach maxPendingBytes, so memory stays bounded', async () => {
    const limit = 32 * 1024;
    const t = await TableStorage.open({
      dir: dir(), schema, sortKey: ['k'], logger: quiet, merge: { background: false },
      flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 1e9, maxPendingBytes: limit },
    });
    const batch = 20;
    const batchBytes = batch * (8 + 4 + 1000 + 5);
    const expected: Scalar[][] = [];
    let maxSeen = 0;
    for (let b = 0; b < 40; b++) {
      const rows = Array.from({ length: batch }, (_, i) => row(b * batch + i, 1000));
      await t.insert(columnsOf(schema, rows), batch);
      expected.push(...rows);
      maxSeen = Math.max(maxSeen, t.unflushedBytes);
    }
    expect(maxSeen).toBeLessThan(limit + batchBytes);
    expect(t.parts().length).toBeGreaterThanOrEqual(10); // ≈ 40 batches / (limit / batch bytes)
    // concurrent inserts: each waits while over the limit, so the overshoot is at most the in-flight batches
    await Promise.all(Array.from({ length: 10 }, async (_, c) => {
      const rows = Array.from({ length: batch }, (_, i) => row(100_000 + c * batch + i, 1000));
      await t.insert(columnsOf(schema, rows), batch);
      expected.push(...rows);
      maxSeen = Math.max(maxSeen, t.unflushedBytes);
    }));
    expect(maxSeen).toBeLessThan(limit + 10 * batchBytes);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.close();
  });
});
