/**
 * Gather: reorder a column by a permutation (row k of the result is row perm[k] of the input), from one
 * vector ({@link gather}) or from consecutive blocks of one column ({@link gatherBlocks}).
 */
import { takeBytes, takeStrings, takeValues } from '../../src/core/take.ts';
import type { TypedArray } from '../../src/core/types.ts';
import { flatVector, stringVector, type FlatVector, type StringVector } from '../../src/core/vector.ts';
import type { PlainVector } from '../segment/column-builder.ts';
import { gatherBytes, gatherFixed, gatherStringBytes, gatherStringOffsets, scatterBlockStrings } from '../segment/gather-rows.ts';

/** Rows `perm[0..]` of `v`, as a new vector. 64-bit values move as Int32 word pairs (no BigInt). */
export function gather(v: PlainVector, perm: Uint32Array): PlainVector {
  const n = perm.length;
  const nulls = v.nulls === null ? null : takeBytes(v.nulls, perm, n);
  if (v.kind === 'string') {
    const target = invert(perm, v.offsets.length - 1);
    if (target !== null) {
      const { offsets, bytes } = scatterBlockStrings([v.offsets], [v.bytes], target, n);
      return stringVector(v.type, offsets, bytes, nulls);
    }
    const t = takeStrings(v.offsets, v.bytes, perm, n);
    return stringVector(v.type, t.offsets, t.bytes, nulls);
  }
  return flatVector(v.type, takeValues(v.values, perm, n), nulls);
}

/**
 * Where each row of a permutation over consecutive blocks lives: block index and row in the block;
 * also, computed once on first use and shared by every column, the inverse (see {@link inverse}).
 */
export class BlockRows {
  private inv: Int32Array | null | undefined = undefined;

  constructor(
    /** Block of output row k. */
    readonly block: Uint32Array,
    /** Row within that block. */
    readonly row: Uint32Array,
    /** The permutation over the blocks' concatenation (row k of the output is row perm[k]). */
    readonly perm: Uint32Array,
    /** Block lengths. */
    readonly lengths: readonly number[],
  ) {}

  /**
   * Output position of every input row (-1 for a row not taken), or null when the permutation repeats
   * a row (then the output cannot be written in input order).
   */
  inverse(): Int32Array | null {
    if (this.inv === undefined) this.inv = invert(this.perm, this.lengths.reduce((a, b) => a + b, 0));
    return this.inv;
  }
}

/** Output position of each of `rows` input rows under `perm` (-1: not taken), null when `perm` repeats a row. */
function invert(perm: Uint32Array, rows: number): Int32Array | null {
  const target = new Int32Array(rows).fill(-1);
  for (let k = 0; k < perm.length; k++) {
    const r = perm[k]!;
    if (target[r] !== -1) return null;
    target[r] = k;
  }
  return target;
}

/** Locate rows `perm[0..]` of the concatenation of blocks of the given lengths. */
export function locateRows(lengths: readonly number[], perm: Uint32Array): BlockRows {
  if (lengths.length === 1) return new BlockRows(new Uint32Array(perm.length), perm, perm, lengths);
  const starts = new Float64Array(lengths.length + 1);
  for (let i = 0; i < lengths.length; i++) starts[i + 1] = starts[i]! + lengths[i]!;
  // block of each global row, filled once (rows are few compared with the bytes they carry)
  const owner = new Uint32Array(starts[lengths.length]!);
  for (let i = 0; i < lengths.length; i++) owner.fill(i, starts[i]!, starts[i + 1]!);
  const n = perm.length;
  const block = new Uint32Array(n);
  const row = new Uint32Array(n);
  for (let k = 0; k < n; k++) {
    const r = perm[k]!;
    const b = owner[r]!;
    block[k] = b;
    row[k] = r - starts[b]!;
  }
  return new BlockRows(block, row, perm, lengths);
}

/**
 * Rows of consecutive blocks of one column, in the order `at` gives (see {@link locateRows}), as one new
 * vector; the same as concatenating the blocks and gathering, without the intermediate copy.
 */
export function gatherBlocks(blocks: readonly PlainVector[], at: BlockRows): PlainVector {
  // one block: gather it, except strings, which scatter with the inverse the piece's columns share
  if (blocks.length === 1 && !(blocks[0]!.kind === 'string' && at.inverse() !== null)) return gather(blocks[0]!, at.row);
  const { block, row } = at;
  const n = row.length;
  const first = blocks[0]!;
  let nulls: Uint8Array | null = null;
  if (blocks.some((v) => v.nulls !== null)) {
    nulls = new Uint8Array(n);
    gatherBytes(blocks.map((v) => v.nulls ?? new Uint8Array(v.length)), block, row, 0, n, nulls, 0);
  }
  if (first.kind === 'string') {
    const strs = blocks as readonly StringVector[];
    const target = at.inverse();
    if (target !== null) {
      const { offsets, bytes } = scatterBlockStrings(strs.map((v) => v.offsets), strs.map((v) => v.bytes), target, n);
      return stringVector(first.type, offsets, bytes, nulls);
    }
    const offsets = new Int32Array(n + 1);
    const starts = new Int32Array(n);
    const total = gatherStringOffsets(strs.map((v) => v.offsets), block, row, 0, n, offsets, 0, starts);
    const bytes = new Uint8Array(total);
    gatherStringBytes(strs.map((v) => v.bytes), block, 0, n, offsets, 0, starts, bytes);
    return stringVector(first.type, offsets, bytes, nulls);
  }
  const out = new (first.values.constructor as Float64ArrayConstructor)(n) as TypedArray;
  gatherFixed(blocks.map((v) => (v as FlatVector).values), block, row, 0, n, out, 0);
  return flatVector(first.type, out, nulls);
}
