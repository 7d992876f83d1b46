/**
 * JSONEachRow (JSONLines, NDJSON) and JSONStringsEachRow: one compact object per line, every line
 * ending in `\n` (clients drop an unterminated last line). With output_format_json_array_of_rows the
 * rows form one array: `[\n{..},\n{..}\n]\n`.
 */
import { utf8 } from '../../core/vector.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters, writeJsonString } from './cells.ts';
import type { FormatWriter, OutputFormat } from './format.ts';

function eachRow(name: string, strings: boolean): OutputFormat {
  return {
    name,
    contentType: 'application/x-ndjson; charset=UTF-8',
    create(schema, opts): FormatWriter {
      const o = cellOptions(opts.settings, opts.timezone);
      const asArray = opts.settings.bool('output_format_json_array_of_rows');
      const out = new ByteBuf();
      // `{"a":` for the first column, `,"b":` for the others.
      const keys = schema.map((f, k) => {
        const b = new ByteBuf(64);
        b.byte(k === 0 ? 0x7b : 0x2c);
        const n = utf8(f.name);
        writeJsonString(b, n, 0, n.length, o.escapeSlashes);
        b.byte(0x3a);
        return b.take();
      });
      let rows = 0;
      return {
        header() {
          if (asArray) out.ascii('[\n');
          return out.take();
        },
        batch(b) {
          const ws = cellWriters(b.columns, strings ? 'jsonString' : 'json', o);
          const nc = ws.length;
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++) {
            const i = b.sel === null ? r : b.sel[r]!;
            if (asArray && rows > 0) out.ascii(',\n');
            rows++;
            if (nc === 0) out.byte(0x7b);
            for (let c = 0; c < nc; c++) {
              out.bytes(keys[c]!);
              ws[c]!(out, i);
            }
            out.byte(0x7d);
            if (!asArray) out.byte(0x0a);
          }
          return out.take();
        },
        footer() {
          if (asArray) out.ascii(rows > 0 ? '\n]\n' : ']\n');
          return out.take();
        },
      };
    },
  };
}

/** JSONEachRow family formats (aliases are registered in the registry). */
export const JSON_EACH_ROW_FORMATS: readonly OutputFormat[] = [
  eachRow('JSONEachRow', false),
  eachRow('JSONStringsEachRow', true),
];
