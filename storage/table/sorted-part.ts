/**
 * Writing unsorted rows (a frozen segment, a large insert) as one part: the sort permutation is
 * computed once (see merge/sort.ts), then the rows are gathered in that order a chunk at a time and
 * streamed into a {@link PartWriter}, yielding to the event loop between chunks. Memory beyond the input
 * is the permutation plus one chunk; the sort itself yields between its passes.
 */
import { setImmediate as yieldToLoop } from 'node:timers/promises';
import type { Field } from '../../src/core/types.ts';
import { gather } from '../merge/gather.ts';
import { sortPermutationAsync } from '../merge/sort.ts';
import { PartWriter, type PartReader, type PartWriteOptions } from '../part/index.ts';
import type { PlainVector } from '../segment/column-builder.ts';

/** Rows gathered and appended per step. */
const CHUNK_ROWS = 32768;

/** Sort `rowCount` rows of `columns` by the columns at `keyIndexes` and write them as a part under `dir`. */
export async function writeSortedPart(dir: string, schema: readonly Field[], columns: readonly PlainVector[], rowCount: number,
  keyIndexes: readonly number[], opts: PartWriteOptions): Promise<PartReader> {
  const perm = await sortPermutationAsync(keyIndexes.map((i) => columns[i]!), rowCount);
  const writer = await PartWriter.open(dir, schema, opts);
  try {
    for (let at = 0; at < rowCount; at += CHUNK_ROWS) {
      const rows = perm.subarray(at, Math.min(rowCount, at + CHUNK_ROWS));
      await writer.append(columns.map((c) => gather(c, rows)), rows.length);
      await yieldToLoop();
    }
    return await writer.finish();
  } catch (e) {
    await writer.abort();
    throw e;
  }
}
