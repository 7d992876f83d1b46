/** Merge algorithms by name, so a merge can be described as plain data (merges run on worker threads). */
import type { MergeAlgorithmFactory } from './algorithm.ts';
import { plainMerge } from './plain.ts';
import { replacingMerge } from './replacing.ts';

/** Every merge algorithm a table can name. */
export const MERGE_ALGORITHMS = { plain: plainMerge, replacing: replacingMerge } as const satisfies Record<string, MergeAlgorithmFactory>;

/** The name of a merge algorithm. */
export type MergeAlgorithmName = keyof typeof MERGE_ALGORITHMS;
