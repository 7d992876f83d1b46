/**
 * Runs one .slt file against a fresh Database in a temporary directory under one configuration and
 * returns every failure (the run goes on after a failure, as sqllogictest does, so one run shows all).
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Database } from '../../src/database.ts';
import type { Field, Scalar } from '../../src/core/types.ts';
import { checkError, checkQuery, errorText, failureHeader, resultLines } from './check.ts';
import type { SltConfig } from './configs.ts';
import { parseSlt, type SltRecord } from './slt-file.ts';

/** What a run produced: failure messages, and each successful query's actual output (for SLT_COMPLETE). */
export interface SltRun {
  readonly failures: string[];
  readonly actual: Map<SltRecord, { schema: readonly Field[]; lines: string[] }>;
}

/** Run the .slt file at `path` (shown as `name` in messages) under `config`. */
export async function runSltFile(path: string, name: string, config: SltConfig): Promise<SltRun> {
  const records = parseSlt(await readFile(path, 'utf8'), name);
  const dataDir = await mkdtemp(join(tmpdir(), 'eddy-slt-'));
  const open = (): Promise<Database> => Database.open({ ...config.open, dataDir, ...(config.settings ? { settings: config.settings } : {}) });
  const opts = config.settings ? { settings: config.settings } : {};
  const run: SltRun = { failures: [], actual: new Map() };
  let db: Database | undefined;
  try {
    db = await open();
    for (const r of records) {
      const fail = (msg: string): void => { run.failures.push(`${failureHeader(name, r, config.name)}\n  ${msg}`); };
      switch (r.kind) {
        case 'flush': await db.flush(); continue;
        case 'merge': await db.mergeAll(); continue;
        case 'restart': await db.close(); db = undefined; db = await open(); continue;
        case 'statement': {
          const problem = checkError(r.error, await attempt(() => db!.query(r.sql, opts)));
          if (problem) fail(problem);
          break;
        }
        case 'query': {
          let result: { schema: readonly Field[]; rows: Scalar[][] } | undefined;
          const thrown = await attempt(async () => { result = await db!.query(r.sql, opts); });
          if (r.error !== null || thrown !== undefined) {
            const problem = checkError(r.error, thrown);
            if (problem) fail(problem);
            break;
          }
          const { schema, rows } = result!;
          run.actual.set(r, { schema, lines: resultLines(schema, rows, r.sort) });
          const problem = checkQuery(r, schema, rows);
          if (problem) fail(problem);
          break;
        }
      }
      if (config.afterEach === 'flush') await db.flush();
      if (config.afterEach === 'restart') { await db.close(); db = undefined; db = await open(); }
    }
  } catch (e) {
    run.failures.push(`${name} [config ${config.name}]: the run stopped: ${errorText(e)}`);
  } finally {
    await db?.close();
    await rm(dataDir, { recursive: true, force: true });
  }
  return run;
}

/** Run `fn`; return what it threw, or undefined when it did not throw. */
async function attempt(fn: () => Promise<unknown>): Promise<unknown> {
  try {
    await fn();
    return undefined;
  } catch (e) {
    return e ?? new Error('undefined was thrown');
  }
}
