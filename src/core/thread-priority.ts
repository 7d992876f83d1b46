/**
 * OS scheduling priority of background threads. Decoding large inserts, writing parts and merging can
 * keep every core busy for minutes; the main thread (HTTP, acknowledgements, query planning) and the
 * query workers must still get a core within milliseconds, or a poll for freshly inserted rows and a
 * dashboard query wait behind a merge. On Linux each thread is a task with its own nice value, and
 * setpriority() on a thread id changes that thread alone, so background threads lower their own
 * priority when they start: the kernel then gives a waking foreground thread a core first, while idle
 * cores still run background work at full speed. Elsewhere (or without /proc) nothing changes.
 */
import { readlinkSync } from 'node:fs';
import { getPriority, setPriority } from 'node:os';

/** Nice value of background threads (0 is the default, 19 the lowest priority). */
export const BACKGROUND_NICE = 10;

/** The calling thread's kernel task id (Linux: "/proc/thread-self" links to "<pid>/task/<tid>"), or null. */
function threadId(): number | null {
  if (process.platform !== 'linux') return null;
  try {
    const tid = Number(readlinkSync('/proc/thread-self').split('/').pop());
    return Number.isInteger(tid) && tid > 0 ? tid : null;
  } catch {
    return null;
  }
}

/** Lower the calling thread's priority to `nice`; false when the platform does not allow it. */
export function lowerThreadPriority(nice = BACKGROUND_NICE): boolean {
  const tid = threadId();
  if (tid === null) return false;
  try {
    setPriority(tid, nice);
    return true;
  } catch {
    return false;
  }
}

/** The calling thread's nice value, or null where threads have none of their own. */
export function threadNice(): number | null {
  const tid = threadId();
  return tid === null ? null : getPriority(tid);
}
