/**
 * TabSeparated (TSV) input and its WithNames / WithNamesAndTypes variants: rows end at `\n`, fields
 * split at tabs, `\N` is NULL, backslash escapes are undone only for fields that contain one. Fields
 * are parsed straight from the input bytes.
 */
import { fromUtf8 } from '../../src/core/vector.ts';
import type { Decoder } from './decoder.ts';
import { bytesText } from './column-builder.ts';
import { DecodeState, runText } from './decoder.ts';
import { ParseFailure } from './parse-bytes.ts';
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

/** Target columns no header position maps to (they get their defaults). */
function unmapped(map: readonly number[], count: number): number[] {
  const hit = new Uint8Array(count);
  for (const c of map) if (c >= 0) hit[c] = 1;
  const out: number[] = [];
  for (let c = 0; c < count; c++) if (!hit[c]) out.push(c);
  return out;
}

/**
 * Most separator positions one bulk step collects: pass 2 reads the step's input once per column, so
 * the step is kept small enough (~60 KB of hits rows) to stay in cache between columns.
 */
const MAX_ENDS = 1 << 13;

function tsv(format: string, withNames: boolean, withTypes: boolean): Decoder {
  return (input, columns, settings) => {
    const st = new DecodeState(format, columns, settings);
    const builders = st.builders;
    const scratch = new Scratch();
    let map = columns.map((_, k) => k);
    let missing: number[] = [];
    // position of the first backslash at or after the field being read in `bsBuf` (its length when none)
    let bsBuf: Uint8Array | null = null;
    let bsAt = 0;
    let ends = new Int32Array(0);
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
          missing = unmapped(map, columns.length);
          return Math.min(end, b.length);
        },
      } : {}),
      skip(_b, p) {
        return p;
      },
      rows(b, p, max) {
        const m = map;
        const nf = m.length;
        if (nf === 0) return p;
        if (bsBuf !== b || bsAt < p) {
          bsBuf = b;
          bsAt = b.indexOf(0x5c, p);
          if (bsAt < 0) bsAt = b.length;
        }
        // Pass 1: the separator positions of whole plain rows (stopping before a backslash, a CR, or a
        // row with the wrong field count: row() takes those).
        const cap = Math.max(1, Math.min(max, Math.floor(MAX_ENDS / nf)));
        if (ends.length < cap * nf + 1) ends = new Int32Array(cap * nf + 1);
        const E = ends;
        E[0] = p - 1;
        const lim = bsAt;
        let n = 1;
        let rowFirst = 1;
        let rows = 0;
        let end = p;
        for (let i = p; i < lim; i++) {
          const c = b[i]!;
          if (c > 0x0a) continue; // most bytes: one comparison
          if (c === 0x09) {
            if (n - rowFirst >= nf - 1) break;
            E[n++] = i;
          } else if (c === 0x0a) {
            if (n - rowFirst !== nf - 1 || b[i - 1] === 0x0d) break;
            E[n++] = i;
            rowFirst = n;
            end = i + 1;
            if (++rows >= cap) break;
          }
        }
        if (rows === 0) return p;
        // Pass 2: column by column.
        let c = -1;
        let k = 0;
        try {
          for (; k < nf; k++) {
            c = m[k]!;
            if (c >= 0) builders[c]!.appendSpans(b, E, k, nf, rows);
          }
        } catch (err) {
          if (!(err instanceof ParseFailure) || err.index < 0) throw err;
          const j = err.index * nf + k;
          throw st.valueError(c, bytesText(b, E[j]! + 1, E[j + 1]!), err, st.rowNumber + err.index);
        }
        for (let i = 0; i < missing.length; i++) {
          const bld = builders[missing[i]!]!;
          for (let r = 0; r < rows; r++) bld.appendDefault();
        }
        st.countRows(rows);
        return end;
      },
      row(b, p, final) {
        const n = b.length;
        if (bsBuf !== b || bsAt < p) {
          bsBuf = b;
          bsAt = b.indexOf(0x5c, p);
          if (bsAt < 0) bsAt = n;
        }
        const m = map;
        const nf = m.length;
        let k = 0;
        let f = p;
        let q = p;
        let fe = p;
        let c = -1;
        let escaped = false;
        try {
          for (;;) {
            let ch = 0;
            while (q < n && (ch = b[q]!) !== 0x09 && ch !== 0x0a) q++;
            const last = q >= n || ch === 0x0a;
            if (q >= n && !final) return -1;
            fe = last && q > f && b[q - 1] === 0x0d ? q - 1 : q;
            if (k >= nf) throw st.error(`Too many fields in a row: expected ${nf}`, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
            c = m[k++]!;
            if (bsAt < fe) {
              if (c >= 0) {
                if (fe - f === 2 && b[f] === 0x5c && b[f + 1] === 0x4e) builders[c]!.appendNull();
                else {
                  unescapeTsv(b, f, fe, scratch);
                  escaped = true;
                  builders[c]!.appendText(scratch.buf, 0, scratch.len);
                  escaped = false;
                }
              }
              bsAt = b.indexOf(0x5c, q);
              if (bsAt < 0) bsAt = n;
            } else if (c >= 0) builders[c]!.appendText(b, f, fe);
            if (last) break;
            f = ++q;
          }
        } catch (err) {
          if (c < 0 || !(err instanceof ParseFailure)) throw err;
          const shown = escaped ? fromUtf8(scratch.buf, 0, scratch.len)
            : fe - f === 2 && b[f] === 0x5c && b[f + 1] === 0x4e ? 'NULL' : bytesText(b, f, fe);
          throw st.valueError(c, shown, err);
        }
        if (k < nf) {
          throw st.error(`Not enough fields in a row: expected ${nf}, got ${k} (is the data tab-separated?)`,
            'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
        }
        for (let i = 0; i < missing.length; i++) builders[missing[i]!]!.appendDefault();
        return q < n ? q + 1 : n;
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
