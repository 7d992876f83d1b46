import { tempDir } from '../../support/temp-dir.ts';
import { readdirSync, statSync, truncateSync, writeFileSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { Wal, WAL_HEADER_BYTES, type WalRecord } from '../../../storage/wal/wal.ts';

function tmp(): string {
  return tempDir('wal');
}

async function reopen(dir: string, warns: string[] = []): Promise<{ wal: Wal; records: WalRecord[] }> {
  const records: WalRecord[] = [];
  const wal = await Wal.open({ dir, onRecord: (r) => records.push({ ...r, payload: r.payload.slice() }), logger: { info: () => {}, warn: (m) => warns.push(m) } });
  return { wal, records };
}

const bytes = (n: number, fill: number): Uint8Array => new Uint8Array(n).fill(fill);

describe('Wal', () => {
  it('replays every appended record in seq order', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    const seqs = await Promise.all(Array.from({ length: 50 }, (_, i) => wal.append(1, bytes(i, i))));
    expect(seqs).toEqual(Array.from({ length: 50 }, (_, i) => i + 1));
    await wal.close();
    const { wal: w2, records } = await reopen(dir);
    expect(records.map((r) => r.seq)).toEqual(seqs);
    expect(records.map((r) => r.payload.length)).toEqual(seqs.map((s) => s - 1));
    expect(records[7]!.payload.every((b) => b === 7)).toBe(true);
    expect(w2.nextSeq).toBe(51);
    await w2.close();
  });

  it('cuts a torn tail with one warning and keeps appending after it', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    for (let i = 0; i < 5; i++) await wal.append(1, bytes(100, i));
    await wal.close();
    const file = join(dir, readdirSync(dir)[0]!);
    const full = statSync(file).size;
    truncateSync(file, full - 37); // tear the last record
    const warns: string[] = [];
    const { wal: w2, records } = await reopen(dir, warns);
    expect(records.map((r) => r.seq)).toEqual([1, 2, 3, 4]);
    expect(warns.length).toBe(1);
    expect(statSync(file).size).toBe(4 * (100 + WAL_HEADER_BYTES));
    await w2.append(1, bytes(3, 9));
    await w2.close();
    const { wal: w3, records: r3 } = await reopen(dir);
    expect(r3.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5]);
    await w3.close();
  });

  it('stops at a corrupted record (checksum mismatch)', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    for (let i = 0; i < 3; i++) await wal.append(1, bytes(10, i));
    await wal.close();
    const file = join(dir, readdirSync(dir)[0]!);
    const buf = readFileSync(file);
    buf[(10 + WAL_HEADER_BYTES) + WAL_HEADER_BYTES + 3]! ^= 0xff; // payload byte of record 2
    writeFileSync(file, buf);
    const warns: string[] = [];
    const { wal: w2, records } = await reopen(dir, warns);
    expect(records.map((r) => r.seq)).toEqual([1]);
    expect(warns.length).toBe(1);
    await w2.close();
  });

  it('garbage appended after the last record is dropped', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    await wal.append(1, bytes(10, 1));
    await wal.close();
    const file = join(dir, readdirSync(dir)[0]!);
    writeFileSync(file, Buffer.concat([readFileSync(file), Buffer.alloc(4096)]));
    const warns: string[] = [];
    const { wal: w2, records } = await reopen(dir, warns);
    expect(records.length).toBe(1);
    expect(warns.length).toBe(1);
    await w2.close();
  });

  it('rotates and removes files covered by a flush', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    await wal.append(1, bytes(5, 1));
    await wal.append(1, bytes(5, 2));
    const pending = wal.append(1, bytes(5, 3)); // queued before rotate: belongs to the old file
    const boundary = await wal.rotate();
    await pending;
    expect(boundary).toBe(3);
    await wal.append(1, bytes(5, 4));
    expect(wal.fileCount).toBe(2);
    await wal.removeUpTo(boundary);
    expect(wal.fileCount).toBe(1);
    await wal.close();
    const { wal: w2, records } = await reopen(dir);
    expect(records.map((r) => r.seq)).toEqual([4]);
    expect(w2.nextSeq).toBe(5);
    await w2.close();
  });

  it('continues seqs from minNextSeq and from the file name after everything was removed', async () => {
    const dir = tmp();
    const records: WalRecord[] = [];
    const wal = await Wal.open({ dir, minNextSeq: 100, onRecord: (r) => records.push(r) });
    expect(await wal.append(1, bytes(1, 0))).toBe(100);
    const b = await wal.rotate();
    await wal.removeUpTo(b);
    await wal.close();
    const { wal: w2, records: r2 } = await reopen(dir);
    expect(r2.length).toBe(0);
    expect(w2.nextSeq).toBe(101);
    await w2.close();
  });

  it('group commit: many concurrent appends all resolve after durability', async () => {
    const dir = tmp();
    const { wal } = await reopen(dir);
    const n = 2000;
    const seqs = await Promise.all(Array.from({ length: n }, () => wal.append(1, bytes(8, 1))));
    expect(new Set(seqs).size).toBe(n);
    await wal.close();
    const { wal: w2, records } = await reopen(dir);
    expect(records.length).toBe(n);
    await w2.close();
  });
});
