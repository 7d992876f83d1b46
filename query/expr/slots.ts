/**
 * One value slot per group of any type, for min, max, any, anyLast, argMin and argMax: numbers as
 * doubles, 64-bit integers as exact hi/lo doubles, strings as byte ranges in a shared arena that is
 * compacted when replaced values leave too much garbage. A batch is loaded once (`load`), then rows
 * are copied or compared by index without per-row allocation.
 */
import type { DataType } from '../../src/core/types.ts';
import { withNullable } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { flatVector } from '../../src/core/vector.ts';
import { allocValues, halves, storeI64, StringBuilder } from './build.ts';
import { grow } from './agg.ts';
import { compareBytes } from './compare.ts';
import type { StrView } from './read.ts';
import { readF64, readI64, readStr } from './read.ts';

type Layout = 'f64' | 'i64' | 'str';

function layoutOf(t: DataType): Layout {
  if (t.kind === 'String') return 'str';
  if (t.kind === 'Int64' || t.kind === 'UInt64' || t.kind === 'DateTime64') return 'i64';
  return 'f64';
}

/** Per-group values of one type. */
export class Slots {
  private readonly layout: Layout;
  /** 1 where the group holds a value. */
  has = new Uint8Array(0);
  private a = new Float64Array(0); // value (f64) or hi (i64) or arena start (str)
  private b = new Float64Array(0); // lo (i64) or length (str)
  private arena = new Uint8Array(0);
  private used = 0;
  private live = 0;
  // the loaded batch
  private fa: Float64Array = new Float64Array(0);
  private fb: Float64Array = new Float64Array(0);
  private fm = 0;
  private sv: StrView | null = null;

  constructor(readonly type: DataType) {
    this.layout = layoutOf(type);
  }

  /** Make room for `groups` groups. */
  ensure(groups: number): void {
    this.has = grow(this.has, groups);
    this.a = grow(this.a, groups);
    if (this.layout !== 'f64') this.b = grow(this.b, groups);
  }

  /** Prepare the rows of v (length n) for set/compare. */
  load(v: Vector, n: number): void {
    if (this.layout === 'f64') { const r = readF64(v, n); this.fa = r.a; this.fm = r.m; }
    else if (this.layout === 'i64') { const r = readI64(v, n); this.fa = r.hi; this.fb = r.lo; this.fm = r.m; }
    else this.sv = readStr(v);
  }

  /** Copy loaded row i into group g's slot. */
  set(g: number, i: number): void {
    if (this.layout === 'f64') { this.has[g] = 1; this.a[g] = this.fa[i & this.fm]!; return; }
    if (this.layout === 'i64') { this.has[g] = 1; this.a[g] = this.fa[i & this.fm]!; this.b[g] = this.fb[i & this.fm]!; return; }
    const sv = this.sv!;
    const j = sv.codes === null ? i & sv.m : sv.codes[i]!;
    const s = sv.offsets[j]!, len = sv.offsets[j + 1]! - s;
    if (this.has[g] === 1) { this.live -= this.b[g]!; this.has[g] = 0; }
    if (this.used + len > this.arena.length) this.makeRoom(len);
    this.has[g] = 1;
    this.arena.set(sv.bytes.subarray(s, s + len), this.used);
    this.a[g] = this.used;
    this.b[g] = len;
    this.used += len;
    this.live += len;
  }

  /** Sign of (loaded row i − group g's value); g must hold a value. */
  compare(g: number, i: number): number {
    if (this.layout === 'f64') { const x = this.fa[i & this.fm]!, y = this.a[g]!; return x < y ? -1 : x > y ? 1 : 0; }
    if (this.layout === 'i64') {
      const j = i & this.fm;
      return this.fa[j]! - this.a[g]! || this.fb[j]! - this.b[g]!;
    }
    const sv = this.sv!;
    const j = sv.codes === null ? i & sv.m : sv.codes[i]!;
    const st = this.a[g]!;
    return compareBytes(sv.bytes, sv.offsets[j]!, sv.offsets[j + 1]!, this.arena, st, st + this.b[g]!);
  }

  private makeRoom(len: number): void {
    const groups = this.has.length;
    if (this.used - this.live > this.live) {
      // Compact: copy live values into a fresh arena.
      const fresh = new Uint8Array(Math.max(1024, (this.live + len) * 2));
      let p = 0;
      for (let g = 0; g < groups; g++) {
        if (this.has[g] !== 1) continue;
        const s = this.a[g]!, l = this.b[g]!;
        fresh.set(this.arena.subarray(s, s + l), p);
        this.a[g] = p;
        p += l;
      }
      this.arena = fresh;
      this.used = p;
      this.live = p;
      if (this.used + len <= this.arena.length) return;
    }
    let cap = Math.max(1024, this.arena.length * 2);
    while (cap < this.used + len) cap *= 2;
    const b = new Uint8Array(cap);
    b.set(this.arena.subarray(0, this.used));
    this.arena = b;
  }

  /**
   * Groups 0..groups-1 as a vector of the slot type; groups without a value are NULL when `nullable`,
   * else the type's default (0, '').
   */
  toVector(groups: number, nullable: boolean): Vector {
    this.ensure(groups);
    const t = nullable ? withNullable(this.type) : this.type;
    let nulls: Uint8Array | null = null;
    if (nullable) {
      nulls = new Uint8Array(groups);
      for (let g = 0; g < groups; g++) nulls[g] = 1 - this.has[g]!;
    }
    if (this.layout === 'str') {
      const sb = new StringBuilder(groups, this.live);
      for (let g = 0; g < groups; g++) {
        const s = this.a[g]!;
        if (this.has[g] === 1) sb.appendRange(this.arena, s, s + this.b[g]!);
        else sb.endRow();
      }
      return sb.finish(t, nulls);
    }
    const out = allocValues(this.type, groups);
    if (this.layout === 'i64') {
      const w = halves(out as BigInt64Array);
      for (let g = 0; g < groups; g++) storeI64(w, g, this.a[g]!, this.b[g]!);
    } else {
      const o = out as Float64Array;
      for (let g = 0; g < groups; g++) o[g] = this.a[g]!;
    }
    return flatVector(t, out, nulls);
  }

  /** Approximate bytes held. */
  memoryBytes(): number {
    return this.has.byteLength + this.a.byteLength + this.b.byteLength + this.arena.byteLength;
  }
}
