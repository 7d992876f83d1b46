/**
 * String kernel helpers: per-dictionary-entry evaluation, whole-buffer byte search mapped back to rows,
 * ASCII case folding and latin1 views (one JS char per byte, so regexes run on bytes without decoding).
 */
import type { DataType } from '../../src/core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../src/core/vector.ts';
import { constVector, dictVector, flatVector, scalarAt, utf8 } from '../../src/core/vector.ts';
import { materialize } from './build.ts';

/**
 * Apply a kernel written for flat string vectors to any encoding: once per dictionary entry for a
 * DictVector (the result keeps the codes), once for a constant, directly for flat strings.
 */
export function mapStrings(v: Vector, n: number, kernel: (s: StringVector) => FlatVector | StringVector): Vector {
  switch (v.kind) {
    case 'string': return kernel(v);
    case 'dict': {
      const r = kernel(v.dict as StringVector);
      return dictVector(r.type, v.codes, r, v.nulls);
    }
    case 'const': {
      const r = kernel(materialize({ ...v, length: 1 }) as StringVector);
      return constVector(r.type, scalarAt(r, 0), n);
    }
    case 'flat': return kernel(materialize(v) as StringVector);
  }
}

/** Gather a per-dictionary-entry 0/1 result into per-row values. */
export function gatherU8(per: Uint8Array, codes: Uint8Array | Uint16Array | Uint32Array, n: number): Uint8Array {
  const out = new Uint8Array(n);
  for (let i = 0; i < n; i++) out[i] = per[codes[i]!]!;
  return out;
}

/** A UInt8 flat vector of a 0/1 result, evaluated per dictionary entry when v is a dictionary. */
export function mapPredicate(v: Vector, n: number, t: DataType, kernel: (s: StringVector) => Uint8Array): Vector {
  const r = mapStrings(v, n, (s) => flatVector(t, kernel(s)));
  if (r.kind === 'dict') return flatVector(t, gatherU8((r.dict as FlatVector).values as Uint8Array, r.codes, n), null);
  return r;
}

/** Mark rows of s containing `needle` (non-empty) via whole-buffer search; hits map to rows via offsets. */
export function markContains(s: StringVector, needle: Uint8Array, out: Uint8Array): void {
  const n = s.length, o = s.offsets;
  const buf = Buffer.from(s.bytes.buffer, s.bytes.byteOffset, s.bytes.byteLength);
  const len = needle.length;
  const end = o[n]!;
  let from = o[0]!;
  let r = 0;
  while (from < end) {
    const pos = buf.indexOf(needle, from);
    if (pos < 0 || pos + len > end) break;
    while (o[r + 1]! <= pos) r++;
    if (pos + len <= o[r + 1]!) out[r] = 1;
    from = o[r + 1]!;
    r++;
  }
}

/** ASCII-lowercased copy of bytes (non-ASCII bytes unchanged). */
export function asciiLower(b: Uint8Array): Uint8Array {
  const out = new Uint8Array(b.length);
  for (let k = 0; k < b.length; k++) { const c = b[k]!; out[k] = c >= 65 && c <= 90 ? c + 32 : c; }
  return out;
}

/** The bytes as a latin1 JS string (one char per byte; no UTF-8 decoding). */
export function latin1(b: Uint8Array): string {
  return Buffer.from(b.buffer, b.byteOffset, b.byteLength).toString('latin1');
}

/** Latin1 string of a JS (UTF-16) string's UTF-8 bytes, for building byte-level regexes. */
export function latin1Of(s: string): string {
  return latin1(utf8(s));
}
