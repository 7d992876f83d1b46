/** CRC-32 (IEEE) checksums of files and blocks, computed by Node's zlib (native, table-driven). */
import { crc32 as zlibCrc32 } from 'node:zlib';

/** CRC-32 of `data`, continuing from `previous` when given. */
export function crc32(data: Uint8Array, previous = 0): number {
  return zlibCrc32(data, previous) >>> 0;
}
