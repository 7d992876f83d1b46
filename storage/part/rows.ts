/**
 * Row-range operations on decoded column vectors: slice a block to the requested rows, concatenate
 * blocks (merging per-block string dictionaries into one), and gather single rows for statistics.
 */
import { arrayTypeOf, type TypedArray } from '../../src/core/types.ts';
import type { DictVector, FlatVector, StringVector } from '../../src/core/vector.ts';
import type { DecodedBlock } from '../codec/block.ts';
import { buildStringDict } from '../codec/dictionary.ts';
import { materialize } from '../../src/core/materialize.ts';

/** Rows [start, end) of `v`; shares memory with `v` except for rebased string offsets. */
export function sliceRows(v: DecodedBlock, start: number, end: number): DecodedBlock {
  if (start === 0 && end === v.length) return v;
  const nulls = v.nulls === null ? null : v.nulls.subarray(start, end);
  switch (v.kind) {
    case 'flat':
      return { kind: 'flat', type: v.type, length: end - start, values: v.values.subarray(start, end), nulls };
    case 'dict':
      return { kind: 'dict', type: v.type, length: end - start, codes: v.codes.subarray(start, end), dict: v.dict, nulls };
    case 'string': {
      const base = v.offsets[start]!;
      const offsets = new Int32Array(end - start + 1);
      for (let i = 0; i < offsets.length; i++) offsets[i] = v.offsets[start + i]! - base;
      return { kind: 'string', type: v.type, length: end - start, offsets, bytes: v.bytes.subarray(base, v.offsets[end]!), nulls };
    }
  }
}

function concatNulls(parts: readonly DecodedBlock[], n: number): Uint8Array | null {
  if (parts.every((p) => p.nulls === null)) return null;
  const out = new Uint8Array(n);
  let pos = 0;
  for (const p of parts) {
    if (p.nulls !== null) out.set(p.nulls, pos);
    pos += p.length;
  }
  return out;
}

/** One vector holding the rows of `parts` in order (all of the same column type). */
export function concatRows(parts: readonly DecodedBlock[]): DecodedBlock {
  if (parts.length === 1) return parts[0]!;
  const n = parts.reduce((s, p) => s + p.length, 0);
  const type = parts[0]!.type;
  const nulls = concatNulls(parts, n);
  if (parts.every((p) => p.kind === 'dict')) return concatDicts(parts as DictVector[], n, nulls);
  if (type.kind === 'String') {
    const strs = parts.map((p) => materialize(p) as StringVector);
    const offsets = new Int32Array(n + 1);
    const bytes = new Uint8Array(strs.reduce((s, p) => s + p.offsets[p.length]! - p.offsets[0]!, 0));
    let row = 0;
    let pos = 0;
    for (const p of strs) {
      const base = p.offsets[0]!;
      for (let i = 1; i <= p.length; i++) offsets[row + i] = pos + p.offsets[i]! - base;
      bytes.set(p.bytes.subarray(base, p.offsets[p.length]!), pos);
      row += p.length;
      pos = offsets[row]!;
    }
    return { kind: 'string', type, length: n, offsets, bytes, nulls };
  }
  const C = arrayTypeOf(type);
  const values = new C(n) as TypedArray;
  let row = 0;
  for (const p of parts) {
    (values as Int8Array).set((p as FlatVector).values as Int8Array, row);
    row += p.length;
  }
  return { kind: 'flat', type, length: n, values, nulls };
}

/** Concatenate dictionary-coded string blocks into one DictVector with a deduplicated dictionary. */
function concatDicts(parts: readonly DictVector[], n: number, nulls: Uint8Array | null): DictVector {
  const dicts = parts.map((p) => p.dict as StringVector);
  const all = concatRows(dicts) as StringVector;
  const merged = buildStringDict(all.offsets, all.bytes, 0, all.length, all.length)!;
  const size = merged.size;
  const codes = size <= 256 ? new Uint8Array(n) : size <= 65536 ? new Uint16Array(n) : new Uint32Array(n);
  let row = 0;
  let dictBase = 0;
  for (const p of parts) {
    const c = p.codes;
    for (let i = 0; i < p.length; i++) codes[row + i] = merged.codes[dictBase + c[i]!]!;
    row += p.length;
    dictBase += p.dict.length;
  }
  const dict: StringVector = { kind: 'string', type: dicts[0]!.type, length: size, offsets: merged.offsets, bytes: merged.bytes, nulls: null };
  return { kind: 'dict', type: parts[0]!.type, length: n, codes, dict, nulls };
}

/** Rows `rows` of a flat or string vector (NULLs kept), as a new vector of the same type. */
export function gatherRows(v: FlatVector | StringVector, rows: Int32Array): FlatVector | StringVector {
  const n = rows.length;
  let nulls: Uint8Array | null = null;
  if (v.nulls !== null) {
    nulls = new Uint8Array(n);
    for (let i = 0; i < n; i++) nulls[i] = v.nulls[rows[i]!]!;
  }
  if (v.kind === 'string') {
    const offsets = new Int32Array(n + 1);
    for (let i = 0; i < n; i++) offsets[i + 1] = offsets[i]! + v.offsets[rows[i]! + 1]! - v.offsets[rows[i]!]!;
    const bytes = new Uint8Array(offsets[n]!);
    for (let i = 0; i < n; i++) bytes.set(v.bytes.subarray(v.offsets[rows[i]!]!, v.offsets[rows[i]! + 1]!), offsets[i]!);
    return { kind: 'string', type: v.type, length: n, offsets, bytes, nulls };
  }
  const C = arrayTypeOf(v.type);
  const values = new C(n) as TypedArray;
  if (C.BYTES_PER_ELEMENT === 8) {
    const src = new Int32Array(v.values.buffer, v.values.byteOffset, v.values.length * 2);
    const dst = new Int32Array(values.buffer);
    for (let i = 0; i < n; i++) {
      dst[2 * i] = src[2 * rows[i]!]!;
      dst[2 * i + 1] = src[2 * rows[i]! + 1]!;
    }
  } else {
    const src = v.values as Float64Array;
    const dst = values as Float64Array;
    for (let i = 0; i < n; i++) dst[i] = src[rows[i]!]!;
  }
  return { kind: 'flat', type: v.type, length: n, values, nulls };
}
