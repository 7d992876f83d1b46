/**
 * Grouping on one key. Fixed-width keys go through a PairMap on their (lo, hi) int32 halves; strings
 * through a BytesMap on their UTF-8 bytes in place; dictionary vectors map each code to a group once
 * per dictionary (lazily, so unused dictionary entries create no group). NULL is its own group.
 */
import type { DataType } from '../../../src/core/types.ts';
import { arrayTypeOf, is64Bit } from '../../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../../src/core/vector.ts';
import { flatVector, stringVector } from '../../../src/core/vector.ts';
import { BytesMap, hashBytes } from '../hash/bytes-map.ts';
import { PairMap } from '../hash/pair-map.ts';
import { repeatScalar } from '../../../src/core/materialize.ts';
import type { Grouper } from './grouper.ts';

const f64 = new Float64Array(1);
const f64bits = new Int32Array(f64.buffer);

/** One-key grouper. */
export class SingleKeyGrouper implements Grouper {
  private readonly pairs: PairMap | null;
  private readonly strings: BytesMap | null;
  private readonly layout: 'int' | 'wide' | 'float' | 'string';
  /** Group id taken by NULL, or -1; map ids at or above it are shifted up by one. */
  private nullAt = -1;
  private readonly dictMaps = new WeakMap<object, Int32Array>();
  /** Scratch: dictionary entries a batch uses first. */
  private entries = new Int32Array(0);

  constructor(private readonly type: DataType) {
    this.layout = type.kind === 'String' ? 'string' : is64Bit(type) ? 'wide'
      : type.kind === 'Float32' || type.kind === 'Float64' ? 'float' : 'int';
    this.pairs = this.layout === 'string' ? null : new PairMap();
    this.strings = this.layout === 'string' ? new BytesMap() : null;
  }

  get groups(): number {
    return (this.pairs?.size ?? this.strings!.size) + (this.nullAt >= 0 ? 1 : 0);
  }

  assign(keys: readonly Vector[], n: number, out: Uint32Array): void {
    const v = keys[0]!;
    switch (v.kind) {
      case 'const': {
        const g = this.rowGroup(repeatScalar(v.type, v.value, 1), 0);
        out.fill(g, 0, n);
        return;
      }
      case 'dict': {
        let map = this.dictMaps.get(v.dict);
        if (map === undefined) { map = new Int32Array(v.dict.length).fill(-1); this.dictMaps.set(v.dict, map); }
        const codes = v.codes; const nulls = v.nulls;
        if (v.dict.kind === 'string' && v.dict.nulls === null && (nulls === null || this.nullAt >= 0)) this.internEntries(v.dict, codes, nulls, n, map);
        for (let i = 0; i < n; i++) {
          if (nulls !== null && nulls[i] === 1) { out[i] = this.nullGroup(); continue; }
          const c = codes[i]!;
          let g = map[c]!;
          if (g < 0) { g = this.rowGroup(v.dict, c); map[c] = g; }
          out[i] = g;
        }
        return;
      }
      case 'string': this.assignStrings(v, n, out); return;
      case 'flat': this.assignFlat(v, n, out); return;
    }
  }

  /**
   * Group the dictionary entries rows 0..n use for the first time (in order of first use) in one batch
   * through the bytes map, so their probes overlap; map[c] becomes the entry's group. Only when no
   * NULL group can appear first among them (the caller checks), so ids stay in first-appearance order.
   */
  private internEntries(dict: StringVector, codes: Uint8Array | Uint16Array | Uint32Array, nulls: Uint8Array | null, n: number,
    map: Int32Array): void {
    if (this.entries.length < n) this.entries = new Int32Array(Math.max(n, 2 * this.entries.length));
    const need = this.entries;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) continue;
      const c = codes[i]!;
      if (map[c] === -1) { map[c] = -2; need[m++] = c; }
    }
    if (m === 0) return;
    this.strings!.findOrInsertEntries(dict.bytes, dict.offsets, need, m, map);
    const nullAt = this.nullAt;
    if (nullAt >= 0) for (let j = 0; j < m; j++) { const c = need[j]!; if (map[c]! >= nullAt) map[c]!++; }
  }

  private nullGroup(): number {
    if (this.nullAt < 0) this.nullAt = this.groups;
    return this.nullAt;
  }

  private shift(id: number): number {
    return this.nullAt >= 0 && id >= this.nullAt ? id + 1 : id;
  }

  /** Group of row j of a flat or string vector (slow path: dictionaries and constants). */
  private rowGroup(v: FlatVector | StringVector, j: number): number {
    if (v.nulls !== null && v.nulls[j] === 1) return this.nullGroup();
    const out = new Uint32Array(1);
    if (v.kind === 'string') {
      const s = v.offsets[j]!; const e = v.offsets[j + 1]!;
      return this.shift(this.strings!.findOrInsert(v.bytes, s, e, hashBytes(v.bytes, s, e)));
    }
    this.assignFlat(flatVector(v.type, v.values.subarray(j, j + 1)), 1, out);
    return out[0]!;
  }

  private assignStrings(v: StringVector, n: number, out: Uint32Array): void {
    const map = this.strings!;
    const nulls = v.nulls;
    map.findOrInsertRows(v.bytes, v.offsets, n, out, nulls);
    // The batch's new keys all precede a NULL group first created here, so its ids need no shift.
    if (nulls === null && this.nullAt < 0) return;
    for (let i = 0; i < n; i++) {
      if (nulls !== null && nulls[i] === 1) { out[i] = this.nullGroup(); continue; }
      const id = out[i]!;
      out[i] = this.nullAt >= 0 && id >= this.nullAt ? id + 1 : id;
    }
  }

  private assignFlat(v: FlatVector, n: number, out: Uint32Array): void {
    const map = this.pairs!;
    const nulls = v.nulls;
    if (nulls === null && this.layout !== 'float') {
      const wide = this.layout === 'wide';
      const src = wide ? new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n) : v.values as Int32Array;
      map.findOrInsertRows(src, n, wide, out);
      const nullAt = this.nullAt;
      if (nullAt >= 0) for (let i = 0; i < n; i++) { const id = out[i]!; if (id >= nullAt) out[i] = id + 1; }
      return;
    }
    if (this.layout === 'int') {
      const vals = v.values as Int32Array;
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] === 1) { out[i] = this.nullGroup(); continue; }
        const id = map.findOrInsert(vals[i]! | 0, 0);
        out[i] = this.nullAt >= 0 && id >= this.nullAt ? id + 1 : id;
      }
    } else if (this.layout === 'wide') {
      const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] === 1) { out[i] = this.nullGroup(); continue; }
        const id = map.findOrInsert(w[2 * i]!, w[2 * i + 1]!);
        out[i] = this.nullAt >= 0 && id >= this.nullAt ? id + 1 : id;
      }
    } else {
      const vals = v.values as Float64Array;
      for (let i = 0; i < n; i++) {
        if (nulls !== null && nulls[i] === 1) { out[i] = this.nullGroup(); continue; }
        const x = vals[i]!;
        f64[0] = x === 0 ? 0 : x; // -0 groups with 0
        const id = x !== x ? map.findOrInsert(0, 0x7ff80000) : map.findOrInsert(f64bits[0]!, f64bits[1]!);
        out[i] = this.nullAt >= 0 && id >= this.nullAt ? id + 1 : id;
      }
    }
  }

  keyVectors(start = 0, end = this.groups): Vector[] {
    const n = end - start; const nullAt = this.nullAt;
    const nulls = nullAt >= start && nullAt < end ? new Uint8Array(n) : null;
    if (nulls) nulls[nullAt - start] = 1;
    const mapId = (g: number) => (nullAt >= 0 && g > nullAt ? g - 1 : g);
    if (this.strings) {
      // The groups other than NULL's are consecutive map ids, so their bytes are one run of the arena.
      const m = this.strings;
      const base = m.offsets[nullAt >= 0 && start > nullAt ? start - 1 : start]!;
      const offs = new Int32Array(n + 1);
      for (let g = start, i = 0; g < end; g++, i++) offs[i + 1] = g === nullAt ? offs[i]! : m.offsets[mapId(g) + 1]! - base;
      return [stringVector(this.type, offs, m.arena.slice(base, base + offs[n]!), nulls)];
    }
    const keys = this.pairs!.keys;
    const values = new (arrayTypeOf(this.type))(n);
    if (this.layout === 'int') {
      const o = values as Int32Array;
      for (let g = start, i = 0; g < end; g++, i++) if (g !== nullAt) o[i] = keys[2 * mapId(g)]!;
    } else if (this.layout === 'wide') {
      const o = new Int32Array(values.buffer);
      for (let g = start, i = 0; g < end; g++, i++) if (g !== nullAt) { const m = mapId(g); o[2 * i] = keys[2 * m]!; o[2 * i + 1] = keys[2 * m + 1]!; }
    } else {
      const o = values as Float64Array;
      for (let g = start, i = 0; g < end; g++, i++) {
        if (g === nullAt) continue;
        const m = mapId(g);
        f64bits[0] = keys[2 * m]!; f64bits[1] = keys[2 * m + 1]!;
        o[i] = f64[0]!;
      }
    }
    return [flatVector(this.type, values, nulls)];
  }

  keyVectorsAt(groups: Uint32Array): Vector[] {
    const n = groups.length; const nullAt = this.nullAt;
    let nulls: Uint8Array | null = null;
    /** Map id of the i-th group (-1: the NULL group). */
    const ids = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      const g = groups[i]!;
      if (g === nullAt) { (nulls ??= new Uint8Array(n))[i] = 1; ids[i] = -1; } else ids[i] = nullAt >= 0 && g > nullAt ? g - 1 : g;
    }
    if (this.strings) {
      const m = this.strings;
      const offs = new Int32Array(n + 1);
      for (let i = 0; i < n; i++) { const id = ids[i]!; offs[i + 1] = offs[i]! + (id < 0 ? 0 : m.offsets[id + 1]! - m.offsets[id]!); }
      const bytes = new Uint8Array(offs[n]!);
      for (let i = 0; i < n; i++) { const id = ids[i]!; if (id >= 0) bytes.set(m.arena.subarray(m.offsets[id]!, m.offsets[id + 1]!), offs[i]!); }
      return [stringVector(this.type, offs, bytes, nulls)];
    }
    const keys = this.pairs!.keys;
    const values = new (arrayTypeOf(this.type))(n);
    if (this.layout === 'int') {
      const o = values as Int32Array;
      for (let i = 0; i < n; i++) { const id = ids[i]!; if (id >= 0) o[i] = keys[2 * id]!; }
    } else if (this.layout === 'wide') {
      const o = new Int32Array(values.buffer);
      for (let i = 0; i < n; i++) { const id = ids[i]!; if (id >= 0) { o[2 * i] = keys[2 * id]!; o[2 * i + 1] = keys[2 * id + 1]!; } }
    } else {
      const o = values as Float64Array;
      for (let i = 0; i < n; i++) {
        const id = ids[i]!;
        if (id < 0) continue;
        f64bits[0] = keys[2 * id]!; f64bits[1] = keys[2 * id + 1]!;
        o[i] = f64[0]!;
      }
    }
    return [flatVector(this.type, values, nulls)];
  }

  memoryBytes(): number {
    return this.pairs?.memoryBytes() ?? this.strings!.memoryBytes();
  }

  reserve(groups: number): void {
    this.pairs?.reserve(groups);
    this.strings?.reserve(groups);
  }
}
