/**
 * zstd block compression through zstd-napi's low-level binding (one reusable context each way,
 * compression into a reused scratch buffer, decompression straight into a buffer we own). The native
 * module is loaded on first use; if it cannot be loaded, every call throws a clear error instead of
 * silently storing data another way.
 */
import { createRequire } from 'node:module';
import { EddyError } from '../../src/core/errors.ts';
import type { Compression } from './compression.ts';

/** zstd level used for part blocks: fast to write, still compact after our encodings. */
export const ZSTD_LEVEL = 1;

interface ZstdBinding {
  CCtx: new () => { compress(dst: Uint8Array, src: Uint8Array, level: number): number };
  DCtx: new () => { decompress(dst: Uint8Array, src: Uint8Array): number };
  compressBound(size: number): number;
}

let instance: Compression | null = null;

/** The zstd compression; throws NOT_IMPLEMENTED naming the cause when the native binding is missing. */
export function zstdCompression(): Compression {
  if (instance !== null) return instance;
  let binding: ZstdBinding;
  try {
    binding = createRequire(import.meta.url)('zstd-napi/binding') as ZstdBinding;
  } catch (e) {
    throw new EddyError('NOT_IMPLEMENTED',
      `zstd compression is unavailable: the native module zstd-napi failed to load (${(e as Error).message}). ` +
      'Reinstall dependencies for this platform; Eddy does not fall back to another codec.', { cause: e });
  }
  const cctx = new binding.CCtx();
  const dctx = new binding.DCtx();
  let scratch = new Uint8Array(0);
  instance = {
    id: 1,
    name: 'zstd',
    compress(src: Uint8Array): Uint8Array {
      const bound = binding.compressBound(src.length);
      if (scratch.length < bound) scratch = new Uint8Array(Math.max(bound, 2 * scratch.length));
      const n = cctx.compress(scratch, src, ZSTD_LEVEL);
      return scratch.slice(0, n);
    },
    decompress(src: Uint8Array, uncompressedSize: number): Uint8Array {
      const dst = new Uint8Array(uncompressedSize);
      let n: number;
      try {
        n = dctx.decompress(dst, src);
      } catch (e) {
        throw new EddyError('CORRUPTED_DATA', `zstd cannot decompress block: ${(e as Error).message}`, { cause: e });
      }
      if (n !== uncompressedSize) {
        throw new EddyError('CORRUPTED_DATA', `zstd block decompressed to ${n} bytes, expected ${uncompressedSize}`);
      }
      return dst;
    },
  };
  return instance;
}
