/**
 * Large inputs decode on a decode thread (ingest/decoders/off-thread.ts): the blocks, the row numbers
 * in errors and the failures of the input stream must be those of decoding on the calling thread, and
 * a consumer that stops early must not leave the decode hanging, and a paused input is decoded as far
 * as it has arrived.
 */
import { describe, expect, it } from 'vitest';
import { EddyError } from '../../../src/core/errors.ts';
import { makeType, T, type Field } from '../../../src/core/types.ts';
import { toScalars } from '../../../src/core/vector.ts';
import { getDecoder, inlineDecoder, type DecodedBlock } from '../../../ingest/decoders/index.ts';
import { INLINE_BYTES } from '../../../ingest/decoders/off-thread.ts';

const fields: Field[] = [
  { name: 'id', type: T.UInt64 },
  { name: 's', type: makeType('String', { nullable: true }) },
  { name: 'f', type: T.Float64 },
];

/** `rows` CSV lines; row `bad` (1-based) has a value that is not a UInt64. */
function csv(rows: number, bad = 0): Buffer {
  const lines: string[] = [];
  for (let i = 1; i <= rows; i++) lines.push(i === bad ? 'x,y,1\n' : `${i * 7919},"s,${i}",${i / 8}\n`);
  return Buffer.from(lines.join(''));
}

/** `bytes` in chunks of `size` (views of one buffer, as a socket's Buffers may be). */
async function* chunks(bytes: Buffer, size: number, failAfter = Infinity): AsyncIterable<Uint8Array> {
  for (let at = 0; at < bytes.length; at += size) {
    if (at >= failAfter) throw new EddyError('CANNOT_READ_ALL_DATA', 'client went away');
    yield bytes.subarray(at, at + size);
  }
}

async function decodeAll(decode: typeof getDecoder, input: AsyncIterable<Uint8Array>): Promise<DecodedBlock[]> {
  const out: DecodedBlock[] = [];
  for await (const b of decode('CSV')(input, fields, {})) out.push(b);
  return out;
}

function scalars(blocks: readonly DecodedBlock[]): unknown[][] {
  return blocks.map((b) => b.columns.map((c) => toScalars(c)));
}

describe('decoding on a decode thread', () => {
  it('yields the blocks the calling thread would', async () => {
    const bytes = csv(150_000);
    expect(bytes.length).toBeGreaterThan(10 * INLINE_BYTES);
    const [off, here] = await Promise.all([decodeAll(getDecoder, chunks(bytes, 65_536)), decodeAll(inlineDecoder, chunks(bytes, 65_536))]);
    expect(off.map((b) => b.rowCount)).toEqual(here.map((b) => b.rowCount));
    expect(off.reduce((s, b) => s + b.rowCount, 0)).toBe(150_000);
    expect(scalars(off)).toEqual(scalars(here));
    // the source buffer is intact (chunks are copied before they move to the thread)
    expect(bytes.subarray(0, 6).toString()).toBe('7919,"');
  });

  it('reports a bad row with its number in the whole input', async () => {
    const err = await decodeAll(getDecoder, chunks(csv(120_000, 100_001), 50_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EddyError);
    expect((err as EddyError).errorName).toBe('CANNOT_PARSE_TEXT');
    expect((err as EddyError).message).toContain('at row 100001 of CSV data');
  });

  it('fails with the input stream’s own error', async () => {
    const err = await decodeAll(getDecoder, chunks(csv(100_000), 40_000, 400_000)).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(EddyError);
    expect((err as EddyError).message).toBe('client went away');
  });

  it('stops cleanly when the consumer stops early, and decodes again afterwards', async () => {
    let taken = 0;
    for await (const b of getDecoder('CSV')(chunks(csv(200_000), 65_536), fields, {})) {
      taken += b.rowCount;
      break;
    }
    expect(taken).toBe(65_536);
    const again = await decodeAll(getDecoder, chunks(csv(70_000), 65_536));
    expect(again.reduce((s, b) => s + b.rowCount, 0)).toBe(70_000);
  });

  it('decodes what a paused stream has sent so far (input is not held back to fill a message)', async () => {
    // 70,000 short rows (< 1 MiB): a full block's worth, then the stream waits until that block is out
    const lines = (from: number, n: number): Buffer => Buffer.from(Array.from({ length: n }, (_, i) => `${from + i},,0\n`).join(''));
    const first = lines(1, 70_000);
    expect(first.length).toBeLessThan(1 << 20);
    let release!: () => void;
    const released = new Promise<void>((r) => { release = r; });
    async function* paused(): AsyncIterable<Uint8Array> {
      yield* chunks(first, 65_536);
      await released;
      yield lines(70_001, 10);
    }
    const counts: number[] = [];
    for await (const b of getDecoder('CSV')(paused(), fields, {})) {
      counts.push(b.rowCount);
      release();
    }
    expect(counts[0]).toBe(65_536);
    expect(counts.reduce((a, b) => a + b, 0)).toBe(70_010);
  });

  it('decodes a small input on the calling thread with the same result', async () => {
    const bytes = csv(100);
    expect(bytes.length).toBeLessThan(INLINE_BYTES);
    expect(scalars(await decodeAll(getDecoder, chunks(bytes, 1000)))).toEqual(scalars(await decodeAll(inlineDecoder, chunks(bytes, 1000))));
  });
});
