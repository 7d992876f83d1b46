/**
 * JSONCompactEachRow[WithNames[AndTypes]] and JSONCompactStringsEachRow[…]: one array per line,
 * values joined by `", "`, optional header lines of names and type names.
 */
import { typeName } from '../../core/types.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters, jsonStringOf } from './cells.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

function compactEachRow(name: string, strings: boolean, withNames: boolean, withTypes: boolean): OutputFormat {
  return {
    name,
    contentType: 'application/x-ndjson; charset=UTF-8',
    create(schema, opts): FormatWriter {
      const o = cellOptions(opts.settings, opts.timezone);
      const out = new ByteBuf();
      const line = (cells: readonly string[]): void => {
        out.byte(0x5b);
        cells.forEach((c, k) => {
          if (k > 0) out.ascii(', ');
          jsonStringOf(c, o.escapeSlashes, out);
        });
        out.ascii(']\n');
      };
      return {
        header() {
          if (withNames) line(schema.map((f) => f.name));
          if (withTypes) line(schema.map((f) => typeName(f.type)));
          return out.take();
        },
        batch(b) {
          const ws = cellWriters(b.columns, strings ? 'jsonString' : 'json', o);
          const nc = ws.length;
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++) {
            const i = b.sel === null ? r : b.sel[r]!;
            out.byte(0x5b);
            for (let c = 0; c < nc; c++) {
              if (c > 0) out.ascii(', ');
              ws[c]!(out, i);
            }
            out.ascii(']\n');
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

/** JSONCompactEachRow family formats. */
export const JSON_COMPACT_EACH_ROW_FORMATS: readonly OutputFormat[] = [
  compactEachRow('JSONCompactEachRow', false, false, false),
  compactEachRow('JSONCompactEachRowWithNames', false, true, false),
  compactEachRow('JSONCompactEachRowWithNamesAndTypes', false, true, true),
  compactEachRow('JSONCompactStringsEachRow', true, false, false),
  compactEachRow('JSONCompactStringsEachRowWithNames', true, true, false),
  compactEachRow('JSONCompactStringsEachRowWithNamesAndTypes', true, true, true),
];
