/**
 * The parser's view of the token stream: lookahead, keyword and operator matching, and the
 * bookkeeping behind "Expected one of: ..." — every failed match records what it wanted at the current
 * token, so an error lists all the alternatives that were tried there (ClickHouse's `Expected`).
 */
import { Lexer, type Token } from './lexer.ts';
import { syntaxError } from './syntax-error.ts';
import type { EddyError } from '../../src/core/errors.ts';

/** A position in the token stream with lookahead over a lazily-lexed buffer. */
export class Cursor {
  private readonly lexer: Lexer;
  private readonly buffer: Token[] = [];
  /** Index (in tokens consumed so far) of the current token. */
  private index = 0;
  private expectedAt = -1;
  private expectedNames: string[] = [];

  constructor(readonly text: string, start = 0) {
    this.lexer = new Lexer(text, start);
  }

  /** The token `k` places ahead (0 = current). */
  peek(k = 0): Token {
    while (this.buffer.length <= k) this.buffer.push(this.lexer.next());
    return this.buffer[k]!;
  }

  /** Consume and return the current token. */
  next(): Token {
    const t = this.peek();
    this.buffer.shift();
    this.index++;
    return t;
  }

  /**
   * True when the text ended inside a token, or the current token reaches the end of the text (a word
   * that may continue, or the end itself): more text might make the statement valid.
   */
  get truncated(): boolean {
    const t = this.buffer[0];
    return this.lexer.truncated || (t !== undefined && t.end >= this.text.length);
  }

  /** True at the end of the text. */
  atEnd(): boolean {
    return this.peek().kind === 'eof';
  }

  /** Note that `name` would have been accepted at the current token. */
  expect(name: string): void {
    if (this.index > this.expectedAt) {
      this.expectedAt = this.index;
      this.expectedNames = [];
    }
    if (this.index === this.expectedAt) this.expectedNames.push(name);
  }

  /** True when the token `k` ahead is the keyword `word` (case-insensitive). Records the expectation for k = 0. */
  isKeyword(word: string, k = 0): boolean {
    const t = this.peek(k);
    if (t.kind === 'word' && t.upper === word) return true;
    if (k === 0) this.expect(word);
    return false;
  }

  /** Consume the keyword sequence `words` (e.g. 'GROUP', 'BY') if it is next. */
  acceptKeyword(...words: string[]): boolean {
    for (let k = 0; k < words.length; k++) {
      const t = this.peek(k);
      if (t.kind !== 'word' || t.upper !== words[k]) {
        this.expect(words.join(' '));
        return false;
      }
    }
    for (const _ of words) this.next();
    return true;
  }

  /** Consume the keyword sequence `words` or fail. */
  expectKeyword(...words: string[]): Token {
    const t = this.peek();
    if (!this.acceptKeyword(...words)) this.fail();
    return t;
  }

  /** True when the token `k` ahead is the operator `op`. Records the expectation for k = 0. */
  isOp(op: string, k = 0): boolean {
    const t = this.peek(k);
    if (t.kind === 'op' && t.text === op) return true;
    if (k === 0) this.expect(opName(op));
    return false;
  }

  /** Consume the operator `op` if it is next. */
  acceptOp(op: string): boolean {
    if (!this.isOp(op)) return false;
    this.next();
    return true;
  }

  /** Consume the operator `op` or fail. */
  expectOp(op: string): Token {
    const t = this.peek();
    if (!this.acceptOp(op)) this.fail();
    return t;
  }

  /** True when the current token can be an identifier: any bare word or a quoted identifier. */
  isIdentifier(k = 0): boolean {
    const t = this.peek(k);
    return t.kind === 'word' || t.kind === 'quoted';
  }

  /** Consume an identifier (bare words may be keywords: the grammar decides where that is allowed). */
  expectIdentifier(what = 'identifier'): string {
    const t = this.peek();
    if (t.kind === 'word') { this.next(); return t.text; }
    if (t.kind === 'quoted') { this.next(); return t.value as string; }
    this.expect(what);
    return this.fail();
  }

  /** Throw a syntax error at the current token listing what was expected there. */
  fail(reason?: string): never {
    throw this.error(reason);
  }

  /** A syntax error at the current token (see {@link fail}). */
  error(reason?: string): EddyError {
    const t = this.peek();
    const expected = this.expectedAt === this.index ? this.expectedNames : [];
    return syntaxError(this.text, t.pos, reason, expected, t.kind === 'eof' ? '' : t.text);
  }
}

/** ClickHouse's names for punctuation in "Expected" lists. */
function opName(op: string): string {
  switch (op) {
    case '(': return 'opening round bracket';
    case ')': return 'closing round bracket';
    case '[': return 'opening square bracket';
    case ']': return 'closing square bracket';
    case ',': return 'comma';
    case ';': return 'semicolon';
    case '.': return 'dot';
    case '=': return 'equals sign';
    default: return `'${op}'`;
  }
}
