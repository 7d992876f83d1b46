/**
 * Writing unsorted rows (a frozen segment, a large insert) as one part: the sort permutation is
 * computed once (see merge/sort.ts), then the part is written column by column, each column gathered
 * in that order whole and cut into blocks straight from the gathered copy (the block writes give the
 * event loop its turns). Rows already in key order are written as they are (no gather). Memory beyond
 * the input is the permutation plus one gathered column; the sort itself yields between its passes.
 */
import type { Field } from '../../src/core/types.ts';
import { concatVectors } from '../../src/core/materialize.ts';
import { gatherBlocks, locateRows } from '../merge/gather.ts';
import { sortPermutationAsync } from '../merge/sort.ts';
import { PartWriter, type PartReader, type PartWriteOptions } from '../part/index.ts';
import type { PlainVector } from '../segment/column-builder.ts';

/**
 * Sort the rows of consecutive blocks (each a list of columns in schema order) by the columns at
 * `keyIndexes` and write them as a part under `dir`: only the key columns are concatenated (for the
 * sort); every other column is gathered straight from the blocks.
 * A block column is dropped (set to null) once written, so memory shrinks as the part is written.
 */
export async function writeSortedBlocks(dir: string, schema: readonly Field[], blocks: readonly (readonly (PlainVector | null)[])[],
  keyIndexes: readonly number[], opts: PartWriteOptions): Promise<PartReader> {
  const lengths = blocks.map((b) => b[0]!.length);
  const rowCount = lengths.reduce((a, b) => a + b, 0);
  const column = (i: number): PlainVector[] => blocks.map((b) => b[i]!);
  const keys = keyIndexes.map((i) => (blocks.length === 1 ? blocks[0]![i]! : concatVectors(schema[i]!.type, column(i))));
  const perm = await sortPermutationAsync(keys, rowCount);
  const sorted = isIdentity(perm);
  const at = locateRows(lengths, perm);
  const writer = await PartWriter.open(dir, schema, opts);
  try {
    await writer.appendColumns(rowCount, (i) => {
      const parts = column(i);
      for (const b of blocks) (b as (PlainVector | null)[])[i] = null;
      return sorted && parts.length === 1 ? parts[0]! : gatherBlocks(parts, at);
    });
    return await writer.finish();
  } catch (e) {
    await writer.abort();
    throw e;
  }
}

/** True when `perm` is 0, 1, 2, … (the rows were already in key order). */
function isIdentity(perm: Uint32Array): boolean {
  for (let i = 0; i < perm.length; i++) if (perm[i] !== i) return false;
  return true;
}
