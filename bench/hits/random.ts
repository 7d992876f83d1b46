/**
 * Counter-based randomness for the `hits` generator: every row draws from its own stream, seeded
 * from (seed, row number), so any row range can be generated alone, by any worker, with the same
 * result. The stream is SplitMix32 (a Weyl sequence through a murmur3-style finalizer); all
 * arithmetic is 32-bit (`Math.imul`), nothing allocates.
 */

/** murmur3's 32-bit finalizer: a bijection on uint32 with good avalanche. Returns uint32. */
export function mix32(x: number): number {
  x ^= x >>> 16;
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  x ^= x >>> 16;
  return x >>> 0;
}

/** Hash of two uint32 values to a uint32 (e.g. an entity id under a salt). */
export function hash2(a: number, b: number): number {
  return mix32(Math.imul(a ^ 0x9e3779b9, 0x27d4eb2f) ^ mix32(b + 0x165667b1));
}

/** A resettable stream of uint32s: reseed per row with {@link SplitMix32.reset}. */
export class SplitMix32 {
  private state = 0;

  /** Start the stream for one (seed, row) pair. */
  reset(seed: number, row: number): void {
    this.state = hash2(seed, row);
  }

  /** Next uint32. */
  next(): number {
    this.state = (this.state + 0x9e3779b9) | 0;
    return mix32(this.state);
  }

  /** Uniform float in [0, 1). */
  float(): number {
    return this.next() / 4294967296;
  }

  /** Uniform integer in [0, n), n ≤ 2^32. */
  below(n: number): number {
    return Math.floor(this.float() * n);
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.float() < p;
  }

  /**
   * Heavy-tailed index in [0, n): density ∝ 1/(x + offset) (Zipf's law with exponent 1, flattened
   * at the head by `offset`), so index 0 is the most likely and the tail is long. With offset 1 the
   * head is steep (index 0 gets ln 2 / ln(n+1) of the draws); larger offsets spread it.
   */
  zipf(n: number, offset = 1): number {
    const k = Math.floor(offset * Math.exp(this.float() * Math.log((n + offset) / offset)) - offset);
    return k < n ? k : n - 1;
  }
}
