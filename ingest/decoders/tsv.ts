/**
 * TabSeparated (TSV) input and its WithNames / WithNamesAndTypes variants: rows end at `\n`, fields
 * split at tabs, `\N` is NULL, backslash escapes are undone only for fields that contain one. Fields
 * are parsed straight from the input bytes.
 */
import { fromUtf8 } from '../../src/core/vector.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState, runText } from './decoder.ts';
import { Scratch } from './json-scan.ts';
import { mapHeader } from './text-header.ts';

/** Undo TSV escaping of b[s, e) into scratch. */
function unescapeTsv(b: Uint8Array, s: number, e: number, out: Scratch): void {
  out.len = 0;
  out.room(e - s);
  const o = out.buf;
  let n = 0;
  for (let p = s; p < e; p++) {
    const c = b[p]!;
    if (c !== 0x5c || p + 1 >= e) { o[n++] = c; continue; }
    const x = b[++p]!;
    switch (x) {
      case 0x62: o[n++] = 0x08; break;
      case 0x66: o[n++] = 0x0c; break;
      case 0x6e: o[n++] = 0x0a; break;
      case 0x72: o[n++] = 0x0d; break;
      case 0x74: o[n++] = 0x09; break;
      case 0x30: o[n++] = 0x00; break;
      case 0x61: o[n++] = 0x07; break;
      case 0x76: o[n++] = 0x0b; break;
      default: o[n++] = x;
    }
  }
  out.len = n;
}

/** End of the line starting at p (index of `\n`, or the buffer end when final), or -1. */
function lineEnd(b: Uint8Array, p: number, final: boolean): number {
  const i = b.indexOf(0x0a, p);
  return i >= 0 ? i : final ? b.length : -1;
}

function splitLine(b: Uint8Array, s: number, e: number, scratch: Scratch): string[] {
  const out: string[] = [];
  let f = s;
  for (let p = s; p <= e; p++) {
    if (p === e || b[p] === 0x09) {
      unescapeTsv(b, f, p, scratch);
      out.push(fromUtf8(scratch.buf, 0, scratch.len));
      f = p + 1;
    }
  }
  return out;
}

function tsv(format: string, withNames: boolean, withTypes: boolean): Decoder {
  return (input, columns, settings) => {
    const st = new DecodeState(format, columns, settings);
    const scratch = new Scratch();
    let map = columns.map((_, k) => k);
    let seen = new Uint8Array(columns.length);
    return runText(input, st, {
      ...(withNames ? {
        prologue(b: Uint8Array, p: number, final: boolean) {
          const e = lineEnd(b, p, final);
          if (e < 0) return -1;
          let end = e + 1;
          if (withTypes) {
            const t = lineEnd(b, end, final);
            if (t < 0) return -1;
            end = t + 1;
          }
          map = mapHeader(st, splitLine(b, p, e > p && b[e - 1] === 0x0d ? e - 1 : e, scratch));
          seen = new Uint8Array(columns.length);
          return Math.min(end, b.length);
        },
      } : {}),
      skip(_b, p) {
        return p;
      },
      row(b, p, final) {
        let e = lineEnd(b, p, final);
        if (e < 0) return -1;
        const next = e + 1;
        if (e > p && b[e - 1] === 0x0d) e--;
        seen.fill(0);
        let k = 0;
        let f = p;
        for (let q = p; q <= e; q++) {
          if (q < e && b[q] !== 0x09) continue;
          if (k >= map.length) throw st.error(`Too many fields in a row: expected ${map.length}`, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
          const c = map[k++]!;
          if (c >= 0) {
            seen[c] = 1;
            if (q - f === 2 && b[f] === 0x5c && b[f + 1] === 0x4e) st.nullValue(c);
            else if (b.subarray(f, q).includes(0x5c)) {
              unescapeTsv(b, f, q, scratch);
              st.text(c, scratch.buf, 0, scratch.len);
            } else st.text(c, b, f, q);
          }
          f = q + 1;
        }
        if (k < map.length) {
          throw st.error(`Not enough fields in a row: expected ${map.length}, got ${k} (is the data tab-separated?)`,
            'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
        }
        for (let c = 0; c < seen.length; c++) if (!seen[c]) st.builders[c]!.appendDefault();
        return next;
      },
    });
  };
}

/** Decode TabSeparated. */
export const decodeTsv = tsv('TabSeparated', false, false);
/** Decode TabSeparatedWithNames. */
export const decodeTsvWithNames = tsv('TabSeparatedWithNames', true, false);
/** Decode TabSeparatedWithNamesAndTypes. */
export const decodeTsvWithNamesAndTypes = tsv('TabSeparatedWithNamesAndTypes', true, true);
