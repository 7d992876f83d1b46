/**
 * Group-count hints (ClickHouse's hash-table statistics): each thread remembers how many groups an
 * aggregation ended with, keyed by its plan, so the next run of the same query can size its hash
 * table and accumulators once instead of growing them step by step (rehashing, copying and
 * re-faulting memory at every doubling). A hint only sizes memory, never changes a result; a table
 * reserves it only after it has grown past RESERVE_FROM groups, so a wrong hint cannot blow up a
 * small aggregation.
 */
import type { PhysicalOperator } from '../operator.ts';

/** Plans remembered per thread (least recently recorded dropped first). */
const MAX_ENTRIES = 256;
/** Hints below this many groups are not worth keeping. */
const MIN_HINT = 1 << 15;
/** Largest number of groups a hint reserves. */
const MAX_HINT = 1 << 25;
/** A table reserves its hint once it holds this many groups. */
export const RESERVE_FROM = 1 << 13;

const hints = new Map<string, number>();

/** The key of an aggregation for hints: its operator and input plans, which repeat when the query does. */
export function planKey(op: PhysicalOperator): string {
  let key = op.explain();
  for (const c of op.children) key += `\n(${planKey(c)})`;
  return key;
}

/** Groups the last run of the plan `key` ended with (0 when unknown or small). */
export function expectedGroups(key: string): number {
  return hints.get(key) ?? 0;
}

/** Remember that the plan `key` ended with `groups` groups. */
export function recordGroups(key: string, groups: number): void {
  hints.delete(key);
  if (groups < MIN_HINT) return;
  hints.set(key, Math.min(groups, MAX_HINT));
  if (hints.size > MAX_ENTRIES) hints.delete(hints.keys().next().value!);
}
