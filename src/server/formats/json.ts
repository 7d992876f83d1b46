/**
 * JSON, JSONStrings, JSONCompact, JSONCompactStrings: the tab-indented envelope with `meta`, `data`,
 * `rows`, `rows_before_limit_at_least` (when a LIMIT applied) and `statistics`, byte for byte as
 * ClickHouse writes it (JSONRowOutputFormat / JSONCompactRowOutputFormat).
 */
import { typeName } from '../../core/types.ts';
import { utf8 } from '../../core/vector.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters, jsonStringOf, writeJsonString } from './cells.ts';
import { float64Text } from './float.ts';
import type { FormatWriter, OutputFormat } from './format.ts';

function envelope(name: string, compact: boolean, strings: boolean): OutputFormat {
  return {
    name,
    contentType: 'application/json; charset=UTF-8',
    create(schema, opts): FormatWriter {
      const o = cellOptions(opts.settings, opts.timezone);
      const writeStats = opts.settings.bool('output_format_write_statistics');
      const out = new ByteBuf();
      const slashes = o.escapeSlashes;
      // `\t\t\t"name": ` prefixes, escaped once.
      const keys = schema.map((f) => {
        const b = new ByteBuf(64);
        b.ascii('\t\t\t');
        const n = utf8(f.name);
        writeJsonString(b, n, 0, n.length, slashes);
        b.ascii(': ');
        return b.take();
      });
      let rows = 0;
      return {
        header() {
          out.ascii('{\n\t"meta":\n\t[\n');
          schema.forEach((f, k) => {
            out.ascii('\t\t{\n\t\t\t"name": ');
            jsonStringOf(f.name, slashes, out);
            out.ascii(',\n\t\t\t"type": ');
            jsonStringOf(typeName(f.type), slashes, out);
            out.ascii(k + 1 < schema.length ? '\n\t\t},\n' : '\n\t\t}\n');
          });
          out.ascii('\t],\n\n\t"data":\n\t[\n');
          return out.take();
        },
        batch(b) {
          const ws = cellWriters(b.columns, strings ? 'jsonString' : 'json', o);
          const nc = ws.length;
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++) {
            const i = b.sel === null ? r : b.sel[r]!;
            if (rows++ > 0) out.ascii(',\n');
            if (compact) {
              out.ascii('\t\t[');
              for (let c = 0; c < nc; c++) {
                if (c > 0) out.ascii(', ');
                ws[c]!(out, i);
              }
              out.byte(0x5d);
            } else {
              out.ascii('\t\t{\n');
              for (let c = 0; c < nc; c++) {
                if (c > 0) out.ascii(',\n');
                out.bytes(keys[c]!);
                ws[c]!(out, i);
              }
              out.ascii('\n\t\t}');
            }
          }
          return out.take();
        },
        footer(stats) {
          out.ascii(`\n\t],\n\n\t"rows": ${stats.rows}`);
          if (stats.rowsBeforeLimit !== undefined) out.ascii(`,\n\n\t"rows_before_limit_at_least": ${stats.rowsBeforeLimit}`);
          if (writeStats) {
            out.ascii(`,\n\n\t"statistics":\n\t{\n\t\t"elapsed": ${float64Text(stats.elapsedSeconds)},\n`);
            out.ascii(`\t\t"rows_read": ${stats.rowsRead},\n\t\t"bytes_read": ${stats.bytesRead}\n\t}`);
          }
          out.ascii('\n}\n');
          return out.take();
        },
      };
    },
  };
}

/** JSON envelope formats. */
export const JSON_FORMATS: readonly OutputFormat[] = [
  envelope('JSON', false, false),
  envelope('JSONStrings', false, true),
  envelope('JSONCompact', true, false),
  envelope('JSONCompactStrings', true, true),
];
