/** The Values format: `(1,'a'),(2,'b')`, SQL literals, rows separated by commas, no trailing newline. */
import { ByteBuf } from './buffer.ts';
import { cellOptions, cellWriters } from './cells.ts';
import type { OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

/** Values output format. */
export const VALUES_FORMAT: OutputFormat = {
  name: 'Values',
  contentType: 'text/plain; charset=UTF-8',
  create(_schema, opts) {
    const o = cellOptions(opts.settings, opts.timezone);
    const out = new ByteBuf();
    let first = true;
    return {
      header: () => EMPTY,
      batch(b) {
        const ws = cellWriters(b.columns, 'quoted', o);
        const n = b.sel === null ? b.length : b.sel.length;
        for (let r = 0; r < n; r++) {
          const i = b.sel === null ? r : b.sel[r]!;
          if (!first) out.byte(0x2c);
          first = false;
          out.byte(0x28);
          for (let c = 0; c < ws.length; c++) {
            if (c > 0) out.byte(0x2c);
            ws[c]!(out, i);
          }
          out.byte(0x29);
        }
        return out.take();
      },
      footer: () => EMPTY,
    };
  },
};
