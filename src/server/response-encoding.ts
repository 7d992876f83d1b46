/**
 * Response compression: used only when the request sets enable_http_compression=1 and sends
 * Accept-Encoding (ClickHouse's rule). Picks zstd, br, gzip or deflate in the client's order of
 * preference; level from http_zlib_compression_level.
 */
import type { Transform } from 'node:stream';
import zlib from 'node:zlib';
import { CompressStream } from 'zstd-napi';

/** A chosen encoding and its compressor. */
export interface ResponseEncoding {
  readonly name: string;
  create(): Transform;
}

/** The encoding to use for `acceptEncoding`, or null for identity. */
export function chooseEncoding(acceptEncoding: string | undefined, level: number): ResponseEncoding | null {
  if (!acceptEncoding) return null;
  const offered = acceptEncoding.split(',').map((s) => s.trim().split(';')[0]!.toLowerCase());
  const lvl = Math.min(9, Math.max(1, level));
  for (const name of offered) {
    switch (name) {
      case 'gzip': case 'x-gzip': return { name: 'gzip', create: () => zlib.createGzip({ level: lvl }) };
      case 'deflate': return { name: 'deflate', create: () => zlib.createDeflate({ level: lvl }) };
      case 'br': return { name: 'br', create: () => zlib.createBrotliCompress({ params: { [zlib.constants.BROTLI_PARAM_QUALITY]: Math.min(11, lvl) } }) };
      case 'zstd': return { name: 'zstd', create: () => new CompressStream({ compressionLevel: lvl }) as unknown as Transform };
      default: break;
    }
  }
  return null;
}
