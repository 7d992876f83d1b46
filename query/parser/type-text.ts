/**
 * Data type names as written in DDL and casts: `UInt32`, `Nullable(String)`, `DateTime64(3, 'UTC')`,
 * `VARCHAR(255)`, `DOUBLE PRECISION`. The parser keeps the text as written (whitespace and case
 * included); core/types `parseType` gives it meaning.
 */
import type { Cursor } from './cursor.ts';

/** Second words of the SQL type names spelled with two words. */
const TWO_WORD_TYPES: Readonly<Record<string, string>> = {
  DOUBLE: 'PRECISION',
  CHARACTER: 'VARYING',
  CHAR: 'VARYING',
  NATIONAL: 'CHARACTER',
};

/** Consume a type name with its parenthesised arguments and return its source text. */
export function parseTypeText(c: Cursor): string {
  const first = c.peek();
  if (first.kind !== 'word' && first.kind !== 'quoted') {
    c.expect('data type');
    c.fail();
  }
  c.next();
  let end = first.end;
  const second = TWO_WORD_TYPES[first.upper];
  if (second !== undefined && c.isKeyword(second)) end = c.next().end;
  if (c.isOp('(')) {
    let depth = 0;
    do {
      const t = c.next();
      if (t.kind === 'eof') { c.expect('closing round bracket'); c.fail(); }
      if (t.kind === 'op' && t.text === '(') depth++;
      if (t.kind === 'op' && t.text === ')') depth--;
      end = t.end;
    } while (depth > 0);
  }
  return c.text.slice(first.pos, end);
}
