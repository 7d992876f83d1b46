/**
 * Pretty and PrettyCompact: human tables drawn with Unicode box characters. Rows are collected (up
 * to output_format_pretty_max_rows) and drawn as one table at the end; numbers are right-aligned,
 * other values left-aligned, NULL shows as ᴺᵁᴸᴸ.
 */
import type { DataType } from '../../core/types.ts';
import { isNumeric } from '../../core/types.ts';
import { fromUtf8 } from '../../core/vector.ts';
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters } from './cells.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

/** Display width in code points. */
function width(s: string): number {
  let n = 0;
  for (const _ of s) n++;
  return n;
}

function alignRight(t: DataType): boolean {
  return isNumeric(t);
}

function pad(s: string, w: number, right: boolean, fill = ' '): string {
  const gap = fill.repeat(Math.max(0, w - width(s)));
  return right ? gap + s : s + gap;
}

function pretty(name: string, compact: boolean): OutputFormat {
  return {
    name,
    contentType: 'text/plain; charset=UTF-8',
    create(schema, opts): FormatWriter {
      const o = cellOptions(opts.settings, opts.timezone);
      const maxRows = opts.settings.num('output_format_pretty_max_rows');
      const rows: string[][] = [];
      let total = 0;
      const cell = new ByteBuf(256);
      return {
        header: () => EMPTY,
        batch(b) {
          const ws = cellWriters(b.columns, 'raw', o);
          const n = b.sel === null ? b.length : b.sel.length;
          for (let r = 0; r < n; r++, total++) {
            if (rows.length >= maxRows) continue;
            const i = b.sel === null ? r : b.sel[r]!;
            rows.push(ws.map((w) => {
              w(cell, i);
              const bytes = cell.take();
              return fromUtf8(bytes);
            }));
          }
          return EMPTY;
        },
        footer() {
          const names = schema.map((f) => f.name);
          const right = schema.map((f) => alignRight(f.type));
          const widths = names.map((nm, c) => rows.reduce((m, row) => Math.max(m, width(row[c]!)), width(nm)));
          const lines: string[] = [];
          const dataLine = (cells: readonly string[]): string =>
            '│ ' + cells.map((v, c) => pad(v, widths[c]!, right[c]!)).join(' │ ') + ' │';
          const rule = (l: string, h: string, m: string, r: string): string =>
            l + widths.map((w) => h.repeat(w + 2)).join(m) + r;
          if (compact) {
            lines.push('┌─' + names.map((nm, c) => pad(nm, widths[c]!, right[c]!, '─')).join('─┬─') + '─┐');
            for (const row of rows) lines.push(dataLine(row));
            lines.push(rule('└', '─', '┴', '┘'));
          } else {
            lines.push(rule('┏', '━', '┳', '┓'));
            lines.push('┃ ' + names.map((nm, c) => pad(nm, widths[c]!, right[c]!)).join(' ┃ ') + ' ┃');
            lines.push(rule('┡', '━', '╇', '┩'));
            rows.forEach((row, k) => {
              if (k > 0) lines.push(rule('├', '─', '┼', '┤'));
              lines.push(dataLine(row));
            });
            lines.push(rule('└', '─', '┴', '┘'));
          }
          if (total > rows.length) lines.push(`  Showed first ${rows.length}.`);
          const out = new ByteBuf();
          out.text(lines.join('\n') + '\n');
          return out.take();
        },
      };
    },
  };
}

/** Pretty family formats. */
export const PRETTY_FORMATS: readonly OutputFormat[] = [
  pretty('Pretty', false),
  pretty('PrettyCompact', true),
];
