/**
 * A direct-mapped cache of per-page strings (URL, title): popular pages recur constantly (home pages,
 * the head of each site's page distribution), and copying their bytes is much cheaper than
 * assembling them word by word again. A slot holds one (site, page) entry of up to `width` bytes;
 * a colliding page simply replaces it. Output is identical with or without the cache.
 */
import type { ByteBuilder } from './byte-builder.ts';

/** Writes the string of (site, page) into `out`. */
export type PageWriter = (out: ByteBuilder, site: number, page: number) => void;

/** Caches the output of one {@link PageWriter}. */
export class PageCache {
  private readonly write: PageWriter;
  private readonly shift: number;
  private readonly width: number;
  private readonly sites: Int32Array;
  private readonly pages: Int32Array;
  private readonly lengths: Int32Array;
  private readonly data: Uint8Array;

  /** Cache `write` in 2^bits slots of `width` bytes. */
  constructor(write: PageWriter, bits: number, width: number) {
    this.write = write;
    this.shift = 32 - bits;
    this.width = width;
    this.sites = new Int32Array(1 << bits).fill(-1);
    this.pages = new Int32Array(1 << bits);
    this.lengths = new Int32Array(1 << bits);
    this.data = new Uint8Array((1 << bits) * width);
  }

  /** Append the string of (site, page) to `out`. */
  get(out: ByteBuilder, site: number, page: number): void {
    const slot = (Math.imul(site, 0x9e3779b1) ^ Math.imul(page + 1, 0x85ebca6b)) >>> this.shift;
    const at = slot * this.width;
    if (this.sites[slot] === site && this.pages[slot] === page) {
      out.bytes(this.data, at, at + this.lengths[slot]!);
      return;
    }
    const start = out.pos;
    this.write(out, site, page);
    const n = out.pos - start;
    if (n > this.width) return;
    this.data.set(out.buf.subarray(start, out.pos), at);
    this.sites[slot] = site;
    this.pages[slot] = page;
    this.lengths[slot] = n;
  }
}
