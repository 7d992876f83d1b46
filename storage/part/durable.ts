/**
 * Durable file-system steps of a part commit: write-and-fsync, directory fsync, best-effort cleanup,
 * and the translation of file-system errors into EddyErrors that say what could not be written.
 */
import { open, rm } from 'node:fs/promises';
import { EddyError, toEddyError } from '../../src/core/errors.ts';

/** fsync a directory so a rename or new entry in it survives a crash. */
export async function fsyncDir(dir: string): Promise<void> {
  const fh = await open(dir, 'r');
  try {
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Write `data` to a new file `path` and fsync it. */
export async function writeFileSynced(path: string, data: Uint8Array): Promise<void> {
  const fh = await open(path, 'wx');
  try {
    let pos = 0;
    while (pos < data.length) {
      const { bytesWritten } = await fh.write(data, pos, data.length - pos, pos);
      pos += bytesWritten;
    }
    await fh.sync();
  } finally {
    await fh.close();
  }
}

/** Remove a directory tree, ignoring every error (cleanup after a failed write). */
export async function removeQuietly(dir: string): Promise<void> {
  try {
    await rm(dir, { recursive: true, force: true });
  } catch {
    // best effort: a leftover tmp_ directory is ignored by readers and removed on the next attempt
  }
}

/**
 * A file-system error met while writing `what` (e.g. "part all_1_1_0") as an EddyError: ENOSPC/EDQUOT →
 * NOT_ENOUGH_SPACE, EROFS → CANNOT_WRITE_TO_FILE_DESCRIPTOR saying the file system is read-only, other
 * errno errors → CANNOT_WRITE_TO_FILE_DESCRIPTOR. EddyErrors and non-file-system errors pass unchanged.
 */
export function diskError(e: unknown, what: string): EddyError {
  if (e instanceof EddyError) return e;
  const code = (e as NodeJS.ErrnoException | undefined)?.code;
  const detail = e instanceof Error ? e.message : String(e);
  if (code === 'ENOSPC' || code === 'EDQUOT') {
    return new EddyError('NOT_ENOUGH_SPACE', `Cannot write ${what}: no space left on device (${detail})`, { cause: e });
  }
  if (code === 'EROFS') {
    return new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', `Cannot write ${what}: the file system is read-only (${detail})`, { cause: e });
  }
  if (typeof code === 'string' && code.startsWith('E')) {
    return new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', `Cannot write ${what}: ${detail}`, { cause: e });
  }
  return toEddyError(e);
}
