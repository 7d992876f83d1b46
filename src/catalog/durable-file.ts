/**
 * Small-file durability: write to a temporary name, fsync, rename over the target, fsync the directory.
 * A crash leaves either the old or the new content, never a torn file.
 */
import { open, rename, mkdir } from 'node:fs/promises';
import { fsyncDir } from '../../storage/part/durable.ts';
import { dirname } from 'node:path';

export { fsyncDir };

/** Atomically replace `path` with `content`, durable when the promise resolves. */
export async function writeFileDurable(path: string, content: string | Uint8Array): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.tmp-${process.pid}`;
  const fh = await open(tmp, 'w');
  try {
    await fh.writeFile(content);
    await fh.sync();
  } finally {
    await fh.close();
  }
  await rename(tmp, path);
  await fsyncDir(dirname(path));
}
