/**
 * A fixed list of strings stored once as UTF-8 bytes + offsets, so the generator can copy entry i
 * with two array reads and no string handling.
 *
 * Entries may not contain what ClickHouse TabSeparated escapes (tab, line feed, carriage return,
 * backspace, form feed, NUL, backslash, apostrophe) nor a double quote: every generated string is
 * built from pool entries and plain ASCII, so TSV fields need no escaping and CSV-style readers
 * (DuckDB) read them like ClickHouse does.
 */
import { utf8 } from '../../src/core/vector.ts';

/** Entry i is `bytes[offsets[i] .. offsets[i+1])`. */
export class StringPool {
  /** UTF-8 bytes of all entries, back to back. */
  readonly bytes: Uint8Array;
  /** Start of entry i (length = count + 1). */
  readonly offsets: Int32Array;
  /** Length of entry i in characters (UTF-16 code units; one per letter for Latin and Cyrillic). */
  readonly chars: Int32Array;
  /** Number of entries. */
  readonly count: number;

  /** Encode `entries` once; throws on an entry with a character that would need escaping. */
  constructor(entries: readonly string[]) {
    const bad = entries.find((e) => /[\t\n\r\b\f\0\\'"]/.test(e));
    if (bad !== undefined) throw new Error(`string pool entry needs escaping: ${JSON.stringify(bad)}`);
    this.count = entries.length;
    const encoded = entries.map((s) => utf8(s));
    this.offsets = new Int32Array(entries.length + 1);
    this.chars = new Int32Array(entries.length);
    let total = 0;
    encoded.forEach((b, i) => {
      this.offsets[i] = total;
      this.chars[i] = entries[i]!.length;
      total += b.length;
    });
    this.offsets[entries.length] = total;
    this.bytes = new Uint8Array(total);
    encoded.forEach((b, i) => this.bytes.set(b, this.offsets[i]!));
  }

  /** Byte length of entry i. */
  byteLength(i: number): number {
    return this.offsets[i + 1]! - this.offsets[i]!;
  }
}
