/**
 * Sequential reading of one column of a part, granule range after granule range in ascending order
 * (merges). Each block is read and decoded once, bypassing the shared cache, and only the current block
 * is held: memory is one decoded block plus the rows handed out.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DecodedBlock } from '../codec/block.ts';
import type { PartReader } from './reader.ts';
import { concatRows, sliceRows } from './rows.ts';

/** Reads granule ranges of one column in ascending order. */
export class ColumnCursor {
  private readonly firsts: Uint32Array;
  private block = -1;
  private current: DecodedBlock | null = null;
  private nextGranule = 0;

  constructor(private readonly part: PartReader, private readonly name: string) {
    this.firsts = part.blockFirstGranules(name);
  }

  /** Rows of granules [from, to); `from` must not be below the end of the previous range. */
  async read(from: number, to: number): Promise<DecodedBlock> {
    const meta = this.part.meta;
    if (from < this.nextGranule || to > meta.granuleCount || from >= to) {
      throw new EddyError('LOGICAL_ERROR', `Part ${meta.name}, column '${this.name}': bad sequential range [${from}, ${to})`);
    }
    this.nextGranule = to;
    const rowFrom = this.part.granuleRowStart(from);
    const rowTo = Math.min(meta.rowCount, this.part.granuleRowStart(to));
    const pieces: DecodedBlock[] = [];
    let g = from;
    while (g < to) {
      const b = this.blockOf(g);
      if (b !== this.block) {
        this.current = null; // let the previous block go before decoding the next
        this.current = await this.part.readBlock(this.name, b);
        this.block = b;
      }
      const v = this.current!;
      const bStart = this.part.granuleRowStart(this.firsts[b]!);
      const s = Math.max(rowFrom, bStart) - bStart;
      const e = Math.min(rowTo, bStart + v.length) - bStart;
      pieces.push(sliceRows(v, s, e));
      g = b + 1 < this.firsts.length ? this.firsts[b + 1]! : meta.granuleCount;
    }
    return concatRows(pieces);
  }

  /** The block holding granule g, searching forward from the current block. */
  private blockOf(g: number): number {
    let b = Math.max(0, this.block);
    while (b + 1 < this.firsts.length && this.firsts[b + 1]! <= g) b++;
    return b;
  }
}
