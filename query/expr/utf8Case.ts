/**
 * lowerUTF8/upperUTF8 on UTF-8 bytes without decoding rows: ASCII bytes map directly; two- and
 * three-byte sequences map through a code point table built once (lazily) from the JS case mapping,
 * keeping only mappings to a single code point of the same UTF-8 length — as ClickHouse, which leaves
 * characters whose other case has a different byte length unchanged. Four-byte sequences pass through.
 */
import type { StringVector } from '../../src/core/vector.ts';
import { stringVector } from '../../src/core/vector.ts';

const tables: { lower: Uint16Array | null; upper: Uint16Array | null } = { lower: null, upper: null };

function utf8Len(cp: number): number {
  return cp < 0x80 ? 1 : cp < 0x800 ? 2 : 3;
}

/** The BMP case table (code point → mapped code point, 0 = unchanged), built on first use. */
function table(upper: boolean): Uint16Array {
  const have = upper ? tables.upper : tables.lower;
  if (have !== null) return have;
  const t = new Uint16Array(0x10000);
  for (let cp = 0x80; cp < 0x10000; cp++) {
    if (cp >= 0xd800 && cp < 0xe000) continue;
    const s = String.fromCharCode(cp);
    const m = upper ? s.toUpperCase() : s.toLowerCase();
    if (m.length !== 1) continue;
    const c = m.charCodeAt(0);
    if (c !== cp && utf8Len(c) === utf8Len(cp)) t[cp] = c;
  }
  if (upper) tables.upper = t; else tables.lower = t;
  return t;
}

/** Case-convert every row of s (same byte length out as in). */
export function convertCaseUtf8(s: StringVector, upper: boolean): StringVector {
  const src = s.bytes, out = new Uint8Array(src.length);
  const lo = upper ? 97 : 65, hi = upper ? 122 : 90, delta = upper ? -32 : 32;
  let t: Uint16Array | null = null;
  const len = src.length;
  for (let k = 0; k < len; k++) {
    const c = src[k]!;
    if (c < 0x80) { out[k] = c >= lo && c <= hi ? c + delta : c; continue; }
    if ((c & 0xe0) === 0xc0 && k + 1 < len) {
      t ??= table(upper);
      const cp = ((c & 0x1f) << 6) | (src[k + 1]! & 0x3f);
      const m = t[cp]! || cp;
      out[k] = 0xc0 | (m >> 6); out[k + 1] = 0x80 | (m & 0x3f);
      k += 1;
    } else if ((c & 0xf0) === 0xe0 && k + 2 < len) {
      t ??= table(upper);
      const cp = ((c & 0x0f) << 12) | ((src[k + 1]! & 0x3f) << 6) | (src[k + 2]! & 0x3f);
      const m = t[cp]! || cp;
      out[k] = 0xe0 | (m >> 12); out[k + 1] = 0x80 | ((m >> 6) & 0x3f); out[k + 2] = 0x80 | (m & 0x3f);
      k += 2;
    } else out[k] = c;
  }
  return stringVector(s.type, s.offsets, out);
}
