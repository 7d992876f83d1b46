/**
 * Temporary directories for one test file, removed when the file's tests have run, so repeated test
 * runs do not fill /tmp.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const made: string[] = [];

afterAll(() => {
  for (const d of made.splice(0)) rmSync(d, { recursive: true, force: true });
});

/** A fresh empty directory under the OS temp dir named `eddy-<prefix>-XXXXXX`, removed after the file's tests. */
export function tempDir(prefix: string): string {
  const d = mkdtempSync(join(tmpdir(), `eddy-${prefix}-`));
  made.push(d);
  return d;
}
