/**
 * Disk errors for real: the table lives on a 2 MiB tmpfs, filled up with a filler file to get ENOSPC
 * and remounted read-only to get EROFS (tests run as root, so chmod cannot stop writes). When the
 * sandbox does not allow mounting, the suite is skipped and its title says why.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, openSync, closeSync, readdirSync, rmSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/core/errors.ts';
import { T, type Scalar } from '../../../src/core/types.ts';
import { TableStorage, type ColumnDef, type TableStorageOptions } from '../../../storage/table/index.ts';
import { canon, columnsOf, readAll } from './helpers.ts';

const mountPoint = mkdtempSync(join(tmpdir(), 'eddy-tmpfs-'));
/** Why a tmpfs cannot be mounted here, or null when it is mounted. Detected once. */
const cannotMount = ((): string | null => {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=2m', 'tmpfs', mountPoint], { stdio: 'pipe' });
    return null;
  } catch (e) {
    const err = e as { stderr?: Buffer; message: string };
    return (err.stderr?.toString().trim() || err.message).split('\n')[0]!;
  }
})();

afterAll(() => {
  if (cannotMount === null) execFileSync('umount', ['-l', mountPoint]);
  rmSync(mountPoint, { recursive: true, force: true });
});

const quiet = { info: () => {}, warn: () => {} };
const schema: ColumnDef[] = [{ name: 'k', type: T.Int64 }, { name: 's', type: T.String }];
const rows = (from: number, n: number, width = 200): Scalar[][] =>
  Array.from({ length: n }, (_, i) => [BigInt(from + i), `${from + i}:${'x'.repeat(width)}`]);
let seq = 0;
function opts(extra: Partial<TableStorageOptions> = {}): TableStorageOptions {
  return {
    dir: join(mountPoint, `t${seq++}`), schema, sortKey: ['k'], granularity: 16, logger: quiet,
    flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 1e9 }, merge: { background: false }, ...extra,
  };
}
const insert = (t: TableStorage, r: Scalar[][]): Promise<void> => t.insert(columnsOf(schema, r), r.length);

/** Fill the file system with a filler file until ENOSPC; returns its path. */
function fill(): string {
  const path = join(mountPoint, 'filler');
  const fd = openSync(path, 'a');
  const chunk = new Uint8Array(16 * 1024);
  try {
    for (;;) writeSync(fd, chunk);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'ENOSPC') throw e;
  } finally {
    closeSync(fd);
  }
  return path;
}

async function caught(p: Promise<unknown>): Promise<EddyError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EddyError);
    return e as EddyError;
  }
  throw new Error('expected a rejection');
}

async function until(cond: () => boolean, ms: number): Promise<void> {
  const end = Date.now() + ms;
  while (!cond()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
}

describe.skipIf(cannotMount !== null)(`disk errors on a 2 MiB tmpfs${cannotMount === null ? '' : ` — SKIPPED, cannot mount a tmpfs: ${cannotMount}`}`, () => {
  it('an insert hitting ENOSPC fails with NOT_ENOUGH_SPACE, the table stays readable, and inserts work once space is freed', async () => {
    const o = opts();
    let t = await TableStorage.open(o);
    const expected = rows(0, 50);
    await insert(t, expected.slice(0, 25));
    await t.flush();
    await insert(t, expected.slice(25));
    const filler = fill();
    try {
      const err = await caught(insert(t, rows(1000, 100)));
      expect(err.errorName).toBe('NOT_ENOUGH_SPACE');
      expect(err.message).toMatch(/no space left on device/i);
      expect(err.message).toContain('WAL');
      expect(canon(await readAll(t))).toEqual(canon(expected));
    } finally {
      rmSync(filler);
    }
    const more = rows(2000, 100);
    await insert(t, more);
    expected.push(...more);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.close();
    t = await TableStorage.open(o);
    expect(canon(await readAll(t))).toEqual(canon(expected)); // the failed insert never comes back
    await t.flush();
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.drop();
  });

  it('a flush hitting ENOSPC keeps the rows queryable, leaves no tmp part, and is retried in the background', async () => {
    const o = opts({ flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 100 } });
    const t = await TableStorage.open(o);
    const expected = rows(0, 300);
    await insert(t, expected);
    const filler = fill();
    try {
      const err = await caught(t.flush());
      expect(err.errorName).toBe('NOT_ENOUGH_SPACE');
      expect(err.message).toMatch(/Cannot write part .*no space left on device/i);
      expect(t.parts()).toHaveLength(0);
      expect(t.unflushedRows).toBe(300);
      expect(canon(await readAll(t))).toEqual(canon(expected));
      expect(readdirSync(o.dir).filter((n) => n.startsWith('tmp_') || n.startsWith('staging_'))).toEqual([]);
    } finally {
      rmSync(filler);
    }
    await until(() => t.unflushedRows === 0, 10_000); // the timer retries the frozen segment
    expect(t.parts().length).toBeGreaterThan(0);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.drop();
  });

  it('with unflushed rows over the limit, an insert whose flush hits ENOSPC fails with NOT_ENOUGH_SPACE', async () => {
    const o = opts({ flush: { maxRows: 1e9, maxBytes: 1e12, maxAgeMs: 1e9, maxPendingBytes: 20_000 } });
    const t = await TableStorage.open(o);
    const expected = rows(0, 150);
    await insert(t, expected);
    expect(t.unflushedBytes).toBeGreaterThanOrEqual(20_000);
    const filler = fill();
    try {
      const err = await caught(insert(t, rows(500, 1, 1)));
      expect(err.errorName).toBe('NOT_ENOUGH_SPACE');
      expect(canon(await readAll(t))).toEqual(canon(expected));
    } finally {
      rmSync(filler);
    }
    await insert(t, rows(500, 1, 1)); // flushes first, then goes in
    expect(t.unflushedRows).toBe(1);
    expect(canon(await readAll(t))).toEqual(canon([...expected, ...rows(500, 1, 1)]));
    await t.drop();
  });

  it('a merge hitting ENOSPC fails cleanly: sources stay active, no partial part, and it succeeds once space is freed', async () => {
    const o = opts();
    const t = await TableStorage.open(o);
    const expected = rows(0, 240);
    for (let p = 0; p < 3; p++) {
      await insert(t, expected.slice(p * 80, (p + 1) * 80));
      await t.flush();
    }
    const filler = fill();
    try {
      const err = await caught(t.optimize({ final: true }));
      expect(err.errorName).toBe('NOT_ENOUGH_SPACE');
      expect(t.parts().filter((p) => p.active)).toHaveLength(3);
      expect(readdirSync(o.dir).filter((n) => n.startsWith('tmp_'))).toEqual([]);
      expect(canon(await readAll(t))).toEqual(canon(expected));
    } finally {
      rmSync(filler);
    }
    await t.optimize({ final: true });
    expect(t.parts().filter((p) => p.active)).toHaveLength(1);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.drop();
  });

  it('a bulk insert whose staged part (written on a worker thread) hits ENOSPC fails with NOT_ENOUGH_SPACE and leaves nothing', async () => {
    const o = opts({ flush: { maxRows: 100, maxBytes: 1e12, maxAgeMs: 1e9 } });
    const t = await TableStorage.open(o);
    const bulk = t.bulkInsert();
    await bulk.append(columnsOf(schema, rows(0, 100)), 100); // the first piece is staged while space remains
    const filler = fill();
    try {
      const err = await caught((async () => {
        for (let b = 1; b < 20; b++) await bulk.append(columnsOf(schema, rows(b * 100, 100)), 100);
        await bulk.commit();
      })());
      expect(err.errorName).toBe('NOT_ENOUGH_SPACE');
      expect(readdirSync(o.dir).filter((n) => n.startsWith('staging_') || n.startsWith('tmp_'))).toEqual([]);
      expect(await readAll(t)).toEqual([]);
    } finally {
      rmSync(filler);
    }
    await t.drop();
  });

  it('a read-only file system fails with a clear error and the data is intact once writable again', async () => {
    const o = opts();
    let t = await TableStorage.open(o);
    const expected = rows(0, 40);
    await insert(t, expected.slice(0, 20));
    await t.flush();
    await insert(t, expected.slice(20));
    await t.close(); // a file system with files open for writing cannot be remounted read-only
    execFileSync('mount', ['-o', 'remount,ro', mountPoint]);
    try {
      const err = await caught(TableStorage.open(o));
      expect(err.errorName).toBe('CANNOT_WRITE_TO_FILE_DESCRIPTOR');
      expect(err.message).toMatch(/read-only/i);
    } finally {
      execFileSync('mount', ['-o', 'remount,rw', mountPoint]);
    }
    t = await TableStorage.open(o);
    expect(canon(await readAll(t))).toEqual(canon(expected));
    await t.drop();
  });
});
