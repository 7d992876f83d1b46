/**
 * The decoded-block cache: blocks of column files, decompressed and decoded, kept in LRU order within a
 * byte budget. One instance is shared by all parts of a database; keys include the file's checksum, so
 * a part re-written under the same name never serves stale blocks.
 */
import type { DecodedBlock } from '../codec/block.ts';

interface Entry {
  readonly value: DecodedBlock;
  readonly bytes: number;
}

/** Decompressed-block cache bounded in bytes (LRU), shared by all parts of a database. */
export class ColumnCache {
  private readonly map = new Map<string, Entry>();
  private used = 0;

  constructor(readonly maxBytes: number) {}

  /** Bytes currently held. */
  get bytes(): number {
    return this.used;
  }

  /** Number of cached blocks. */
  get size(): number {
    return this.map.size;
  }

  /** The cached block `block` of file `file` (most recently used afterwards), or undefined. */
  get(file: string, block: number): DecodedBlock | undefined {
    const key = `${file}#${block}`;
    const e = this.map.get(key);
    if (e === undefined) return undefined;
    this.map.delete(key);
    this.map.set(key, e);
    return e.value;
  }

  /** Cache a decoded block of `bytes` bytes, evicting the least recently used blocks beyond the budget. */
  put(file: string, block: number, value: DecodedBlock, bytes: number): void {
    if (bytes > this.maxBytes) return;
    const key = `${file}#${block}`;
    const old = this.map.get(key);
    if (old !== undefined) {
      this.map.delete(key);
      this.used -= old.bytes;
    }
    this.map.set(key, { value, bytes });
    this.used += bytes;
    for (const [k, e] of this.map) {
      if (this.used <= this.maxBytes) break;
      this.map.delete(k);
      this.used -= e.bytes;
    }
  }

  /** Drop every cached block. */
  clear(): void {
    this.map.clear();
    this.used = 0;
  }
}
