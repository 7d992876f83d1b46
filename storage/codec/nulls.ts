/** NULL masks (one byte per row, 1 = NULL) packed to one bit per row for storage, and back. */

/** Number of NULL rows in `nulls[start..end)`; 0 when `nulls` is null. */
export function countNulls(nulls: Uint8Array | null, start: number, end: number): number {
  if (nulls === null) return 0;
  let c = 0;
  for (let i = start; i < end; i++) c += nulls[i]!;
  return c;
}

/** Pack `nulls[start..end)` into a bitmap (bit i of byte i>>3 set = NULL). */
export function packNulls(nulls: Uint8Array, start: number, end: number): Uint8Array {
  const n = end - start;
  const out = new Uint8Array((n + 7) >>> 3);
  for (let i = 0; i < n; i++) if (nulls[start + i] === 1) out[i >>> 3]! |= 1 << (i & 7);
  return out;
}

/** Expand a bitmap of `n` rows back to a byte mask. */
export function unpackNulls(bits: Uint8Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = (bits[i >>> 3]! >>> (i & 7)) & 1;
  return out;
}
