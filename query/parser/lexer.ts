/**
 * The SQL lexer: turns statement text into tokens on demand, one at a time, so a parser can stop in
 * the middle of a text (an INSERT's inline data is never tokenized).
 *
 * Follows ClickHouse's lexer: bare words (keywords and identifiers alike — the parser decides),
 * identifiers quoted with backquotes or double quotes, strings in single quotes with ClickHouse's
 * escapes, numbers (decimal, exponent, hex `0x`, binary `0b`; integers beyond 2^53 become bigints),
 * comments (`--`, `#`, nested `/* *\/`) and the operators of the dialect.
 */
import { syntaxError } from './syntax-error.ts';

/** What a token is. Keywords are `word`s: the parser decides which words are keywords where. */
export type TokenKind = 'word' | 'quoted' | 'string' | 'number' | 'op' | 'eof';

/** One token with its place in the text. */
export interface Token {
  readonly kind: TokenKind;
  /** Offset of the first character (0-based). */
  readonly pos: number;
  /** Offset just past the last character. */
  readonly end: number;
  /** The source text of the token (for `op`, the operator itself; for `eof`, empty). */
  readonly text: string;
  /** Upper-cased text of a `word`, for keyword comparison. */
  readonly upper: string;
  /** The decoded value: unescaped string / quoted identifier, or the number. */
  readonly value?: string | number | bigint;
  /** For numbers: written with a decimal point or exponent. */
  readonly isFloat?: boolean;
}

const OPERATORS = ['::', '||', '<>', '!=', '==', '->', '<=', '>=', '<', '>', '=', '+', '-', '*', '/', '%',
  '(', ')', '[', ']', '{', '}', ',', ';', '.', ':', '?'];

/** Tokens after which a `.` starts a member access rather than a number like `.5`. */
const ENDS_OPERAND = new Set(['word', 'quoted', 'number', 'string']);

function isWordStart(c: number): boolean {
  return (c >= 65 && c <= 90) || (c >= 97 && c <= 122) || c === 95 || c >= 128;
}

function isWordPart(c: number): boolean {
  return isWordStart(c) || isDigit(c) || c === 36; // `$` as in ClickHouse identifiers
}

function isDigit(c: number): boolean {
  return c >= 48 && c <= 57;
}

function isSpace(c: number): boolean {
  return c === 32 || c === 9 || c === 10 || c === 13 || c === 12 || c === 11;
}

const SIMPLE_ESCAPES: Record<string, string> = {
  a: '\x07', b: '\b', e: '\x1b', f: '\f', n: '\n', r: '\r', t: '\t', v: '\v', '0': '\0',
};

/** Escaped characters that lose their backslash; any other unknown escape keeps it (`'\.'` is `\.`). */
const DROPS_BACKSLASH = new Set(['\\', "'", '"', '`', '/', '=']);

/** Decode the body of a quoted string or identifier with ClickHouse's escape rules. */
function unescape(body: string, quote: string, pos: number, text: string): string {
  if (!body.includes('\\') && !body.includes(quote + quote)) return body;
  let out = '';
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (ch === quote) { out += quote; i++; continue; } // doubled quote
    if (ch !== '\\') { out += ch; continue; }
    const next = body[i + 1];
    if (next === undefined) break;
    i++;
    if (next === 'x' || next === 'X') {
      const hex = body.slice(i + 1, i + 3);
      if (!/^[0-9a-fA-F]{2}$/.test(hex)) throw syntaxError(text, pos, 'Cannot parse escape sequence', ['hex escape']);
      out += String.fromCharCode(parseInt(hex, 16));
      i += 2;
      continue;
    }
    const simple = SIMPLE_ESCAPES[next];
    if (simple !== undefined) { out += simple; continue; }
    if (!DROPS_BACKSLASH.has(next) && next.charCodeAt(0) >= 32) out += '\\';
    out += next;
  }
  return out;
}

/** Parse integer text (decimal, or with radix prefix) into a number, or a bigint beyond 2^53. */
function integerValue(digits: string): number | bigint {
  const big = BigInt(digits);
  return big <= BigInt(Number.MAX_SAFE_INTEGER) ? Number(big) : big;
}

/** Produces tokens from `text`, starting at an offset; skips whitespace and comments. */
export class Lexer {
  private offset: number;
  private prev: TokenKind | 'closer' | 'dot' | null = null;
  /** Set when a string, quoted identifier or comment runs off the end of the text (more text may complete it). */
  truncated = false;

  constructor(readonly text: string, start = 0) {
    this.offset = start;
  }

  /** Offset where the next token (or whitespace before it) begins. */
  get position(): number {
    return this.offset;
  }

  /** The next token; `eof` at the end (repeatedly). */
  next(): Token {
    this.skipBlanks();
    const t = this.scan();
    this.offset = t.end;
    this.prev = t.kind !== 'op' ? t.kind : t.text === ')' || t.text === ']' ? 'closer' : t.text === '.' ? 'dot' : 'op';
    return t;
  }

  private skipBlanks(): void {
    const s = this.text;
    for (;;) {
      const c = s.charCodeAt(this.offset);
      if (isSpace(c)) { this.offset++; continue; }
      if ((c === 45 && s.charCodeAt(this.offset + 1) === 45) || c === 35) { // -- or #
        const nl = s.indexOf('\n', this.offset);
        this.offset = nl < 0 ? s.length : nl + 1;
        continue;
      }
      if (c === 47 && s.charCodeAt(this.offset + 1) === 42) { this.skipBlockComment(); continue; }
      return;
    }
  }

  private skipBlockComment(): void {
    const s = this.text;
    const start = this.offset;
    let depth = 0;
    let i = start;
    while (i < s.length) {
      if (s.startsWith('/*', i)) { depth++; i += 2; continue; }
      if (s.startsWith('*/', i)) {
        depth--; i += 2;
        if (depth === 0) { this.offset = i; return; }
        continue;
      }
      i++;
    }
    this.truncated = true;
    throw syntaxError(s, start, 'Unterminated multiline comment', ['end of comment']);
  }

  private scan(): Token {
    const s = this.text;
    const pos = this.offset;
    if (pos >= s.length) return { kind: 'eof', pos: s.length, end: s.length, text: '', upper: '' };
    const c = s.charCodeAt(pos);
    if (isWordStart(c)) {
      let i = pos + 1;
      while (i < s.length && isWordPart(s.charCodeAt(i))) i++;
      const text = s.slice(pos, i);
      return { kind: 'word', pos, end: i, text, upper: text.toUpperCase() };
    }
    if (isDigit(c) || (c === 46 && isDigit(s.charCodeAt(pos + 1)) && !this.afterOperand())) return this.number(pos);
    if (c === 39) return this.quoted(pos, "'", 'string');
    if (c === 96) return this.quoted(pos, '`', 'quoted');
    if (c === 34) return this.quoted(pos, '"', 'quoted');
    for (const op of OPERATORS) {
      if (s.startsWith(op, pos)) return { kind: 'op', pos, end: pos + op.length, text: op, upper: op };
    }
    throw syntaxError(s, pos, 'Unrecognized token', ['token']);
  }

  /** In `t.1` or `x.1.2`, `.1` is member access, not the number 0.1. */
  private afterOperand(): boolean {
    return this.prev === 'closer' || (this.prev !== null && ENDS_OPERAND.has(this.prev));
  }

  private number(pos: number): Token {
    const s = this.text;
    const prefixed = /^0([xX][0-9a-fA-F]+|[bB][01]+)/.exec(s.slice(pos, pos + 80));
    let end: number;
    let value: number | bigint;
    let isFloat = false;
    if (prefixed) {
      end = pos + prefixed[0].length;
      value = integerValue(prefixed[0].toLowerCase());
    } else if (this.prev === 'dot') { // `x.1.2` is two tuple accesses, not x . 1.2
      end = pos;
      while (isDigit(s.charCodeAt(end))) end++;
      value = integerValue(s.slice(pos, end));
    } else {
      const m = /^(\d*)(\.\d*)?([eE][+-]?\d+)?/.exec(s.slice(pos))!;
      end = pos + m[0].length;
      isFloat = m[2] !== undefined || m[3] !== undefined;
      value = isFloat ? Number(m[0]) : integerValue(m[1]!);
    }
    if (end < s.length && isWordPart(s.charCodeAt(end))) {
      throw syntaxError(s, pos, 'Wrong number', ['number']);
    }
    const text = s.slice(pos, end);
    return { kind: 'number', pos, end, text, upper: text, value, ...(isFloat ? { isFloat } : {}) };
  }

  private quoted(pos: number, quote: string, kind: 'string' | 'quoted'): Token {
    const s = this.text;
    let i = pos + 1;
    for (;;) {
      if (i >= s.length) {
        this.truncated = true;
        throw syntaxError(s, pos, kind === 'string' ? 'Unterminated string literal' : 'Unterminated quoted identifier',
          [kind === 'string' ? 'string literal' : 'quoted identifier']);
      }
      const ch = s[i];
      if (ch === '\\') { i += 2; continue; }
      if (ch === quote) {
        if (s[i + 1] === quote) { i += 2; continue; }
        break;
      }
      i++;
    }
    const text = s.slice(pos, i + 1);
    const value = unescape(s.slice(pos + 1, i), quote, pos, s);
    if (kind === 'quoted' && value === '') throw syntaxError(s, pos, 'Empty quoted identifier', ['identifier']);
    return { kind, pos, end: i + 1, text, upper: text, value };
  }
}
