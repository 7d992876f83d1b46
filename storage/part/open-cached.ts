/**
 * Parts opened by directory, kept across queries: a worker thread is told only a part's directory, and
 * reading and verifying a big part's metadata (megabytes of per-granule statistics; the columns a query
 * uses are then decoded once) costs more than a hot scan of a few of its columns. An entry is reused while the metadata file is the same file (inode, size,
 * modification time); parts are immutable, so that is the part.
 */
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { ColumnCache } from './cache.ts';
import { META_FILE } from './metadata.ts';
import { PartReader } from './reader.ts';

interface Entry {
  readonly id: string;
  readonly reader: Promise<PartReader>;
}

const MAX_OPEN = 1024;
const opened = new Map<string, Entry>();

/** The part in `dir`, from the process-wide set of opened parts or opened now with `cache`. */
export async function openPartCached(dir: string, cache: ColumnCache): Promise<PartReader> {
  let id: string;
  try {
    const s = await stat(join(dir, META_FILE));
    id = `${s.ino}:${s.size}:${s.mtimeMs}`;
  } catch {
    return PartReader.open(dir, cache); // reports the missing part as open() does
  }
  const hit = opened.get(dir);
  if (hit !== undefined && hit.id === id) {
    opened.delete(dir);
    opened.set(dir, hit); // most recently used last
    return hit.reader;
  }
  const reader = PartReader.open(dir, cache);
  opened.set(dir, { id, reader });
  reader.catch(() => { if (opened.get(dir)?.reader === reader) opened.delete(dir); });
  for (const k of opened.keys()) {
    if (opened.size <= MAX_OPEN) break;
    opened.delete(k);
  }
  return reader;
}
