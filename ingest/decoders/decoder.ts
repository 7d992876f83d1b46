/**
 * The decoder contract and the driver shared by the text formats. A decoder turns a stream of bytes
 * into blocks of about 64K rows of the target columns. Text formats implement a {@link RowParser}; the
 * driver feeds it chunks, carries an incomplete last row over to the next chunk (rolling back what the
 * row had appended), counts rows (1-based, for error messages) and cuts blocks.
 */
import { EddyError } from '../../src/core/errors.ts';
import { Settings, isKnownSetting } from '../../src/core/settings.ts';
import type { Field } from '../../src/core/types.ts';
import { quoteToken } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { ColumnBuilder } from './column-builder.ts';
import { bytesText, makeBuilder } from './column-builder.ts';
import { ParseFailure } from './parse-bytes.ts';

/** Decoded rows of the target columns, in target order. */
export interface DecodedBlock {
  columns: Vector[];
  rowCount: number;
}

/** Settings as a validated {@link Settings} or a plain record (unknown names are ignored there). */
export type DecoderSettings = Settings | Readonly<Record<string, unknown>>;

/** A format decoder. */
export type Decoder = (input: AsyncIterable<Uint8Array>, columns: readonly Field[], settings?: DecoderSettings)
  => AsyncIterable<DecodedBlock>;

/** Rows per block. */
export const BLOCK_ROWS = 65536;

/** Read decoder settings from either form. */
export function toSettings(s: DecoderSettings | undefined): Settings {
  if (s instanceof Settings) return s;
  const known: Record<string, string | number | boolean | bigint> = {};
  for (const [k, v] of Object.entries(s ?? {})) {
    if (isKnownSetting(k) && (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint')) known[k] = v;
  }
  return new Settings(known);
}

/** Builders of the target columns plus row counting and error reporting for one decode. */
export class DecodeState {
  readonly builders: ColumnBuilder[];
  /** Rows completed in earlier blocks. */
  private done = 0;
  readonly settings: Settings;

  constructor(readonly format: string, readonly columns: readonly Field[], settings: DecoderSettings | undefined) {
    this.settings = toSettings(settings);
    const opts = this.builderOptions;
    this.builders = columns.map((f) => makeBuilder(f, opts, BLOCK_ROWS));
  }

  /** Complete rows in the current block. */
  private completed = 0;

  /** Complete rows in the current block. */
  get rows(): number {
    return this.completed;
  }

  /** 1-based number of the row being parsed, across blocks. */
  get rowNumber(): number {
    return this.done + this.rows + 1;
  }

  /** Mark the row being parsed as complete. */
  countRow(): void {
    this.completed++;
  }

  /** Mark `n` rows parsed in bulk as complete. */
  countRows(n: number): void {
    this.completed += n;
  }

  /** Drop what the row being parsed has appended. */
  rollback(): void {
    for (const b of this.builders) b.truncate(this.completed);
  }

  /** True when the current block should be yielded. */
  full(): boolean {
    return this.rows >= BLOCK_ROWS;
  }

  /** Options for builders made outside the state (Arrow's slow path). */
  get builderOptions(): { nullAsDefault: boolean; timezone: string } {
    return { nullAsDefault: this.settings.bool('input_format_null_as_default'), timezone: this.settings.str('session_timezone') || 'UTC' };
  }

  /** The current block; builders start over. */
  flush(): DecodedBlock {
    const rowCount = this.rows;
    this.done += rowCount;
    this.completed = 0;
    return { columns: this.builders.map((b) => b.finish()), rowCount };
  }

  /** Append text to column c, reporting a parse failure with row, column and value. */
  text(c: number, b: Uint8Array, s: number, e: number): void {
    try {
      this.builders[c]!.appendText(b, s, e);
    } catch (err) {
      throw this.valueError(c, bytesText(b, s, e), err);
    }
  }

  /** Append NULL to column c (or its default), reporting a non-Nullable column. */
  nullValue(c: number): void {
    try {
      this.builders[c]!.appendNull();
    } catch (err) {
      throw this.valueError(c, 'NULL', err);
    }
  }

  /** The error for a value that does not parse (at the current row unless `row` is given). */
  valueError(c: number, value: string, err: unknown, row = this.rowNumber): EddyError {
    if (!(err instanceof ParseFailure)) return err instanceof EddyError ? err : new EddyError('CANNOT_PARSE_TEXT', String(err));
    const f = this.columns[c]!;
    const shown = value.length > 100 ? value.slice(0, 100) + '...' : value;
    return new EddyError('CANNOT_PARSE_TEXT',
      `Cannot parse input: value ${quoteToken(shown)} is not ${err.expected}, in column ${quoteToken(f.name)} at row ${row} of ${this.format} data`);
  }

  /** A structural error at the current row. */
  error(message: string, name: 'INCORRECT_DATA' | 'CANNOT_PARSE_INPUT_ASSERTION_FAILED' | 'CANNOT_PARSE_TEXT' = 'INCORRECT_DATA'): EddyError {
    return new EddyError(name, `${message} at row ${this.rowNumber} of ${this.format} data`);
  }
}

/** A short quoted excerpt of the input at p (up to 20 bytes, stopping at a line end), for errors. */
export function preview(b: Uint8Array, p: number): string {
  let e = p;
  while (e < b.length && e < p + 20 && b[e] !== 0x0a && b[e] !== 0x0d) e++;
  return e === p ? 'end of line' : quoteToken(bytesText(b, p, e));
}

/** One text format: skips separators between rows and parses one row at a time. */
export interface RowParser {
  /** Called once before the first row with the buffer (header lines); returns the position after them or -1 for more. */
  prologue?(buf: Uint8Array, p: number, final: boolean): number;
  /** Position of the next row's first byte at or after p (buf.length when there is none yet). */
  skip(buf: Uint8Array, p: number, final: boolean): number;
  /** Parse the row starting at p into the state's builders; the position after it, or -1 when it is incomplete. */
  row(buf: Uint8Array, p: number, final: boolean): number;
  /**
   * Optional bulk path: parse up to `max` complete, plain rows starting at p (counting them in the
   * state) and return the position after them; p when the next row needs {@link row}.
   */
  rows?(buf: Uint8Array, p: number, max: number): number;
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.length + b.length);
  out.set(a, 0);
  out.set(b, a.length);
  return out;
}

/** Run a row parser over a byte stream, yielding blocks. */
export async function* runText(input: AsyncIterable<Uint8Array>, st: DecodeState, parser: RowParser): AsyncIterable<DecodedBlock> {
  let carry: Uint8Array | null = null;
  let started = parser.prologue === undefined;
  const step = (buf: Uint8Array, final: boolean, out: DecodedBlock[]): number => {
    let p = 0;
    if (!started) {
      const q = parser.prologue!(buf, 0, final);
      if (q < 0) return 0;
      started = true;
      p = q;
    }
    for (;;) {
      p = parser.skip(buf, p, final);
      if (p >= buf.length) return p;
      if (parser.rows !== undefined) {
        const q = parser.rows(buf, p, BLOCK_ROWS - st.rows);
        if (q > p) {
          p = q;
          if (st.full()) out.push(st.flush());
          continue;
        }
      }
      const next = parser.row(buf, p, final);
      if (next < 0) {
        st.rollback();
        if (final) throw st.error('Unexpected end of data while parsing a row', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
        return p;
      }
      st.countRow();
      p = next;
      if (st.full()) out.push(st.flush());
    }
  };
  const out: DecodedBlock[] = [];
  for await (const chunk of input) {
    if (chunk.length === 0) continue;
    // plain Uint8Array views (not Buffer) keep the parsers' byte loads monomorphic
    const buf: Uint8Array = carry ? concat(carry, chunk) : new Uint8Array(chunk.buffer, chunk.byteOffset, chunk.length);
    const p = step(buf, false, out);
    carry = p < buf.length ? buf.slice(p) : null;
    while (out.length > 0) yield out.shift()!;
  }
  if (carry || !started) {
    const buf = carry ?? new Uint8Array(0);
    if (!started) {
      started = true;
      const q = parser.prologue!(buf, 0, true);
      if (q < 0) throw st.error('Unexpected end of data in the header', 'CANNOT_PARSE_INPUT_ASSERTION_FAILED');
      carry = buf.subarray(q);
    }
    step(carry ?? buf, true, out);
    while (out.length > 0) yield out.shift()!;
  }
  if (st.rows > 0) yield st.flush();
}
