/**
 * JSONCompactEachRow input (the default format of @clickhouse/client's insert): one JSON array per
 * row, values in column order. Also the WithNames / WithNamesAndTypes variants, whose header lines
 * map the array positions to columns by name.
 */
import { fromUtf8 } from '../../src/core/vector.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState, preview, runText } from './decoder.ts';
import { hasBackslash, readJsonValue, Scratch, skipWs, stringEnd, unescapeJson, valueEnd } from './json-scan.ts';

/** Parse one header array of strings at p; the strings and the position after it, or null when incomplete. */
function headerLine(st: DecodeState, b: Uint8Array, p: number, scratch: Scratch): { names: string[]; end: number } | null {
  p = skipWs(b, p);
  if (p >= b.length) return null;
  if (b[p] !== 0x5b) throw st.error(`Cannot parse header: expected '[' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
  const names: string[] = [];
  p = skipWs(b, p + 1);
  while (p < b.length && b[p] !== 0x5d) {
    if (b[p] !== 0x22) throw st.error(`Cannot parse header: expected a string but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
    const e = stringEnd(b, p);
    if (e < 0) return null;
    if (hasBackslash(b, p + 1, e - 1) && unescapeJson(b, p + 1, e - 1, scratch)) names.push(fromUtf8(scratch.buf, 0, scratch.len));
    else names.push(fromUtf8(b, p + 1, e - 1));
    p = skipWs(b, e);
    if (b[p] === 0x2c) p = skipWs(b, p + 1);
  }
  if (p >= b.length) return null;
  return { names, end: p + 1 };
}

function compact(format: string, withNames: boolean, withTypes: boolean): Decoder {
  return (input, columns, settings) => {
    const st = new DecodeState(format, columns, settings);
    const skipUnknown = st.settings.bool('input_format_skip_unknown_fields');
    const scratch = new Scratch();
    // Position k of a row array goes to column map[k] (-1: skipped).
    let map = columns.map((_, k) => k);
    let seen = new Uint8Array(columns.length);
    return runText(input, st, {
      ...(withNames ? {
        prologue(b: Uint8Array, p: number) {
          const h = headerLine(st, b, p, scratch);
          if (!h) return -1;
          let end = h.end;
          if (withTypes) {
            const t = headerLine(st, b, end, scratch);
            if (!t) return -1;
            end = t.end;
          }
          if (st.settings.bool('input_format_with_names_use_header')) {
            map = h.names.map((n) => {
              const c = columns.findIndex((f) => f.name === n);
              if (c < 0 && !skipUnknown) throw st.error(`Unknown field found in the header of ${format}: ${n}`);
              return c;
            });
            seen = new Uint8Array(columns.length);
          }
          return end;
        },
      } : {}),
      skip(b, p) {
        return skipWs(b, p);
      },
      row(b, p) {
        if (b[p] !== 0x5b) throw st.error(`Cannot parse row: expected '[' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
        seen.fill(0);
        p = skipWs(b, p + 1);
        if (p >= b.length) return -1;
        let k = 0;
        if (b[p] !== 0x5d) {
          for (;; k++) {
            const c = k < map.length ? map[k]! : -2;
            if (c === -2) throw st.error(`Too many values in a row: expected ${map.length}`);
            if (c < 0) p = valueEnd(b, p);
            else { seen[c] = 1; p = readJsonValue(st, c, b, p, scratch); }
            if (p < 0) return -1;
            p = skipWs(b, p);
            if (p >= b.length) return -1;
            if (b[p] === 0x2c) { p = skipWs(b, p + 1); if (p >= b.length) return -1; continue; }
            if (b[p] === 0x5d) { k++; break; }
            throw st.error(`Cannot parse row: expected ',' or ']' but found ${preview(b, p)}`, 'CANNOT_PARSE_TEXT');
          }
        }
        if (k < map.length) throw st.error(`Not enough values in a row: expected ${map.length}, got ${k}`);
        for (let c = 0; c < seen.length; c++) if (!seen[c]) st.builders[c]!.appendDefault();
        return p + 1;
      },
    });
  };
}

/** Decode JSONCompactEachRow. */
export const decodeJsonCompactEachRow = compact('JSONCompactEachRow', false, false);
/** Decode JSONCompactEachRowWithNames. */
export const decodeJsonCompactEachRowWithNames = compact('JSONCompactEachRowWithNames', true, false);
/** Decode JSONCompactEachRowWithNamesAndTypes. */
export const decodeJsonCompactEachRowWithNamesAndTypes = compact('JSONCompactEachRowWithNamesAndTypes', true, true);
