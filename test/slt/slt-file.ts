/**
 * Reading `.slt` files (sqllogictest's format, as DataFusion's sqllogictest-rs writes it) into records.
 * The format is described in test/sql/README.md. Records are separated by blank lines; `#` lines between
 * records are comments.
 */

/** How a query's result rows are ordered before comparison. */
export type SortMode = 'nosort' | 'rowsort' | 'valuesort';

/** One record of an .slt file. */
export type SltRecord =
  | { readonly kind: 'statement'; readonly line: number; readonly sql: string; readonly error: ErrorExpectation | null }
  | {
      readonly kind: 'query'; readonly line: number; readonly sql: string; readonly error: ErrorExpectation | null;
      /** Column type letters: I integer, R float, T string, B bool, D date/time, ? anything. */
      readonly types: string; readonly sort: SortMode;
      /** Expected output lines (after `----`). */
      readonly expected: readonly string[];
      /** 1-based line numbers of the first and last line of the record (for rewriting it). */
      readonly endLine: number;
    }
  | { readonly kind: 'flush' | 'merge' | 'restart'; readonly line: number };

/** An expected error: a regex over `Code: <n>. DB::Exception: <message>. (<NAME>)`; empty matches any error. */
export interface ErrorExpectation {
  readonly pattern: RegExp;
  readonly source: string;
}

/** A malformed .slt file. */
export class SltSyntaxError extends Error {
  constructor(file: string, line: number, message: string) {
    super(`${file}:${line}: ${message}`);
    this.name = 'SltSyntaxError';
  }
}

const TYPE_LETTERS = /^[IRTBD?]+$/;

/** Parse the text of an .slt file; `file` names it in errors. */
export function parseSlt(text: string, file: string): SltRecord[] {
  const lines = text.split('\n').map((l) => l.replace(/\r$/, ''));
  const records: SltRecord[] = [];
  let i = 0;
  const blank = (k: number): boolean => k >= lines.length || lines[k]!.trim() === '';
  while (i < lines.length) {
    const headerLine = lines[i]!;
    const header = headerLine.trim();
    if (header === '' || header.startsWith('#')) { i++; continue; }
    const line = i + 1;
    const words = header.split(/\s+/);
    const verb = words[0]!;
    i++;
    if (verb === 'flush' || verb === 'merge' || verb === 'restart') {
      if (words.length > 1) throw new SltSyntaxError(file, line, `'${verb}' takes no arguments`);
      records.push({ kind: verb, line });
      continue;
    }
    if (verb === 'hash-threshold') continue;
    if (verb !== 'statement' && verb !== 'query') throw new SltSyntaxError(file, line, `unknown record type '${verb}'`);
    const sqlLines: string[] = [];
    while (!blank(i) && lines[i] !== '----') sqlLines.push(lines[i++]!);
    if (sqlLines.length === 0) throw new SltSyntaxError(file, line, `'${verb}' without SQL`);
    const sql = sqlLines.join('\n');
    const mode = words[1];
    if (mode === 'error') {
      const source = header.slice(header.indexOf('error') + 'error'.length).trim();
      const error = { pattern: new RegExp(source), source };
      if (lines[i] === '----') throw new SltSyntaxError(file, i + 1, 'an expected error has no result block');
      records.push(verb === 'statement'
        ? { kind: 'statement', line, sql, error }
        : { kind: 'query', line, sql, error, types: '', sort: 'nosort', expected: [], endLine: i });
      continue;
    }
    if (verb === 'statement') {
      if (mode !== 'ok' || words.length > 2) throw new SltSyntaxError(file, line, "expected 'statement ok' or 'statement error <regex>'");
      if (lines[i] === '----') throw new SltSyntaxError(file, i + 1, "'statement' has no result block (use 'query')");
      records.push({ kind: 'statement', line, sql, error: null });
      continue;
    }
    const types = mode ?? '';
    if (!TYPE_LETTERS.test(types)) throw new SltSyntaxError(file, line, `bad column types '${types}' (letters I R T B D ?)`);
    const sort = (words[2] ?? 'nosort') as SortMode;
    if (sort !== 'nosort' && sort !== 'rowsort' && sort !== 'valuesort') {
      throw new SltSyntaxError(file, line, `unknown sort mode '${sort}'`);
    }
    if (words.length > 3) throw new SltSyntaxError(file, line, `unexpected '${words.slice(3).join(' ')}'`);
    const expected: string[] = [];
    if (lines[i] === '----') {
      i++;
      while (!blank(i)) expected.push(lines[i++]!.trimEnd());
    }
    records.push({ kind: 'query', line, sql, error: null, types, sort, expected, endLine: i });
  }
  return records;
}
