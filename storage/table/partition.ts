/**
 * Splitting rows by partition (PARTITION BY): the SQL layer's partitioner names each row's partition;
 * storage groups the rows (a stable counting sort) so each partition becomes its own part.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { PlainVector } from '../segment/column-builder.ts';
import { gather } from '../merge/gather.ts';

/** Computes partition ids: `keys` distinct ids, `rowKey[i]` the index in `keys` of row i's partition. */
export type Partitioner = (columns: readonly Vector[], rowCount: number) => { keys: string[]; rowKey: Uint32Array };

/** Rows of one partition. */
export interface PartitionRows {
  readonly partition: string;
  readonly columns: readonly PlainVector[];
  readonly rowCount: number;
}

/** Group `rowCount` rows of `columns` by partition; without a partitioner everything is 'all'. */
export function splitByPartition(columns: readonly PlainVector[], rowCount: number, partitioner: Partitioner | undefined): PartitionRows[] {
  if (partitioner === undefined) return [{ partition: 'all', columns, rowCount }];
  const { keys, rowKey } = partitioner(columns, rowCount);
  if (rowKey.length < rowCount) throw new EddyError('LOGICAL_ERROR', 'partitioner returned too few row keys');
  const k = keys.length;
  const counts = new Uint32Array(k + 1);
  for (let i = 0; i < rowCount; i++) {
    const p = rowKey[i]!;
    if (p >= k) throw new EddyError('LOGICAL_ERROR', `partitioner returned key index ${p} of ${k}`);
    counts[p + 1]!++;
  }
  const present: number[] = [];
  for (let p = 0; p < k; p++) if (counts[p + 1]! > 0) present.push(p);
  if (present.length === 1) return [{ partition: keys[present[0]!]!, columns, rowCount }];
  for (let p = 0; p < k; p++) counts[p + 1]! += counts[p]!;
  const perm = new Uint32Array(rowCount);
  const fill = counts.slice(0, k);
  for (let i = 0; i < rowCount; i++) perm[fill[rowKey[i]!]!++] = i;
  return present.map((p) => {
    const rows = perm.subarray(counts[p]!, counts[p + 1]!);
    return { partition: keys[p]!, columns: columns.map((c) => gather(c, rows)), rowCount: rows.length };
  });
}
