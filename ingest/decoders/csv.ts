/**
 * CSV input and CSVWithNames / CSVWithNamesAndTypes: fields separated by format_csv_delimiter,
 * optionally double-quoted (`""` inside), rows ending in `\n`, `\r\n` or `\r`; unquoted `\N` is NULL
 * and an empty unquoted field is the column default. Fields are parsed from the input bytes.
 */
import { fromUtf8 } from '../../src/core/vector.ts';
import type { Decoder } from './decoder.ts';
import { DecodeState, runText } from './decoder.ts';
import { Scratch } from './json-scan.ts';
import { mapHeader } from './text-header.ts';

/** Where a field's value lies, and where parsing continues. */
interface FieldSpan {
  /** Value bytes: the input (quoted without doubled quotes, or unquoted) or the scratch buffer. */
  src: Uint8Array;
  s: number;
  e: number;
  quoted: boolean;
  /** Position after the field's delimiter or line end. */
  next: number;
  /** True when the field ended the row. */
  last: boolean;
}

function csv(format: string, withNames: boolean, withTypes: boolean): Decoder {
  return (input, columns, settings) => {
    const st = new DecodeState(format, columns, settings);
    const delim = (st.settings.str('format_csv_delimiter') || ',').charCodeAt(0);
    const emptyAsDefault = st.settings.bool('input_format_csv_empty_as_default');
    const scratch = new Scratch();
    const span: FieldSpan = { src: new Uint8Array(0), s: 0, e: 0, quoted: false, next: 0, last: false };
    let map = columns.map((_, k) => k);
    let seen = new Uint8Array(columns.length);

    /** Read one field at p into `span`; false when the buffer ends first (and not final). */
    const field = (b: Uint8Array, p: number, final: boolean): boolean => {
      let q = p;
      if (b[p] === 0x22) {
        let doubled = false;
        q = p + 1;
        for (;;) {
          if (q >= b.length) {
            if (final) throw st.error('Unterminated quoted CSV field', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
            return false;
          }
          if (b[q] === 0x22) {
            if (q + 1 >= b.length && !final) return false;
            if (b[q + 1] === 0x22) { doubled = true; q += 2; continue; }
            break;
          }
          q++;
        }
        if (doubled) {
          scratch.len = 0;
          scratch.room(q - p);
          let n = 0;
          for (let i = p + 1; i < q; i++) {
            scratch.buf[n++] = b[i]!;
            if (b[i] === 0x22) i++;
          }
          scratch.len = n;
          span.src = scratch.buf; span.s = 0; span.e = n;
        } else { span.src = b; span.s = p + 1; span.e = q; }
        span.quoted = true;
        q++;
        while (q < b.length && (b[q] === 0x20 || b[q] === 0x09) && b[q] !== delim) q++;
      } else {
        while (q < b.length && b[q] !== delim && b[q] !== 0x0a && b[q] !== 0x0d) q++;
        span.src = b; span.s = p; span.e = q; span.quoted = false;
      }
      if (q >= b.length) {
        if (!final) return false;
        span.next = q; span.last = true;
        return true;
      }
      const c = b[q]!;
      if (c === delim) { span.next = q + 1; span.last = false; return true; }
      if (c === 0x0a) { span.next = q + 1; span.last = true; return true; }
      if (c === 0x0d) {
        if (q + 1 >= b.length && !final) return false;
        span.next = b[q + 1] === 0x0a ? q + 2 : q + 1; span.last = true;
        return true;
      }
      throw st.error(`Expected ${String.fromCharCode(delim)} or end of line after a quoted CSV field`, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
    };

    const headerRow = (b: Uint8Array, p: number, final: boolean): { names: string[]; end: number } | null => {
      const names: string[] = [];
      for (;;) {
        if (!field(b, p, final)) return null;
        names.push(fromUtf8(span.src, span.s, span.e));
        p = span.next;
        if (span.last) return { names, end: p };
      }
    };

    return runText(input, st, {
      ...(withNames ? {
        prologue(b: Uint8Array, p: number, final: boolean) {
          const h = headerRow(b, p, final);
          if (!h) return -1;
          let end = h.end;
          if (withTypes) {
            const t = headerRow(b, end, final);
            if (!t) return -1;
            end = t.end;
          }
          map = mapHeader(st, h.names);
          seen = new Uint8Array(columns.length);
          return end;
        },
      } : {}),
      skip(b, p) {
        // Blank lines between rows (a trailing CR LF pair, an empty last line).
        while (p < b.length && (b[p] === 0x0a || b[p] === 0x0d) && columns.length > 0) p++;
        return p;
      },
      row(b, p, final) {
        seen.fill(0);
        let k = 0;
        for (;;) {
          if (!field(b, p, final)) return -1;
          if (k >= map.length) throw st.error(`Too many fields in a row: expected ${map.length}`, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
          const c = map[k++]!;
          if (c >= 0) {
            seen[c] = 1;
            const { src, s, e, quoted } = span;
            if (!quoted && e - s === 2 && src[s] === 0x5c && src[s + 1] === 0x4e) st.nullValue(c);
            else if (!quoted && e === s && emptyAsDefault) st.builders[c]!.appendDefault();
            else st.text(c, src, s, e);
          }
          p = span.next;
          if (span.last) break;
        }
        if (k < map.length) {
          throw st.error(`Not enough fields in a row: expected ${map.length}, got ${k}`, 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
        }
        for (let c = 0; c < seen.length; c++) if (!seen[c]) st.builders[c]!.appendDefault();
        return p;
      },
    });
  };
}

/** Decode CSV. */
export const decodeCsv = csv('CSV', false, false);
/** Decode CSVWithNames. */
export const decodeCsvWithNames = csv('CSVWithNames', true, false);
/** Decode CSVWithNamesAndTypes. */
export const decodeCsvWithNamesAndTypes = csv('CSVWithNamesAndTypes', true, true);
