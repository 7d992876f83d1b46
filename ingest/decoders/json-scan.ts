/**
 * Byte-level JSON scanning for the JSON input formats: whitespace, strings (with unescaping into a
 * reusable scratch buffer), scalar tokens and nested values, and reading one value into a column.
 * Every scanner returns -1 when the buffer ends before the value does (the row is then retried with
 * more input).
 */
import type { DecodeState } from './decoder.ts';

/** Position of the first non-whitespace byte at or after p. */
export function skipWs(b: Uint8Array, p: number): number {
  while (p < b.length) {
    const c = b[p]!;
    if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09) break;
    p++;
  }
  return p;
}

/** Reusable output for unescaped strings. */
export class Scratch {
  buf = new Uint8Array(256);
  len = 0;

  /** Make room for n more bytes. */
  room(n: number): void {
    if (this.len + n <= this.buf.length) return;
    const next = new Uint8Array(Math.max(this.buf.length * 2, this.len + n));
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }
}

/** End of the string whose opening quote is at p (position after the closing quote), or -1. */
export function stringEnd(b: Uint8Array, p: number): number {
  for (let q = p + 1; q < b.length; q++) {
    const c = b[q]!;
    if (c === 0x5c) q++;
    else if (c === 0x22) return q + 1;
  }
  return -1;
}

/** True when b[s, e) holds a backslash. */
export function hasBackslash(b: Uint8Array, s: number, e: number): boolean {
  for (let q = s; q < e; q++) if (b[q] === 0x5c) return true;
  return false;
}

function hex4(b: Uint8Array, p: number): number {
  let v = 0;
  for (let k = 0; k < 4; k++) {
    const c = b[p + k]!;
    const d = c >= 0x30 && c <= 0x39 ? c - 0x30 : (c | 0x20) >= 0x61 && (c | 0x20) <= 0x66 ? (c | 0x20) - 0x57 : -1;
    if (d < 0) return -1;
    v = v * 16 + d;
  }
  return v;
}

/** Unescape the JSON string body b[s, e) into scratch; returns false on a bad escape. */
export function unescapeJson(b: Uint8Array, s: number, e: number, out: Scratch): boolean {
  out.len = 0;
  out.room(e - s);
  const o = out.buf;
  let n = 0;
  for (let p = s; p < e; p++) {
    const c = b[p]!;
    if (c !== 0x5c) { o[n++] = c; continue; }
    const x = b[++p];
    switch (x) {
      case 0x22: case 0x5c: case 0x2f: o[n++] = x; break;
      case 0x62: o[n++] = 0x08; break;
      case 0x66: o[n++] = 0x0c; break;
      case 0x6e: o[n++] = 0x0a; break;
      case 0x72: o[n++] = 0x0d; break;
      case 0x74: o[n++] = 0x09; break;
      case 0x75: {
        if (p + 4 >= e) return false;
        let cp = hex4(b, p + 1);
        if (cp < 0) return false;
        p += 4;
        if (cp >= 0xd800 && cp < 0xdc00 && b[p + 1] === 0x5c && b[p + 2] === 0x75) {
          const lo = hex4(b, p + 3);
          if (lo >= 0xdc00 && lo < 0xe000) { cp = 0x10000 + ((cp - 0xd800) << 10) + (lo - 0xdc00); p += 6; }
        }
        if (cp < 0x80) o[n++] = cp;
        else if (cp < 0x800) { o[n++] = 0xc0 | (cp >> 6); o[n++] = 0x80 | (cp & 63); }
        else if (cp < 0x10000) { o[n++] = 0xe0 | (cp >> 12); o[n++] = 0x80 | ((cp >> 6) & 63); o[n++] = 0x80 | (cp & 63); }
        else {
          o[n++] = 0xf0 | (cp >> 18); o[n++] = 0x80 | ((cp >> 12) & 63);
          o[n++] = 0x80 | ((cp >> 6) & 63); o[n++] = 0x80 | (cp & 63);
        }
        break;
      }
      default: return false;
    }
  }
  out.len = n;
  return true;
}

/** End of a scalar token (number, true, false, null) at p, or -1 when it reaches the buffer end. */
export function tokenEnd(b: Uint8Array, p: number): number {
  for (let q = p; q < b.length; q++) {
    const c = b[q]!;
    if (c === 0x2c || c === 0x7d || c === 0x5d || c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) return q;
  }
  return -1;
}

/** End of any JSON value at p (objects and arrays by bracket depth), or -1. */
export function valueEnd(b: Uint8Array, p: number): number {
  const c = b[p];
  if (c === 0x22) return stringEnd(b, p);
  if (c !== 0x7b && c !== 0x5b) return tokenEnd(b, p);
  let depth = 0;
  for (let q = p; q < b.length; q++) {
    const x = b[q]!;
    if (x === 0x22) {
      q = stringEnd(b, q) - 1;
      if (q < 0) return -1;
    } else if (x === 0x7b || x === 0x5b) depth++;
    else if (x === 0x7d || x === 0x5d) {
      if (--depth === 0) return q + 1;
    }
  }
  return -1;
}

const TRUE = Uint8Array.of(0x31);
const FALSE = Uint8Array.of(0x30);

function isWord(b: Uint8Array, s: number, e: number, w: string): boolean {
  if (e - s !== w.length) return false;
  for (let i = 0; i < w.length; i++) if (b[s + i] !== w.charCodeAt(i)) return false;
  return true;
}

/** Read the JSON value at p into column c; the position after it, or -1 when incomplete. */
export function readJsonValue(st: DecodeState, c: number, b: Uint8Array, p: number, scratch: Scratch): number {
  const kind = st.columns[c]!.type.kind;
  const ch = b[p];
  if (ch === 0x22) {
    const e = stringEnd(b, p);
    if (e < 0) return -1;
    if (hasBackslash(b, p + 1, e - 1)) {
      if (!unescapeJson(b, p + 1, e - 1, scratch)) throw st.error('Invalid escape sequence in a JSON string', 'CANNOT_PARSE_TEXT');
      st.text(c, scratch.buf, 0, scratch.len);
    } else st.text(c, b, p + 1, e - 1);
    return e;
  }
  if (ch === 0x7b || ch === 0x5b) {
    const e = valueEnd(b, p);
    if (e < 0) return -1;
    st.text(c, b, p, e); // nested JSON is kept as its text (String columns); other types reject it
    return e;
  }
  const e = tokenEnd(b, p);
  if (e < 0) return -1;
  if (e === p) throw st.error(`Expected a JSON value for column '${st.columns[c]!.name}'`, 'CANNOT_PARSE_TEXT');
  if (isWord(b, p, e, 'null')) st.nullValue(c);
  else if (kind !== 'String' && kind !== 'Bool' && isWord(b, p, e, 'true')) st.text(c, TRUE, 0, 1);
  else if (kind !== 'String' && kind !== 'Bool' && isWord(b, p, e, 'false')) st.text(c, FALSE, 0, 1);
  else st.text(c, b, p, e);
  return e;
}
