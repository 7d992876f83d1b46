/**
 * K-way merge of sorted block streams. Each call to {@link KWayMerger.next} emits a chunk: the merged
 * order as (source, row) pairs over the sources' current blocks. A chunk ends when it is full or when a
 * source's block runs out (the next call loads that source's next block), so the blocks a chunk refers
 * to are alive while the chunk is consumed. Ties go to the lower source index: with sources in part
 * order, rows of equal key come out oldest first, which replacing/summing algorithms rely on.
 */
import type { Field } from '../../src/core/types.ts';
import { ColumnBuilder, type PlainVector } from '../segment/column-builder.ts';
import { compareRows, prepareKeys, type PreparedKey } from './compare.ts';

/** One block of a sorted source: every merged column, flat or string, `rowCount` rows each. */
export interface SourceBlock {
  readonly columns: readonly PlainVector[];
  readonly rowCount: number;
}

/** A stream of blocks whose rows ascend by the sort key, block after block. */
export interface SortedSource {
  /** The next block, or null at the end. */
  next(): Promise<SourceBlock | null>;
}

/** A slice of the merged order. Output row k is row `row[k]` of `blocks[src[k]]`. */
export interface MergedChunk {
  /** Current block of each source (an empty block for sources that have none). */
  readonly blocks: readonly SourceBlock[];
  readonly src: Uint32Array;
  readonly row: Uint32Array;
  readonly length: number;
  /**
   * With key tracking on: newKey[k] is 1 when row k's key differs from the previous output row's
   * (row 0 is compared with the last row of the previous chunk). All zeros when tracking is off.
   */
  readonly newKey: Uint8Array;
}

/** Options of {@link KWayMerger}. */
export interface KWayOptions {
  /** Maximum rows per chunk (default 65536). */
  readonly chunkRows?: number;
  /** Fill MergedChunk.newKey (needed by algorithms that combine rows with equal keys). */
  readonly trackKeys?: boolean;
}

/** Merges sorted sources into one sorted stream of chunks. */
export class KWayMerger {
  private readonly blocks: SourceBlock[];
  private readonly keys: PreparedKey[][];
  private readonly cursor: Int32Array;
  private readonly done: Uint8Array;
  private readonly heap: Int32Array;
  private readonly chunkRows: number;
  private readonly trackKeys: boolean;
  private readonly keyTypes: readonly Field[];
  private lastKey: PreparedKey[] | null = null;
  /** Rows emitted so far. */
  rowsMerged = 0;

  constructor(private readonly sources: readonly SortedSource[], schema: readonly Field[],
    private readonly keyIndexes: readonly number[], opts: KWayOptions = {}) {
    const empty: SourceBlock = { columns: schema.map((f) => new ColumnBuilder(f.type, 16).view(0)), rowCount: 0 };
    this.blocks = sources.map(() => empty);
    this.keys = sources.map(() => []);
    this.cursor = new Int32Array(sources.length);
    this.done = new Uint8Array(sources.length);
    this.heap = new Int32Array(sources.length);
    this.chunkRows = opts.chunkRows ?? 65536;
    this.trackKeys = opts.trackKeys ?? false;
    this.keyTypes = keyIndexes.map((i) => schema[i]!);
  }

  /** The next chunk of the merged order, or null when every source is exhausted. */
  async next(): Promise<MergedChunk | null> {
    let size = 0;
    for (let s = 0; s < this.sources.length; s++) {
      while (this.done[s] === 0 && this.cursor[s]! >= this.blocks[s]!.rowCount) {
        const b = await this.sources[s]!.next();
        if (b === null) { this.done[s] = 1; break; }
        if (b.rowCount === 0) continue;
        this.blocks[s] = b;
        this.keys[s] = prepareKeys(this.keyIndexes.map((i) => b.columns[i]!));
        this.cursor[s] = 0;
      }
      if (this.done[s] === 0) this.heap[size++] = s;
    }
    if (size === 0) return null;
    for (let i = (size >> 1) - 1; i >= 0; i--) this.siftDown(i, size);

    let available = 0;
    for (let i = 0; i < size; i++) {
      const s = this.heap[i]!;
      available += this.blocks[s]!.rowCount - this.cursor[s]!;
    }
    const cap = Math.min(this.chunkRows, available);
    const src = new Uint32Array(cap);
    const row = new Uint32Array(cap);
    let m = 0;
    while (m < cap) {
      const s = this.heap[0]!;
      src[m] = s;
      row[m] = this.cursor[s]!;
      m++;
      if (++this.cursor[s]! >= this.blocks[s]!.rowCount) break; // block exhausted: end the chunk
      if (size > 1) this.siftDown(0, size);
    }
    const newKey = new Uint8Array(m);
    if (this.trackKeys) this.markKeys(src, row, m, newKey);
    this.rowsMerged += m;
    return { blocks: this.blocks.slice(), src: src.subarray(0, m), row: row.subarray(0, m), length: m, newKey };
  }

  private less(a: number, b: number): boolean {
    const c = compareRows(this.keys[a]!, this.cursor[a]!, this.keys[b]!, this.cursor[b]!);
    return c < 0 || (c === 0 && a < b);
  }

  private siftDown(i: number, size: number): void {
    const h = this.heap;
    for (;;) {
      const l = 2 * i + 1;
      if (l >= size) return;
      const r = l + 1;
      const c = r < size && this.less(h[r]!, h[l]!) ? r : l;
      if (!this.less(h[c]!, h[i]!)) return;
      const t = h[i]!; h[i] = h[c]!; h[c] = t;
      i = c;
    }
  }

  private markKeys(src: Uint32Array, row: Uint32Array, m: number, newKey: Uint8Array): void {
    if (m === 0) return;
    const k0 = this.keys[src[0]!]!;
    newKey[0] = this.lastKey === null || compareRows(this.lastKey, 0, k0, row[0]!) !== 0 ? 1 : 0;
    for (let k = 1; k < m; k++) {
      newKey[k] = compareRows(this.keys[src[k - 1]!]!, row[k - 1]!, this.keys[src[k]!]!, row[k]!) !== 0 ? 1 : 0;
    }
    const last = this.blocks[src[m - 1]!]!;
    const r = row[m - 1]!;
    this.lastKey = prepareKeys(this.keyIndexes.map((ci, j) => {
      const b = new ColumnBuilder(this.keyTypes[j]!.type, 16);
      b.append(last.columns[ci]!, r, r + 1);
      return b.view();
    }));
  }
}
