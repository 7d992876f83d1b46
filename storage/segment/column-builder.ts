/**
 * A growable column: typed-array buffers that double when full. Appends never touch rows already
 * written and a grown buffer is a fresh allocation, so a view of the first n rows (see {@link view})
 * stays valid and unchanged while appends continue — the basis of segment snapshots.
 *
 * 64-bit values are copied through Int32Array views (two words per value): no BigInt per row.
 */
import { EddyError } from '../../src/core/errors.ts';
import { materialize, repeatScalar } from '../../src/core/materialize.ts';
import type { DataType, Scalar, TypedArray } from '../../src/core/types.ts';
import { arrayTypeOf, typeName } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { flatVector, stringVector } from '../../src/core/vector.ts';
import { gatherBytes, gatherFixed, gatherStringBytes, gatherStringOffsets } from './gather-rows.ts';

/** A flat or string vector: what builders accept in their fast paths and what they produce. */
export type PlainVector = FlatVector | StringVector;

/** An appendable column of one type. */
export class ColumnBuilder {
  private n = 0;
  private values: TypedArray;
  private offsets: Int32Array;
  private bytes: Uint8Array;
  private nulls: Uint8Array | null = null;
  private readonly isString: boolean;
  private readonly nullable: boolean;

  constructor(readonly type: DataType, capacity = 1024) {
    const cap = Math.max(16, capacity);
    this.isString = type.kind === 'String';
    this.nullable = type.nullable;
    this.values = this.isString ? new Uint8Array(0) : new (arrayTypeOf(type) as Float64ArrayConstructor)(cap);
    this.offsets = new Int32Array(this.isString ? cap + 1 : 0);
    this.bytes = new Uint8Array(this.isString ? cap * 8 : 0);
  }

  /** Rows appended so far. */
  get length(): number {
    return this.n;
  }

  /** Approximate bytes held by the rows appended so far. */
  get byteSize(): number {
    if (this.isString) return this.offsets[this.n]! + 4 * this.n + (this.nulls ? this.n : 0);
    return this.n * this.values.BYTES_PER_ELEMENT + (this.nulls ? this.n : 0);
  }

  /** Append rows [from, to) of `v` (any encoding; its type must have this column's layout). */
  append(v: Vector, from = 0, to = v.length): void {
    const count = to - from;
    if (count <= 0) return;
    const p = v.kind === 'flat' || v.kind === 'string' ? v : materialize(v);
    this.checkLayout(p);
    this.reserve(count);
    const at = this.n;
    if (p.kind === 'string') {
      const base = p.offsets[from]!;
      const len = p.offsets[to]! - base;
      this.reserveBytes(len);
      const start = this.offsets[at]!;
      this.bytes.set(p.bytes.subarray(base, base + len), start);
      const off = this.offsets;
      const src = p.offsets;
      const shift = start - base;
      for (let i = 1; i <= count; i++) off[at + i] = src[from + i]! + shift;
    } else {
      (this.values as Float64Array).set((p.values as Float64Array).subarray(from, to), at);
    }
    if (p.nulls !== null && this.nullable) {
      this.ensureNulls().set(p.nulls.subarray(from, to), at);
    }
    this.n += count;
  }

  /**
   * Append rows gathered from several sources: output row k is row `row[k]` of `sources[src[k]]`,
   * for k in [from, to). Used by merges; every source must have this column's layout.
   */
  appendGather(sources: readonly PlainVector[], src: Uint32Array, row: Uint32Array, from: number, to: number): void {
    const count = to - from;
    if (count <= 0) return;
    for (const s of sources) this.checkLayout(s);
    this.reserve(count);
    const at = this.n;
    if (this.isString) {
      const strs = sources as readonly StringVector[];
      const starts = new Int32Array(count);
      const need = gatherStringOffsets(strs.map((s) => s.offsets), src, row, from, to, this.offsets, at, starts);
      this.reserveBytes(need);
      gatherStringBytes(strs.map((s) => s.bytes), src, from, to, this.offsets, at, starts, this.bytes);
    } else {
      gatherFixed(sources.map((s) => (s as FlatVector).values), src, row, from, to, this.values, at);
    }
    if (this.nullable && sources.some((s) => s.nulls !== null)) {
      const maps = sources.map((s) => s.nulls ?? new Uint8Array(s.length));
      gatherBytes(maps, src, row, from, to, this.ensureNulls(), at);
    }
    this.n += count;
  }

  /** Append `value` `count` times (defaults for ADD COLUMN, replay of old records). */
  appendValue(value: Scalar, count: number): void {
    if (count > 0) this.append(repeatScalar(this.type, this.nullable ? value : (value ?? zeroOf(this.type)), count));
  }

  /** The first `n` rows (default: all) as a vector sharing this builder's memory; stable under appends. */
  view(n = this.n): PlainVector {
    const nulls = this.nulls === null ? null : this.nulls.subarray(0, n);
    if (this.isString) return stringVector(this.type, this.offsets.subarray(0, n + 1), this.bytes, nulls);
    return flatVector(this.type, this.values.subarray(0, n), nulls);
  }

  private checkLayout(v: PlainVector): void {
    const ok = this.isString ? v.kind === 'string' : v.kind === 'flat' && v.values.constructor === this.values.constructor;
    if (!ok) throw new EddyError('TYPE_MISMATCH', `cannot store a ${typeName(v.type)} vector in a ${typeName(this.type)} column`);
  }

  private reserve(count: number): void {
    const need = this.n + count;
    if (this.isString) {
      if (need + 1 > this.offsets.length) {
        const next = new Int32Array(grow(this.offsets.length, need + 1));
        next.set(this.offsets.subarray(0, this.n + 1));
        this.offsets = next;
      }
    } else if (need > this.values.length) {
      const next = new (this.values.constructor as Float64ArrayConstructor)(grow(this.values.length, need));
      next.set(this.values.subarray(0, this.n) as Float64Array);
      this.values = next;
    }
    if (this.nulls !== null && need > this.nulls.length) {
      const next = new Uint8Array(grow(this.nulls.length, need));
      next.set(this.nulls.subarray(0, this.n));
      this.nulls = next;
    }
  }

  private reserveBytes(extra: number): void {
    const used = this.offsets[this.n]!;
    if (used + extra > this.bytes.length) {
      const next = new Uint8Array(grow(this.bytes.length, used + extra));
      next.set(this.bytes.subarray(0, used));
      this.bytes = next;
    }
  }

  private ensureNulls(): Uint8Array {
    if (this.nulls === null) {
      const cap = this.isString ? this.offsets.length - 1 : this.values.length;
      this.nulls = new Uint8Array(cap);
    }
    return this.nulls;
  }
}

function grow(current: number, need: number): number {
  let cap = Math.max(16, current);
  while (cap < need) cap = cap < 1 << 20 ? cap * 2 : Math.ceil(cap * 1.5);
  return cap;
}

/** The value a non-nullable column of `type` holds when none is given (0, '', false, epoch). */
export function zeroOf(type: DataType): Scalar {
  switch (type.kind) {
    case 'String': return '';
    case 'Bool': return false;
    case 'Int64': case 'UInt64': case 'DateTime64': return 0n;
    case 'Nothing': return null;
    default: return 0;
  }
}
