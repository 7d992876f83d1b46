import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { pack, packedWords, unpack } from '../../../storage/codec/bitpack.ts';
import { compressionById, compressionByName, COMPRESSION_ID } from '../../../storage/codec/compression.ts';
import { crc32 } from '../../../storage/codec/crc32.ts';

describe('block compression', () => {
  for (const name of ['zstd', 'none'] as const) {
    it(`${name} round-trips any bytes into an aligned buffer`, () => {
      const c = compressionByName(name);
      expect(compressionById(c.id)).toBe(c);
      fc.assert(fc.property(fc.uint8Array({ maxLength: 5000 }), (data) => {
        const out = c.decompress(c.compress(data), data.length);
        expect(out.byteOffset % 8).toBe(0);
        expect(Buffer.from(out).equals(Buffer.from(data))).toBe(true);
      }), { numRuns: 50 });
    });
  }

  it('reports damaged zstd frames and unknown methods as CORRUPTED_DATA', () => {
    const z = compressionByName('zstd');
    const packed = z.compress(new Uint8Array(1000).fill(7));
    expect(() => z.decompress(packed.subarray(0, packed.length - 3), 1000)).toThrowError(expect.objectContaining({ errorName: 'CORRUPTED_DATA' }));
    expect(() => z.decompress(packed, 999)).toThrowError(expect.objectContaining({ errorName: 'CORRUPTED_DATA' }));
    expect(() => compressionById(77)).toThrowError(expect.objectContaining({ errorName: 'CORRUPTED_DATA' }));
    expect(COMPRESSION_ID.zstd).toBe(z.id);
  });

  it('computes the standard CRC-32', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new TextEncoder().encode('56789'), crc32(new TextEncoder().encode('1234')))).toBe(0xcbf43926);
  });
});

describe('bit-packing', () => {
  it('round-trips every width 0..32', () => {
    // A width's first uses run the general loop, later ones its generated kernel (lengths past 32
    // values reach the kernel's straight-line part as well as its tail): ~30 uses per width.
    fc.assert(fc.property(fc.integer({ min: 0, max: 32 }), fc.array(fc.integer({ min: -(2 ** 31), max: 2 ** 31 - 1 }), { maxLength: 300 }),
      (width, raw) => {
        const mask = width === 32 ? -1 : (2 ** width - 1) | 0;
        const src = Int32Array.from(raw, (x) => (width === 32 ? x : x & mask));
        const words = new Uint32Array(packedWords(src.length, width));
        pack(src, src.length, width, words);
        const dst = new Int32Array(src.length);
        unpack(words, src.length, width, dst);
        expect(Array.from(dst)).toEqual(Array.from(src));
      }), { numRuns: 1000 });
  });

  it('adds the base and keeps the low bits in 16- and 8-bit lanes', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 16 }), fc.integer({ min: -40000, max: 40000 }),
      fc.array(fc.integer({ min: 0, max: 65535 }), { maxLength: 300 }), (width, base, raw) => {
        const src = Int32Array.from(raw, (x) => x & ((1 << width) - 1));
        const words = new Uint32Array(packedWords(src.length, width));
        pack(src, src.length, width, words);
        const d16 = new Int16Array(src.length);
        const d8 = new Int8Array(src.length);
        unpack(words, src.length, width, d16, base);
        unpack(words, src.length, width, d8, base);
        expect(Array.from(d16)).toEqual(Array.from(src, (x) => ((x + base) << 16) >> 16));
        expect(Array.from(d8)).toEqual(Array.from(src, (x) => ((x + base) << 24) >> 24));
      }), { numRuns: 500 });
  });

});
