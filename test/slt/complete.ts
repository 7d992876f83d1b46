/**
 * SLT_COMPLETE=1: rewrite a file's query results with what the database returned (sqllogictest's
 * `--complete`), for writing new tests. Review the diff before committing: it records what Eddy does,
 * not what is right.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { letterOf } from './render.ts';
import { parseSlt } from './slt-file.ts';
import type { SltRun } from './runner.ts';

/** Rewrite the expected output (and column letters) of every query record that produced a result. */
export async function completeSltFile(path: string, run: SltRun): Promise<void> {
  const text = await readFile(path, 'utf8');
  const lines = text.split('\n');
  const byLine = new Map([...run.actual].map(([r, a]) => [r.line, a]));
  const records = parseSlt(text, path).filter((r) => r.kind === 'query' && byLine.has(r.line));
  for (const r of records.reverse()) {
    if (r.kind !== 'query') continue;
    const actual = byLine.get(r.line)!;
    const header = ['query', actual.schema.map((f) => letterOf(f.type)).join(''), ...(r.sort === 'nosort' ? [] : [r.sort])].join(' ');
    const replacement = [header, ...r.sql.split('\n'), '----', ...actual.lines];
    lines.splice(r.line - 1, r.endLine - r.line + 1, ...replacement);
  }
  await writeFile(path, lines.join('\n'));
}
