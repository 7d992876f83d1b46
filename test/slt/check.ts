/**
 * Comparing what a record expected with what the database did, and saying what differs in a form a
 * person can act on: file:line, the configuration, the SQL, then expected against actual.
 */
import type { Field, Scalar } from '../../src/core/types.ts';
import { EddyError } from '../../src/core/errors.ts';
import { typeName } from '../../src/core/types.ts';
import { letterOf, renderValue, typeMatches } from './render.ts';
import type { ErrorExpectation, SltRecord, SortMode } from './slt-file.ts';

/** The text an expected-error regex is matched against: ClickHouse's exception line. */
export function errorText(e: unknown): string {
  if (e instanceof EddyError) return `Code: ${e.code}. DB::Exception: ${e.message}. (${e.errorName})`;
  return e instanceof Error ? `${e.name}: ${e.message}` : String(e);
}

/** Result lines as the record's sort mode orders them: rows joined by spaces, or one value per line. */
export function resultLines(schema: readonly Field[], rows: readonly Scalar[][], sort: SortMode): string[] {
  const rendered = rows.map((r) => r.map((v, i) => renderValue(v, schema[i]!.type)));
  if (sort === 'valuesort') return rendered.flat().sort();
  const lines = rendered.map((r) => r.join(' '));
  return sort === 'rowsort' ? lines.sort() : lines;
}

/** Where and what: the header of every failure message. */
export function failureHeader(file: string, record: SltRecord, config: string): string {
  const sql = 'sql' in record ? `\n${record.sql.split('\n').map((l) => `    ${l}`).join('\n')}` : '';
  return `${file}:${record.line} [config ${config}] ${record.kind}${sql}`;
}

/** A failure description when an outcome does not match `error` (null when it matches). */
export function checkError(error: ErrorExpectation | null, thrown: unknown): string | null {
  if (thrown === undefined) return error === null ? null : `expected an error matching /${error.source}/, but it succeeded`;
  const text = errorText(thrown);
  if (error === null) return `unexpected error: ${text}`;
  return error.pattern.test(text) ? null : `error did not match /${error.source}/:\n    ${text}`;
}

/** A failure description when a query's result does not match the record (null when it matches). */
export function checkQuery(record: Extract<SltRecord, { kind: 'query' }>, schema: readonly Field[], rows: readonly Scalar[][]): string | null {
  const problems: string[] = [];
  if (record.types.length !== schema.length) {
    problems.push(`expected ${record.types.length} columns (${record.types}), got ${schema.length} (${schema.map((f) => letterOf(f.type)).join('')})`);
  } else {
    schema.forEach((f, i) => {
      const letter = record.types[i]!;
      if (!typeMatches(letter, f.type)) problems.push(`column ${i + 1} (${f.name}) is ${typeName(f.type)}, not ${letter}`);
    });
  }
  const actual = resultLines(schema, rows, record.sort);
  const expected = record.sort === 'nosort' ? [...record.expected] : [...record.expected].sort();
  if (actual.length !== expected.length || actual.some((l, i) => l !== expected[i])) {
    problems.push(`result differs (expected ${expected.length} lines, got ${actual.length}):\n${diffLines(expected, actual)}`);
  }
  return problems.length === 0 ? null : problems.join('\n  ');
}

/** Expected against actual, line by line: `  ` same, `- ` expected only, `+ ` actual only. */
export function diffLines(expected: readonly string[], actual: readonly string[]): string {
  const out: string[] = [];
  const n = Math.max(expected.length, actual.length);
  for (let i = 0; i < n; i++) {
    const e = expected[i];
    const a = actual[i];
    if (e === a) { out.push(`      ${e}`); continue; }
    if (e !== undefined) out.push(`    - ${e}`);
    if (a !== undefined) out.push(`    + ${a}`);
  }
  return out.join('\n');
}
