/** Durable file-system steps of a part commit: write-and-fsync, directory fsync, best-effort cleanup. */
import { open, rm } from 'node:fs/promises';

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
