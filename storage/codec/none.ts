/** The identity "compression": blocks stored as they are (tests, already-incompressible data). */
import { EddyError } from '../../src/core/errors.ts';
import type { Compression } from './compression.ts';

/** Stores blocks uncompressed. */
export const noneCompression: Compression = {
  id: 0,
  name: 'none',
  compress(src: Uint8Array): Uint8Array {
    return src.slice();
  },
  decompress(src: Uint8Array, uncompressedSize: number): Uint8Array {
    if (src.length !== uncompressedSize) {
      throw new EddyError('CORRUPTED_DATA', `Uncompressed block has ${src.length} bytes, expected ${uncompressedSize}`);
    }
    return src.slice();
  },
};
