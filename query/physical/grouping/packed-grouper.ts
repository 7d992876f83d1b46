/**
 * Grouping on several keys packed into fixed-width int32 words, looked up in one WordsMap. Per key:
 * 8..32-bit integers, Date, DateTime, Bool take one word; Int64/UInt64/DateTime64 their two halves;
 * floats the two halves of their float64 bit pattern (-0 as 0, one NaN); strings one word, an id from
 * a BytesMap that interns each distinct string once (string dictionaries intern each entry once per
 * dictionary; other dictionaries are gathered to flat values). When any key is Nullable, a trailing
 * word per 32 keys holds the row's NULL bits (a NULL key's value words are 0). So (UserID, SearchPhrase) is a 3-word key and no row is serialized.
 */
import type { DataType } from '../../../src/core/types.ts';
import { arrayTypeOf, is64Bit } from '../../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../../src/core/vector.ts';
import { flatVector, stringVector } from '../../../src/core/vector.ts';
import { BytesMap } from '../hash/bytes-map.ts';
import { WordsMap } from '../hash/words-map.ts';
import { repeatScalar } from '../../../src/core/materialize.ts';
import { flatten } from '../vectors.ts';
import type { Grouper } from './grouper.ts';

type Layout = 'int' | 'wide' | 'float' | 'string';

const f64 = new Float64Array(1);
const f64bits = new Int32Array(f64.buffer);

function layoutOf(t: DataType): Layout {
  if (t.kind === 'String') return 'string';
  if (t.kind === 'Float32' || t.kind === 'Float64') return 'float';
  return is64Bit(t) ? 'wide' : 'int';
}

/** Multi-key grouper over packed words. */
export class PackedGrouper implements Grouper {
  private readonly layouts: Layout[];
  /** First word of key k in a packed row. */
  private readonly offsets: number[];
  /** Index of the first NULL-bits word, or -1 when no key is Nullable. */
  private readonly nullWord: number;
  private readonly width: number;
  private readonly map: WordsMap;
  private readonly strings = new BytesMap();
  /** Per string dictionary: entry → interned id (-1: not yet interned). */
  private readonly dictIds = new WeakMap<object, Int32Array>();
  private rows = new Int32Array(0);
  /** Scratch: interned ids of a string key's rows. */
  private ids = new Int32Array(0);

  constructor(private readonly types: readonly DataType[]) {
    this.layouts = types.map(layoutOf);
    this.offsets = [];
    let w = 0;
    for (const l of this.layouts) { this.offsets.push(w); w += l === 'wide' || l === 'float' ? 2 : 1; }
    this.nullWord = types.some((t) => t.nullable) ? w : -1;
    if (this.nullWord >= 0) w += (types.length + 31) >>> 5;
    this.width = w;
    this.map = new WordsMap(w);
  }

  get groups(): number { return this.map.size; }

  assign(keys: readonly Vector[], n: number, out: Uint32Array): void {
    const W = this.width;
    if (this.rows.length < n * W) this.rows = new Int32Array(n * W);
    if (this.nullWord >= 0) { const rows = this.rows; for (let i = 0; i < n; i++) for (let k = this.nullWord; k < W; k++) rows[i * W + k] = 0; }
    for (let k = 0; k < keys.length; k++) this.pack(k, keys[k]!, n);
    this.map.findOrInsertRows(this.rows, n, out);
  }

  /** Words per value of key k. */
  private wordsOf(k: number): number {
    const l = this.layouts[k]!;
    return l === 'wide' || l === 'float' ? 2 : 1;
  }

  /** Write key k of rows 0..n into the packed rows. */
  private pack(k: number, v: Vector, n: number): void {
    switch (v.kind) {
      case 'const': {
        const W = this.width; const off = this.offsets[k]!; const cw = this.wordsOf(k);
        const one = repeatScalar(v.type, v.value, 1);
        this.packColumn(k, one, 1, 0);
        const rows = this.rows;
        for (let i = 1, at = W + off; i < n; i++, at += W) for (let j = 0; j < cw; j++) rows[at + j] = rows[off + j]!;
        if (one.nulls !== null && this.nullWord >= 0) this.markNulls(k, null, n);
        return;
      }
      case 'dict':
        if (v.dict.kind === 'string') this.packStringDict(k, v.codes, v.dict, v.nulls, n);
        else this.packColumn(k, flatten(v) as FlatVector, n, 0);
        return;
      default: this.packColumn(k, v, n, 0);
    }
  }

  /** Words of rows 0..n of a flat or string column, written from packed row `first` on. */
  private packColumn(k: number, v: FlatVector | StringVector, n: number, first: number): void {
    const W = this.width; const rows = this.rows; const nulls = v.nulls;
    const at0 = first * W + this.offsets[k]!;
    if (v.kind === 'string') {
      if (this.ids.length < n) this.ids = new Int32Array(n);
      const ids = this.ids;
      this.strings.findOrInsertRows(v.bytes, v.offsets, n, ids, nulls);
      for (let i = 0, at = at0; i < n; i++, at += W) rows[at] = nulls !== null && nulls[i] === 1 ? 0 : ids[i]!;
    } else {
      const layout = this.layouts[k]!;
      if (layout === 'int') {
        const vals = v.values as Int32Array;
        for (let i = 0, at = at0; i < n; i++, at += W) rows[at] = vals[i]! | 0;
      } else if (layout === 'wide') {
        const w = new Int32Array(v.values.buffer, v.values.byteOffset, 2 * n);
        for (let i = 0, at = at0; i < n; i++, at += W) { rows[at] = w[2 * i]!; rows[at + 1] = w[2 * i + 1]!; }
      } else {
        const vals = v.values as Float64Array;
        for (let i = 0, at = at0; i < n; i++, at += W) {
          const x = vals[i]!;
          if (x !== x) { rows[at] = 0; rows[at + 1] = 0x7ff80000; continue; }
          f64[0] = x === 0 ? 0 : x;
          rows[at] = f64bits[0]!; rows[at + 1] = f64bits[1]!;
        }
      }
      if (nulls !== null) {
        const two = layout !== 'int';
        for (let i = 0, at = at0; i < n; i++, at += W) if (nulls[i] === 1) { rows[at] = 0; if (two) rows[at + 1] = 0; }
      }
    }
    if (nulls !== null && first === 0 && this.nullWord >= 0) this.markNulls(k, nulls, n);
  }

  /** Set key k's NULL bit in packed rows 0..n where nulls[i] = 1 (every row when nulls is null). */
  private markNulls(k: number, nulls: Uint8Array | null, n: number): void {
    const W = this.width; const rows = this.rows;
    const nw = this.nullWord + (k >>> 5); const bit = 1 << (k & 31);
    for (let i = 0, at = nw; i < n; i++, at += W) if (nulls === null || nulls[i] === 1) rows[at]! |= bit;
  }

  /** String dictionary column: each entry interned once per dictionary (when first used), then a lookup per row. */
  private packStringDict(k: number, codes: Uint8Array | Uint16Array | Uint32Array, dict: StringVector,
    nulls: Uint8Array | null, n: number): void {
    const W = this.width; const off = this.offsets[k]!; const rows = this.rows;
    const dnulls = dict.nulls;
    let ids = this.dictIds.get(dict);
    if (ids === undefined) { ids = new Int32Array(dict.length).fill(-1); this.dictIds.set(dict, ids); }
    const strs = this.strings; const offs = dict.offsets; const bytes = dict.bytes;
    const nw = this.nullWord >= 0 ? this.nullWord + (k >>> 5) - off : -1; const bit = 1 << (k & 31);
    // Intern the entries used here for the first time in one batch (their probes overlap).
    if (this.ids.length < n) this.ids = new Int32Array(n);
    const need = this.ids;
    let m = 0;
    for (let i = 0; i < n; i++) {
      const c = codes[i]!;
      if (ids[c] === -1 && (nulls === null || nulls[i] === 0) && (dnulls === null || dnulls[c] === 0)) { ids[c] = -2; need[m++] = c; }
    }
    if (m > 0) strs.findOrInsertEntries(bytes, offs, need, m, ids);
    for (let i = 0, at = off; i < n; i++, at += W) {
      const c = codes[i]!;
      if ((nulls !== null && nulls[i] === 1) || (dnulls !== null && dnulls[c] === 1)) {
        rows[at] = 0;
        if (nw >= 0) rows[at + nw]! |= bit;
        continue;
      }
      rows[at] = ids[c]!;
    }
  }

  keyVectors(start = 0, end = this.map.size): Vector[] {
    return this.build(null, start, end - start);
  }

  keyVectorsAt(groups: Uint32Array): Vector[] {
    return this.build(groups, 0, groups.length);
  }

  /** Key columns of n groups: groups ids[i] (start + i when ids is null). */
  private build(ids: Uint32Array | null, start: number, n: number): Vector[] {
    const W = this.width; const keys = this.map.keys;
    /** First word of the i-th group's packed key. */
    const base = new Int32Array(n);
    for (let i = 0; i < n; i++) base[i] = (ids === null ? start + i : ids[i]!) * W;
    return this.types.map((t, k) => {
      const off = this.offsets[k]!;
      let nulls: Uint8Array | null = null;
      if (t.nullable) {
        nulls = new Uint8Array(n);
        const nw = this.nullWord + (k >>> 5); const bit = 1 << (k & 31);
        for (let i = 0; i < n; i++) if ((keys[base[i]! + nw]! & bit) !== 0) nulls[i] = 1;
      }
      const layout = this.layouts[k]!;
      if (layout === 'string') {
        const m = this.strings;
        const offs = new Int32Array(n + 1);
        for (let i = 0; i < n; i++) {
          const id = keys[base[i]! + off]!;
          offs[i + 1] = offs[i]! + (nulls !== null && nulls[i] === 1 ? 0 : m.offsets[id + 1]! - m.offsets[id]!);
        }
        const bytes = new Uint8Array(offs[n]!);
        for (let i = 0; i < n; i++) {
          if (offs[i + 1] === offs[i]) continue;
          const id = keys[base[i]! + off]!;
          bytes.set(m.arena.subarray(m.offsets[id]!, m.offsets[id + 1]!), offs[i]!);
        }
        return stringVector(t, offs, bytes, nulls);
      }
      const values = new (arrayTypeOf(t))(n);
      if (layout === 'int') {
        const o = values as Int32Array;
        for (let i = 0; i < n; i++) o[i] = keys[base[i]! + off]!;
      } else if (layout === 'wide') {
        const o = new Int32Array(values.buffer);
        for (let i = 0; i < n; i++) { const at = base[i]! + off; o[2 * i] = keys[at]!; o[2 * i + 1] = keys[at + 1]!; }
      } else {
        const o = values as Float64Array;
        for (let i = 0; i < n; i++) { const at = base[i]! + off; f64bits[0] = keys[at]!; f64bits[1] = keys[at + 1]!; o[i] = f64[0]!; }
      }
      return flatVector(t, values, nulls);
    });
  }

  memoryBytes(): number {
    return this.map.memoryBytes() + this.strings.memoryBytes() + this.rows.byteLength;
  }

  reserve(groups: number): void {
    this.map.reserve(groups);
  }
}
