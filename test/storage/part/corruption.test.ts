import { mkdtempSync, readFileSync, readdirSync, rmSync, truncateSync, writeFileSync, chmodSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/core/errors.ts';
import { T, type Field } from '../../../src/core/types.ts';
import type { Vector } from '../../../src/core/vector.ts';
import { PartReader, writePart } from '../../../storage/part/index.ts';
import { makeVector } from '../codec/arbitraries.ts';

const root = mkdtempSync(join(tmpdir(), 'eddy-corrupt-test-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let seq = 0;

const n = 3000;
const schema: Field[] = [{ name: 'id', type: T.Int64 }, { name: 'url path', type: T.String }];
const columns = [
  makeVector(T.Int64, Array.from({ length: n }, (_, i) => BigInt(i) * 1000003n), null),
  makeVector(T.String, Array.from({ length: n }, (_, i) => `https://example.com/${(i * 7919) % 1000}`), null),
];
const opts = { granularity: 256, sortKey: ['id'], partition: 'all', minBlock: 1, maxBlock: 1, level: 0, minBlockBytes: 4096 };

async function freshPart(): Promise<PartReader> {
  return writePart(mkdtempSync(join(root, `t${seq++}-`)), schema, columns, n, opts);
}

function flipByte(path: string, at: (len: number) => number): void {
  const b = readFileSync(path);
  b[at(b.length)]! ^= 0x5a;
  writeFileSync(path, b);
}

async function caught(p: Promise<unknown>): Promise<EddyError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(EddyError);
    return e as EddyError;
  }
  throw new Error('expected an error');
}

describe('corruption is detected, never returned as data', () => {
  it('a flipped byte in a column file fails that column with CHECKSUM_DOESNT_MATCH naming part and column', async () => {
    const part = await freshPart();
    flipByte(join(part.dir, 'c1.bin'), (len) => len >> 1);
    const err = await caught(part.readColumn('url path', 0, part.meta.granuleCount));
    expect(err.errorName).toBe('CHECKSUM_DOESNT_MATCH');
    expect(err.message).toContain('all_1_1_0');
    expect(err.message).toContain("'url path'");
    expect((await caught(part.verify())).errorName).toBe('CHECKSUM_DOESNT_MATCH');
    const ok = await part.readColumn('id', 0, part.meta.granuleCount); // other columns still read
    expect(ok.length).toBe(n);
  });

  it('a truncated column file is CORRUPTED_DATA naming part and column', async () => {
    const part = await freshPart();
    truncateSync(join(part.dir, 'c0.bin'), 10);
    const err = await caught(part.readColumn('id', part.meta.granuleCount - 1, part.meta.granuleCount));
    expect(err.errorName).toBe('CORRUPTED_DATA');
    expect(err.message).toMatch(/all_1_1_0.*'id'/);
  });

  it('a flipped byte anywhere in the metadata fails open with the part named', async () => {
    const part = await freshPart();
    const meta = join(part.dir, 'part.meta');
    const size = readFileSync(meta).length;
    for (const at of [0, 17, size >> 1, size - 9, size - 6, size - 1]) {
      const fresh = await freshPart();
      flipByte(join(fresh.dir, 'part.meta'), () => at);
      const err = await caught(PartReader.open(fresh.dir));
      expect(['CHECKSUM_DOESNT_MATCH', 'CORRUPTED_DATA']).toContain(err.errorName);
      expect(err.message).toContain('all_1_1_0');
    }
  });

  it('a missing metadata file is FILE_DOESNT_EXIST', async () => {
    const part = await freshPart();
    rmSync(join(part.dir, 'part.meta'));
    expect((await caught(PartReader.open(part.dir))).errorName).toBe('FILE_DOESNT_EXIST');
  });
});

describe('atomic, durable writes', () => {
  it('leaves no part and no tmp directory behind when writing fails midway', async () => {
    const dir = mkdtempSync(join(root, `t${seq++}-`));
    const boom = { ...columns[1]!, get bytes(): Uint8Array { throw Object.assign(new Error('EIO: i/o error, write'), { code: 'EIO' }); } } as Vector;
    const err = await caught(writePart(dir, schema, [columns[0]!, boom], n, opts));
    expect(err.errorName).toBe('CANNOT_WRITE_TO_FILE_DESCRIPTOR');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses to overwrite an existing part', async () => {
    const part = await freshPart();
    const err = await caught(writePart(join(part.dir, '..'), schema, columns, n, opts));
    expect(err.message).toContain('already exists');
  });

  it.skipIf(process.getuid?.() === 0)('surfaces EACCES as an EddyError', async () => {
    const dir = mkdtempSync(join(root, `t${seq++}-`));
    chmodSync(dir, 0o500);
    try {
      const err = await caught(writePart(dir, schema, columns, n, opts));
      expect(err.errorName).toBe('CANNOT_WRITE_TO_FILE_DESCRIPTOR');
    } finally {
      chmodSync(dir, 0o700);
    }
    expect(readdirSync(dir)).toEqual([]);
  });
});
