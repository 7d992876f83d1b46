/**
 * A 64-bit hash of a byte string for URLHash and RefererHash: two 32-bit multiplicative lanes over
 * the bytes (FNV-1a style), cross-mixed at the end. Depends on the bytes only (not on the seed), so
 * equal strings always get equal hashes, in every column and every data set.
 */
import { mix32 } from './random.ts';

/** Hash src[start..end) into out[at] (low half) and out[at + 1] (high half), as int32s. */
export function hashBytes64(src: Uint8Array, start: number, end: number, out: Int32Array, at: number): void {
  let a = 0x811c9dc5 ^ (end - start);
  let b = 0x2545f491;
  for (let i = start; i < end; i++) {
    const x = src[i]!;
    a = Math.imul(a ^ x, 0x01000193);
    b = Math.imul(b ^ x, 0x5bd1e995);
  }
  const lo = mix32(a ^ Math.imul(b, 0x9e3779b1));
  out[at] = lo | 0;
  out[at + 1] = mix32(b ^ lo ^ 0x7f4a7c15) | 0;
}
