/**
 * CSV, CSVWithNames, CSVWithNamesAndTypes: strings, dates and times always double-quoted (`"`
 * doubled), numbers bare, NULL as `\N`, rows ending in `\n` (or `\r\n` per setting).
 */
import { typeName } from '../../core/types.ts';
import { utf8 } from '../../core/vector.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters, writeCsvQuoted } from './cells.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

function csv(name: string, withNames: boolean, withTypes: boolean): OutputFormat {
  return {
    name,
    contentType: `text/csv; charset=UTF-8; header=${withNames ? 'present' : 'absent'}`,
    create(schema, opts): FormatWriter {
      const o = { ...cellOptions(opts.settings, opts.timezone), nullText: '\\N' };
      const delim = (opts.settings.str('format_csv_delimiter') || ',').charCodeAt(0);
      const crlf = opts.settings.bool('output_format_csv_crlf_end_of_line');
      const out = new ByteBuf();
      const eol = (): void => { if (crlf) out.byte(0x0d); out.byte(0x0a); };
      const line = (cells: readonly string[]): void => {
        cells.forEach((c, k) => {
          if (k > 0) out.byte(delim);
          const b = utf8(c);
          writeCsvQuoted(out, b, 0, b.length);
        });
        eol();
      };
      return {
        header() {
          if (withNames) line(schema.map((f) => f.name));
          if (withTypes) line(schema.map((f) => typeName(f.type)));
          return out.take();
        },
        batch(b) {
          const ws = cellWriters(b.columns, 'csv', o);
          const nc = ws.length;
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++) {
            const i = b.sel === null ? r : b.sel[r]!;
            for (let c = 0; c < nc; c++) {
              if (c > 0) out.byte(delim);
              ws[c]!(out, i);
            }
            eol();
          }
          return out.take();
        },
        footer() {
          return EMPTY;
        },
      };
    },
  };
}

/** CSV family formats. */
export const CSV_FORMATS: readonly OutputFormat[] = [
  csv('CSV', false, false),
  csv('CSVWithNames', true, false),
  csv('CSVWithNamesAndTypes', true, true),
];
