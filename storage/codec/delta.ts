/**
 * Delta transforms of integer lanes, in place: `encode` replaces each value by its difference from
 * the previous one (the first stays), `decode` is the running sum. Applied twice they give
 * delta-of-delta, which turns regular timestamps into runs of zeros. Arithmetic wraps, so every
 * input round-trips exactly. 64-bit values are interleaved Int32 lanes (lo, hi).
 */

/** Replace `a[1..n)` by successive differences (32-bit lanes). */
export function deltaEncode32(a: Int32Array, n: number): void {
  for (let i = n - 1; i > 0; i--) a[i] = (a[i]! - a[i - 1]!) | 0;
}

/** Inverse of {@link deltaEncode32}: running sum. */
export function deltaDecode32(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) a[i] = (a[i]! + a[i - 1]!) | 0;
}

/** Replace values 1..n of `n` interleaved 64-bit values by successive differences. */
export function deltaEncode64(a: Int32Array, n: number): void {
  for (let i = n - 1; i > 0; i--) {
    const lo = a[2 * i]!;
    const prevLo = a[2 * i - 2]!;
    const borrow = (lo >>> 0) < (prevLo >>> 0) ? 1 : 0;
    a[2 * i] = (lo - prevLo) | 0;
    a[2 * i + 1] = (a[2 * i + 1]! - a[2 * i - 1]! - borrow) | 0;
  }
}

/** Inverse of {@link deltaEncode64}: running sum with carry. */
export function deltaDecode64(a: Int32Array, n: number): void {
  for (let i = 1; i < n; i++) {
    const s = (a[2 * i]! >>> 0) + (a[2 * i - 2]! >>> 0);
    a[2 * i] = s | 0;
    a[2 * i + 1] = (a[2 * i + 1]! + a[2 * i - 1]! + (s > 0xffffffff ? 1 : 0)) | 0;
  }
}
