/**
 * The truncation marker `truncated.json` `{ belowBlock, walSeq, extra }`: parts whose maxBlock is below
 * `belowBlock` and WAL records with seq ≤ `walSeq` were truncated. Writing it (durably, by rename) is
 * the atomic commit point of TRUNCATE; deleting the files afterwards is cleanup that open() redoes.
 */
import { readFile, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { fsyncDir, writeFileSynced } from '../part/durable.ts';

/** What the last TRUNCATE removed, and the committed extra metadata it must not forget. */
export interface TruncationMark {
  readonly belowBlock: number;
  readonly walSeq: number;
  /** Seq-tagged extra entries (see extra.ts) committed before the truncation, as JSON-able pairs. */
  readonly extra: readonly (readonly [string, readonly [number, string]])[];
}

const FILE = 'truncated.json';

/** Read the marker; zeros when the table was never truncated. */
export async function readTruncation(tableDir: string): Promise<TruncationMark> {
  try {
    const m = JSON.parse(await readFile(join(tableDir, FILE), 'utf8')) as TruncationMark;
    return { belowBlock: Number(m.belowBlock) || 0, walSeq: Number(m.walSeq) || 0, extra: Array.isArray(m.extra) ? m.extra : [] };
  } catch {
    return { belowBlock: 0, walSeq: 0, extra: [] };
  }
}

/** Durably replace the marker. */
export async function writeTruncation(tableDir: string, mark: TruncationMark): Promise<void> {
  const tmp = join(tableDir, `${FILE}.tmp`);
  await rm(tmp, { force: true });
  await writeFileSynced(tmp, new TextEncoder().encode(JSON.stringify(mark)));
  await rename(tmp, join(tableDir, FILE));
  await fsyncDir(tableDir);
}
