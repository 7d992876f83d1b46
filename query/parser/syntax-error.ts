/**
 * Syntax errors in ClickHouse's words, so clients and people recognise them:
 * `Syntax error: failed at position 15 (line 1, col 15) ('FORM'): FORM bar. Expected one of: FROM, ...`
 * Positions are 1-based; the failing token is quoted; the unparsed rest of the text follows.
 */
import { EddyError } from '../../src/core/errors.ts';

/** How much of the unparsed rest of the text an error message shows (ClickHouse shows 160 chars). */
const SHOW_CHARS = 160;

/** 1-based line and column of a 0-based offset. */
export function lineAndColumn(text: string, offset: number): { line: number; col: number } {
  let line = 1;
  let lineStart = 0;
  for (let i = text.indexOf('\n'); i >= 0 && i < offset; i = text.indexOf('\n', i + 1)) {
    line++;
    lineStart = i + 1;
  }
  return { line, col: offset - lineStart + 1 };
}

/**
 * A SYNTAX_ERROR at `offset` of `text`. `reason` (optional) goes in parentheses after "Syntax error",
 * as ClickHouse does for "Multi-statements are not allowed"; `expected` lists what would have been
 * accepted there; `token` is the failing token's text (default: the word at `offset`).
 */
export function syntaxError(text: string, offset: number, reason: string | undefined, expected: readonly string[],
  token?: string): EddyError {
  const { line, col } = lineAndColumn(text, offset);
  const rest = text.slice(offset);
  const tok = token ?? /^\S{0,40}/.exec(rest)![0];
  const where = offset >= text.length || rest.trim() === '' ? 'end of query' : `'${tok}'`;
  const shown = rest.length > SHOW_CHARS ? `${rest.slice(0, SHOW_CHARS)}...` : rest;
  const unique = [...new Set(expected)];
  const wanted = unique.length === 0 ? '' : unique.length === 1 ? ` Expected ${unique[0]}.` : ` Expected one of: ${unique.join(', ')}.`;
  const head = reason === undefined ? 'Syntax error' : `Syntax error (${reason})`;
  return new EddyError('SYNTAX_ERROR', `${head}: failed at position ${offset + 1} (line ${line}, col ${col}) (${where}): ${shown}.${wanted}`);
}
