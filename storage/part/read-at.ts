/**
 * Reading a byte range of a column file as one synchronous open + pread + close (ClickHouse's `pread`
 * read method). For data in the page cache (the common case) that costs a few microseconds, while
 * the asynchronous path's thread-pool round trips and FileHandle bookkeeping cost several times the
 * read itself: a restarted server's first query spent as long opening files as decoding them. Worker
 * threads always read synchronously (they have nothing else to do meanwhile). The main thread does so
 * for ranges up to {@link MAIN_SYNC_BYTES} — about as long as decoding them, which it does
 * synchronously anyway — and reads longer ranges asynchronously, so the event loop is not held while
 * a disk delivers megabytes.
 */
import { close, closeSync, open, openSync, read, readSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

/** Longest range the main thread reads synchronously. */
const MAIN_SYNC_BYTES = 1 << 20;

/**
 * Fill `buf` from the file at `path` starting at byte `position`; resolves with the bytes read, fewer
 * than `buf.length` only when the file ends first. Errors are those of open/read (ENOENT, EIO…).
 */
export function readAt(path: string, buf: Uint8Array, position: number): Promise<number> {
  if (isMainThread && buf.length > MAIN_SYNC_BYTES) return readAtAsync(path, buf, position);
  try {
    return Promise.resolve(readAtSync(path, buf, position));
  } catch (e) {
    return Promise.reject(e as Error);
  }
}

function readAtSync(path: string, buf: Uint8Array, position: number): number {
  const fd = openSync(path, 'r');
  try {
    let got = 0;
    while (got < buf.length) {
      const n = readSync(fd, buf, got, buf.length - got, position + got);
      if (n === 0) break;
      got += n;
    }
    return got;
  } finally {
    closeSync(fd);
  }
}

async function readAtAsync(path: string, buf: Uint8Array, position: number): Promise<number> {
  const fd = await new Promise<number>((ok, fail) => open(path, 'r', (e, n) => { if (e) fail(e); else ok(n); }));
  try {
    let got = 0;
    while (got < buf.length) {
      const n = await new Promise<number>((ok, fail) => {
        read(fd, buf, got, buf.length - got, position + got, (e, k) => { if (e) fail(e); else ok(k); });
      });
      if (n === 0) break;
      got += n;
    }
    return got;
  } finally {
    await new Promise<void>((ok) => close(fd, () => ok()));
  }
}
