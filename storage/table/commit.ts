/**
 * All-or-nothing commit of several parts (a flush or a large insert spanning partitions).
 *
 * A single part is atomic by itself (PartWriter renames tmp_<name> into place). Several parts are
 * written into `staging_<id>/` first; then `commit_<id>.json`, listing them, is written durably (tmp +
 * fsync + rename + dir fsync) — that is the commit point — and the parts are renamed into the table
 * directory. On open, {@link recoverCommits} rolls committed transactions forward and deletes staging
 * directories without a commit file, so a crash leaves either all of the parts or none.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fsyncDir, writeFileSynced } from '../part/durable.ts';
import type { StorageLogger } from '../wal/wal.ts';

const COMMIT_RE = /^commit_([A-Za-z0-9]+)\.json$/;
const STAGING_RE = /^staging_([A-Za-z0-9]+)$/;

/**
 * Run `write(dir)` to produce `count` parts and make them appear in `tableDir` atomically.
 * Resolves with the final directory of each part, in the order `write` returned them.
 */
export async function commitParts(tableDir: string, count: number,
  write: (dir: string) => Promise<readonly { dir: string }[]>): Promise<string[]> {
  if (count <= 1) return (await write(tableDir)).map((p) => p.dir);
  const staging = await openStaging(tableDir);
  let names: string[];
  try {
    names = (await write(staging.dir)).map((p) => basename(p.dir));
  } catch (e) {
    await staging.discard();
    throw e;
  }
  return staging.commit(names);
}

/** A staging directory that parts are written into over time, then committed all at once or discarded. */
export interface Staging {
  /** Where to write the parts. */
  readonly dir: string;
  /**
   * Move the parts named `names` (directories under `dir`) into the table atomically: one part by a
   * rename, several through a durable commit file. Resolves with their final directories.
   */
  commit(names: readonly string[]): Promise<string[]>;
  /** Remove the staging directory and everything in it. */
  discard(): Promise<void>;
}

/** Create `staging_<id>/` under `tableDir` (removed on open unless committed). */
export async function openStaging(tableDir: string): Promise<Staging> {
  const id = `${Date.now().toString(36)}${randomBytes(4).toString('hex')}`;
  const dir = join(tableDir, `staging_${id}`);
  await mkdir(dir);
  const discard = async (): Promise<void> => {
    await rm(dir, { recursive: true, force: true }).catch(() => {});
    await rm(join(tableDir, `commit_${id}.json.tmp`), { force: true }).catch(() => {});
  };
  const commit = async (names: readonly string[]): Promise<string[]> => {
    try {
      if (names.length === 1) {
        // one part: its rename is the commit point
        await rename(join(dir, names[0]!), join(tableDir, names[0]!));
        await fsyncDir(tableDir);
        await rm(dir, { recursive: true, force: true });
        return [join(tableDir, names[0]!)];
      }
      await fsyncDir(dir);
      const tmp = join(tableDir, `commit_${id}.json.tmp`);
      await writeFileSynced(tmp, new TextEncoder().encode(JSON.stringify(names)));
      await rename(tmp, join(tableDir, `commit_${id}.json`));
      await fsyncDir(tableDir);
    } catch (e) {
      await discard();
      throw e;
    }
    await finish(tableDir, id, names);
    return names.map((n) => join(tableDir, n));
  };
  return { dir, commit, discard };
}

/** Roll committed multi-part transactions forward and discard uncommitted staging directories. */
export async function recoverCommits(tableDir: string, logger: StorageLogger): Promise<void> {
  const entries = await readdir(tableDir);
  const committed = new Set<string>();
  for (const name of entries) {
    const m = COMMIT_RE.exec(name);
    if (m) {
      let names: string[];
      try {
        names = JSON.parse(await readFile(join(tableDir, name), 'utf8')) as string[];
      } catch {
        logger.warn(`table ${tableDir}: unreadable ${name}; ignoring it`);
        await rm(join(tableDir, name), { force: true });
        continue;
      }
      logger.info(`table ${tableDir}: completing interrupted commit of ${names.length} parts`);
      await finish(tableDir, m[1]!, names);
      committed.add(m[1]!);
    } else if (name.endsWith('.json.tmp') && name.startsWith('commit_')) {
      await rm(join(tableDir, name), { force: true });
    }
  }
  for (const name of entries) {
    const m = STAGING_RE.exec(name);
    if (m && !committed.has(m[1]!)) {
      logger.warn(`table ${tableDir}: discarding uncommitted ${name}`);
      await rm(join(tableDir, name), { recursive: true, force: true });
    }
  }
}

async function finish(tableDir: string, id: string, names: readonly string[]): Promise<void> {
  const staging = join(tableDir, `staging_${id}`);
  for (const n of names) {
    const from = join(staging, n);
    if (await exists(from)) await rename(from, join(tableDir, n));
  }
  await fsyncDir(tableDir);
  await rm(staging, { recursive: true, force: true });
  await rm(join(tableDir, `commit_${id}.json`), { force: true });
  await fsyncDir(tableDir);
}

async function exists(p: string): Promise<boolean> {
  try {
    await stat(p);
    return true;
  } catch {
    return false;
  }
}
