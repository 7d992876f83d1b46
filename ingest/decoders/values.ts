/**
 * Values input: `(1, 'a', NULL), (-2.5, 'it\'s', true)`: tuples of SQL literals, separated by commas
 * and whitespace, optionally ending in `;`. Strings take backslash escapes and doubled quotes.
 * Expressions (function calls, arithmetic) are not evaluated and are reported as errors.
 */

import { quoteToken } from '../../src/core/types.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState, preview, runText } from './decoder.ts';
import { Scratch, skipWs } from './json-scan.ts';

/** End of the quoted string at p (after its closing quote), or -1; unescapes into scratch. */
function quotedString(b: Uint8Array, p: number, out: Scratch): number {
  out.len = 0;
  out.room(b.length - p);
  let n = 0;
  for (let q = p + 1; q < b.length; q++) {
    const c = b[q]!;
    if (c === 0x5c) {
      if (q + 1 >= b.length) return -1;
      const x = b[++q]!;
      const o = out.buf;
      switch (x) {
        case 0x62: o[n++] = 0x08; break;
        case 0x66: o[n++] = 0x0c; break;
        case 0x6e: o[n++] = 0x0a; break;
        case 0x72: o[n++] = 0x0d; break;
        case 0x74: o[n++] = 0x09; break;
        case 0x30: o[n++] = 0x00; break;
        default: o[n++] = x;
      }
    } else if (c === 0x27) {
      if (q + 1 >= b.length) return -1;
      if (b[q + 1] === 0x27) { out.buf[n++] = 0x27; q++; continue; }
      out.len = n;
      return q + 1;
    } else out.buf[n++] = c;
  }
  return -1;
}

function isWordChar(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x2e || c === 0x2b ||
    c === 0x2d || c === 0x5f;
}

/** Decode Values. */
export const decodeValues: Decoder = (input, columns, settings) => {
  const st = new DecodeState('Values', columns, settings);
  const scratch = new Scratch();
  return runText(input, st, {
    skip(b, p) {
      while (p < b.length) {
        const c = b[p]!;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x2c && c !== 0x3b) break;
        p++;
      }
      return p;
    },
    row(b, p) {
      if (b[p] !== 0x28) throw st.error(`Cannot parse Values: expected '(' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
      p = skipWs(b, p + 1);
      for (let c = 0; c < columns.length; c++) {
        if (p >= b.length) return -1;
        if (b[p] === 0x27) {
          const e = quotedString(b, p, scratch);
          if (e < 0) return -1;
          st.text(c, scratch.buf, 0, scratch.len);
          p = e;
        } else {
          let e = p;
          while (e < b.length && isWordChar(b[e]!)) e++;
          if (e >= b.length) return -1;
          if (e === p || b[e] === 0x28) {
            throw st.error(`Cannot parse Values: expected a literal for column ${quoteToken(columns[c]!.name)} but found ${preview(b, p)} (expressions are not supported in VALUES)`, 'CANNOT_PARSE_TEXT');
          }
          if (e - p === 4 && (b[p]! | 0x20) === 0x6e && (b[p + 1]! | 0x20) === 0x75 && (b[p + 2]! | 0x20) === 0x6c && (b[p + 3]! | 0x20) === 0x6c) {
            st.nullValue(c);
          } else st.text(c, b, p, e);
          p = e;
        }
        p = skipWs(b, p);
        if (p >= b.length) return -1;
        const want = c + 1 < columns.length ? 0x2c : 0x29;
        if (b[p] !== want) {
          const what = want === 0x2c ? `',' (the row has fewer values than the ${columns.length} columns?)` : `')' (the row has more values than the ${columns.length} columns?)`;
          throw st.error(`Cannot parse Values: expected ${what} but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
        }
        p = skipWs(b, p + 1);
      }
      if (columns.length === 0) {
        if (p >= b.length) return -1;
        if (b[p] !== 0x29) throw st.error("Cannot parse Values: expected ')'", 'CANNOT_PARSE_TEXT');
        p++;
      }
      return p;
    },
  });
};
