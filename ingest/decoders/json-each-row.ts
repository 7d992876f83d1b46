/**
 * JSONEachRow (JSONLines, NDJSON) input: one object per row, fields matched to columns by name
 * (bytes compared in place, no key strings made); missing fields get the column default; unknown
 * fields are skipped or rejected per input_format_skip_unknown_fields. Rows may be separated by
 * whitespace or commas, and the whole input may be wrapped in `[` `]`.
 */
import { utf8 } from '../../src/core/vector.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState, preview, runText } from './decoder.ts';
import { hasBackslash, readJsonValue, Scratch, skipWs, stringEnd, unescapeJson, valueEnd } from './json-scan.ts';
import { bytesText } from './column-builder.ts';

function sameBytes(a: Uint8Array, b: Uint8Array, s: number, e: number): boolean {
  if (a.length !== e - s) return false;
  for (let i = 0; i < a.length; i++) if (a[i] !== b[s + i]) return false;
  return true;
}

/** Decode JSONEachRow. */
export const decodeJsonEachRow: Decoder = (input, columns, settings) => {
  const st = new DecodeState('JSONEachRow', columns, settings);
  const skipUnknown = st.settings.bool('input_format_skip_unknown_fields');
  const names = columns.map((f) => utf8(f.name));
  const seen = new Uint8Array(columns.length);
  const scratch = new Scratch();
  const keyScratch = new Scratch();
  let hint = 0;
  const find = (b: Uint8Array, s: number, e: number): number => {
    const n = names.length;
    for (let k = 0; k < n; k++) {
      const c = hint + k < n ? hint + k : hint + k - n;
      if (sameBytes(names[c]!, b, s, e)) { hint = c + 1 < n ? c + 1 : 0; return c; }
    }
    return -1;
  };
  return runText(input, st, {
    skip(b, p) {
      while (p < b.length) {
        const c = b[p]!;
        if (c !== 0x20 && c !== 0x0a && c !== 0x0d && c !== 0x09 && c !== 0x2c && c !== 0x5b && c !== 0x5d) break;
        p++;
      }
      return p;
    },
    row(b, p) {
      if (b[p] !== 0x7b) throw st.error(`Cannot parse JSON object: expected '{' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
      seen.fill(0);
      p = skipWs(b, p + 1);
      if (p >= b.length) return -1;
      if (b[p] !== 0x7d) {
        for (;;) {
          if (b[p] !== 0x22) throw st.error(`Cannot parse JSON object: expected a field name but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
          const ke = stringEnd(b, p);
          if (ke < 0) return -1;
          let c: number;
          if (hasBackslash(b, p + 1, ke - 1)) {
            if (!unescapeJson(b, p + 1, ke - 1, keyScratch)) throw st.error('Invalid escape sequence in a JSON field name', 'CANNOT_PARSE_TEXT');
            c = find(keyScratch.buf, 0, keyScratch.len);
          } else c = find(b, p + 1, ke - 1);
          const keyStart = p;
          p = skipWs(b, ke);
          if (p >= b.length) return -1;
          if (b[p] !== 0x3a) throw st.error(`Cannot parse JSON object: expected ':' after field ${bytesText(b, keyStart, ke)}`, 'CANNOT_PARSE_TEXT');
          p = skipWs(b, p + 1);
          if (p >= b.length) return -1;
          if (c < 0) {
            if (!skipUnknown) throw st.error(`Unknown field found while parsing JSONEachRow format: ${bytesText(b, keyStart + 1, ke - 1)}`);
            p = valueEnd(b, p);
          } else {
            if (seen[c]) throw st.error(`Duplicate field found while parsing JSONEachRow format: ${columns[c]!.name}`);
            seen[c] = 1;
            p = readJsonValue(st, c, b, p, scratch);
          }
          if (p < 0) return -1;
          p = skipWs(b, p);
          if (p >= b.length) return -1;
          if (b[p] === 0x2c) {
            p = skipWs(b, p + 1);
            if (p >= b.length) return -1;
            continue;
          }
          if (b[p] === 0x7d) break;
          throw st.error(`Cannot parse JSON object: expected ',' or '}' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
        }
      }
      for (let c = 0; c < seen.length; c++) if (!seen[c]) st.builders[c]!.appendDefault();
      return p + 1;
    },
  });
};
