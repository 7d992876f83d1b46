/**
 * Exact unsigned 64-bit arithmetic on (hi, lo) uint32 halves without BigInt, for hash kernels that must
 * match ClickHouse bit for bit (intHash32, intHash64). Results land in the module's registers
 * {@link U64}: U64[0] = low half, U64[1] = high half — no objects per row.
 */

/** Result registers of the last operation: [low, high], each a uint32. */
export const U64 = new Uint32Array(2);

const TWO32 = 4294967296;

/** U64 = (ahi:alo) * (bhi:blo) mod 2^64. */
export function mul64(ahi: number, alo: number, bhi: number, blo: number): void {
  const a0 = alo & 0xffff, a1 = alo >>> 16, b0 = blo & 0xffff, b1 = blo >>> 16;
  const mid = a1 * b0 + a0 * b1;
  const low = a0 * b0 + (mid % 65536) * 65536;
  const carry = Math.floor(low / TWO32) + Math.floor(mid / 65536) + a1 * b1;
  U64[0] = low;
  U64[1] = carry + Math.imul(ahi, blo) + Math.imul(alo, bhi);
}

/** U64 = (ahi:alo) + (bhi:blo) mod 2^64. */
export function add64(ahi: number, alo: number, bhi: number, blo: number): void {
  const lo = (alo >>> 0) + (blo >>> 0);
  U64[0] = lo;
  U64[1] = ahi + bhi + (lo >= TWO32 ? 1 : 0);
}

/** ClickHouse's intHash64 (the murmur3 64-bit finaliser) of (hi:lo); result in U64. */
export function intHash64(hi: number, lo: number): void {
  lo = (lo ^ (hi >>> 1)) >>> 0;
  mul64(hi, lo, 0xff51afd7, 0xed558ccd);
  mul64(U64[1]!, (U64[0]! ^ (U64[1]! >>> 1)) >>> 0, 0xc4ceb9fe, 0x1a85ec53);
  U64[0] = U64[0]! ^ (U64[1]! >>> 1);
}

/** ClickHouse's intHash32 with salt 0 (Thomas Wang's 64→32 hash with rotations) of (hi:lo). */
export function intHash32(hi: number, lo: number): number {
  // key = ~key + (key << 18)
  add64(~hi, ~lo, (hi << 18) | (lo >>> 14), lo << 18);
  let h = U64[1]!, l = U64[0]!;
  // key ^= rotr(key, 31)
  let rl = (l >>> 31) | (h << 1), rh = (h >>> 31) | (l << 1);
  h = (h ^ rh) >>> 0; l = (l ^ rl) >>> 0;
  // key *= 21
  mul64(h, l, 0, 21);
  h = U64[1]!; l = U64[0]!;
  // key ^= rotr(key, 11)
  rl = (l >>> 11) | (h << 21); rh = (h >>> 11) | (l << 21);
  h = (h ^ rh) >>> 0; l = (l ^ rl) >>> 0;
  // key += key << 6
  add64(h, l, (h << 6) | (l >>> 26), l << 6);
  h = U64[1]!; l = U64[0]!;
  // key ^= rotr(key, 22)
  rl = (l >>> 22) | (h << 10);
  return (l ^ rl) >>> 0;
}
