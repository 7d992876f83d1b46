/**
 * Table-level metadata kept in a part's `extra` map:
 * - `eddy.walSeq`: the last WAL seq whose rows are in this part (or in parts it was merged from).
 *   On open, WAL records with seq ≤ the maximum over parts are already flushed and are skipped.
 * - `eddy.extra`: JSON `{ key: [seq, value] }`, the caller's `extra` values (e.g. Kafka offsets)
 *   committed with the rows, each tagged with the seq of the insert that set it, so "latest" is
 *   well defined across parts, merges and the WAL.
 */

/** Key → [seq of the insert that set it, value]. */
export type ExtraEntries = Map<string, readonly [number, string]>;

/** Part extra key holding the last WAL seq covered. */
export const WAL_SEQ_KEY = 'eddy.walSeq';
/** Part extra key holding the seq-tagged caller metadata. */
export const EXTRA_KEY = 'eddy.extra';

/** Record `extra` (set by the insert with `seq`) into `into`, keeping the latest value per key. */
export function noteExtra(into: ExtraEntries, seq: number, extra: Readonly<Record<string, string>> | undefined): void {
  if (extra === undefined) return;
  for (const [k, v] of Object.entries(extra)) {
    const cur = into.get(k);
    if (cur === undefined || cur[0] <= seq) into.set(k, [seq, v]);
  }
}

/** Merge `from` into `into`, latest seq wins. */
export function mergeExtra(into: ExtraEntries, from: ExtraEntries): void {
  for (const [k, e] of from) {
    const cur = into.get(k);
    if (cur === undefined || cur[0] <= e[0]) into.set(k, e);
  }
}

/** Read the seq-tagged entries out of a part's extra map (empty when absent or unreadable). */
export function readPartExtra(extra: Readonly<Record<string, string>>): ExtraEntries {
  const out: ExtraEntries = new Map();
  const raw = extra[EXTRA_KEY];
  if (raw === undefined) return out;
  try {
    const obj = JSON.parse(raw) as Record<string, [number, string]>;
    for (const [k, e] of Object.entries(obj)) {
      if (Array.isArray(e) && typeof e[0] === 'number' && typeof e[1] === 'string') out.set(k, [e[0], e[1]]);
    }
  } catch {
    // unreadable metadata carries no offsets; the rows themselves are unaffected
  }
  return out;
}

/** The WAL seq a part covers (0 when it covers none). */
export function readWalSeq(extra: Readonly<Record<string, string>>): number {
  const n = Number(extra[WAL_SEQ_KEY] ?? 0);
  return Number.isSafeInteger(n) && n > 0 ? n : 0;
}

/** Build a part's extra map from the WAL seq it covers (0: none) and its entries. */
export function partExtra(walSeq: number, entries: ExtraEntries): Record<string, string> {
  const out: Record<string, string> = {};
  if (walSeq > 0) out[WAL_SEQ_KEY] = String(walSeq);
  if (entries.size > 0) out[EXTRA_KEY] = JSON.stringify(Object.fromEntries(entries));
  return out;
}

/** The largest seq mentioned by entries (0 when empty). */
export function maxExtraSeq(entries: ExtraEntries): number {
  let m = 0;
  for (const [, e] of entries) if (e[0] > m) m = e[0];
  return m;
}
