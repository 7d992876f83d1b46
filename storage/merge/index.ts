/** Sorting, k-way merging, merge algorithms, the merge selector, merge tasks and the scheduler. */
export { compareRows, prepareKeys, type PreparedKey } from './compare.ts';
export { gather } from './gather.ts';
export { sortPermutation, sortPermutationAsync, sortColumns } from './sort.ts';
export { KWayMerger, type SortedSource, type SourceBlock, type MergedChunk, type KWayOptions } from './kway.ts';
export type { MergeAlgorithm, MergeAlgorithmFactory } from './algorithm.ts';
export { PlainMergeAlgorithm, plainMerge } from './plain.ts';
export { ReplacingMergeAlgorithm, replacingMerge } from './replacing.ts';
export {
  selectMerge, DEFAULT_SELECTOR_SETTINGS, type MergeSelectorSettings, type SelectorPart, type SelectorRun, type MergeChoice,
} from './selector.ts';
export { MergeTask, mergeTarget, type MergeTaskOptions, type MergeTarget } from './task.ts';
export { MERGE_ALGORITHMS, type MergeAlgorithmName } from './algorithms.ts';
export { OffThreadMerge, type MergeJobSpec } from './off-thread.ts';
export { MergeScheduler, type MergeJob } from './scheduler.ts';
