/**
 * TabSeparated (TSV), TabSeparatedRaw (TSVRaw) and their WithNames / WithNamesAndTypes variants:
 * fields joined by a tab, rows ending in `\n`, strings escaped (`\t \n \\ \0 \'` ...), NULL as `\N`.
 */
import { typeName } from '../../core/types.ts';
import { utf8 } from '../../core/vector.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters, writeEscaped } from './cells.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

function tsv(name: string, raw: boolean, withNames: boolean, withTypes: boolean): OutputFormat {
  return {
    name,
    contentType: 'text/tab-separated-values; charset=UTF-8',
    create(schema, opts): FormatWriter {
      const o = { ...cellOptions(opts.settings, opts.timezone), nullText: '\\N' };
      const out = new ByteBuf();
      const line = (cells: readonly string[]): void => {
        cells.forEach((c, k) => {
          if (k > 0) out.byte(0x09);
          const b = utf8(c);
          if (raw) out.bytes(b); else writeEscaped(out, b, 0, b.length);
        });
        out.byte(0x0a);
      };
      return {
        header() {
          if (withNames) line(schema.map((f) => f.name));
          if (withTypes) line(schema.map((f) => typeName(f.type)));
          return out.take();
        },
        batch(b) {
          const ws = cellWriters(b.columns, raw ? 'raw' : 'tsv', o);
          const nc = ws.length;
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++) {
            const i = b.sel === null ? r : b.sel[r]!;
            for (let c = 0; c < nc; c++) {
              if (c > 0) out.byte(0x09);
              ws[c]!(out, i);
            }
            out.byte(0x0a);
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

/** TabSeparated family formats. */
export const TSV_FORMATS: readonly OutputFormat[] = [
  tsv('TabSeparated', false, false, false),
  tsv('TabSeparatedWithNames', false, true, false),
  tsv('TabSeparatedWithNamesAndTypes', false, true, true),
  tsv('TabSeparatedRaw', true, false, false),
  tsv('TabSeparatedRawWithNames', true, true, false),
  tsv('TabSeparatedRawWithNamesAndTypes', true, true, true),
];
