/**
 * Block compression behind one interface, so the native zstd binding stays replaceable and its absence
 * fails loudly. Every compressed block records its method id, so a part can mix methods.
 */
import { EddyError } from '../../src/core/errors.ts';
import { noneCompression } from './none.ts';
import { zstdCompression } from './zstd.ts';

/** A block compressor. `decompress` writes into a fresh buffer of exactly `uncompressedSize` bytes. */
export interface Compression {
  /** Stable id stored on disk. */
  readonly id: number;
  /** Name for metadata and logs. */
  readonly name: string;
  /** Compress `src`; the result may share no memory with `src`. */
  compress(src: Uint8Array): Uint8Array;
  /** Decompress `src` into a new, 8-byte-aligned buffer of `uncompressedSize` bytes; throws on bad input. */
  decompress(src: Uint8Array, uncompressedSize: number): Uint8Array;
}

/** Compression ids as stored on disk. */
export const COMPRESSION_ID = { none: 0, zstd: 1 } as const;

/** The compression with the given on-disk id; unknown ids mean corrupted data. */
export function compressionById(id: number): Compression {
  if (id === COMPRESSION_ID.none) return noneCompression;
  if (id === COMPRESSION_ID.zstd) return zstdCompression();
  throw new EddyError('CORRUPTED_DATA', `Unknown compression method id ${id}`);
}

/** The compression with the given name (`zstd` or `none`). */
export function compressionByName(name: string): Compression {
  if (name === 'none') return noneCompression;
  if (name === 'zstd') return zstdCompression();
  throw new EddyError('BAD_ARGUMENTS', `Unknown compression method '${name}' (known: zstd, none)`);
}
