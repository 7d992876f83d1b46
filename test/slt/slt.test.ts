/**
 * The .slt corpus under test/sql/<area>/*.slt, run under every configuration of configs.ts.
 * SLT_CONFIG=name[,name] picks configurations, SLT_FILE=substring picks files,
 * SLT_COMPLETE=1 rewrites expected results from the default configuration's run.
 */
import { readdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'vitest';
import { completeSltFile } from './complete.ts';
import { selectConfigs } from './configs.ts';
import { runSltFile } from './runner.ts';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SQL_DIR = join(ROOT, 'test', 'sql');

function sltFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true, recursive: true })
    .filter((e) => e.isFile() && e.name.endsWith('.slt'))
    .map((e) => join(e.parentPath, e.name))
    .sort();
}

const filter = process.env['SLT_FILE'];
const files = sltFiles(SQL_DIR).filter((f) => filter === undefined || f.includes(filter));
const complete = process.env['SLT_COMPLETE'] === '1';

describe.each(selectConfigs(complete ? 'default' : process.env['SLT_CONFIG']))('slt [$name]', (config) => {
  for (const file of files) {
    const name = relative(ROOT, file);
    it(name, async () => {
      const run = await runSltFile(file, name, config);
      if (complete) await completeSltFile(file, run);
      else if (run.failures.length > 0) throw new Error(`${run.failures.length} failure(s)\n\n${run.failures.join('\n\n')}`);
    });
  }
});
