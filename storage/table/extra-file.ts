/**
 * `extra.json`: seq-tagged extra metadata committed by inserts that carried no rows (so no part holds
 * it). Written durably (tmp + fsync + rename) before the WAL records it came from are deleted.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, writeFileSynced } from '../part/durable.ts';
import type { ExtraEntries } from './extra.ts';

const FILE = 'extra.json';

/** The stored entries (empty when the file is absent or unreadable). */
export async function readExtraFile(tableDir: string): Promise<ExtraEntries> {
  try {
    const pairs = JSON.parse(await readFile(join(tableDir, FILE), 'utf8')) as [string, [number, string]][];
    return new Map(pairs.filter((p) => Array.isArray(p) && typeof p[0] === 'string' && Array.isArray(p[1])));
  } catch {
    return new Map();
  }
}

/** Durably replace the stored entries. */
export async function writeExtraFile(tableDir: string, entries: ExtraEntries): Promise<void> {
  const tmp = join(tableDir, `${FILE}.tmp`);
  await rm(tmp, { force: true });
  await writeFileSynced(tmp, new TextEncoder().encode(JSON.stringify([...entries])));
  await rename(tmp, join(tableDir, FILE));
  await fsyncDir(tableDir);
}
