/** Parts: immutable directories of granules, marks, statistics and checksums (the storage API). */
export { ColumnCache } from './cache.ts';
export { partName, parsePartName } from './name.ts';
export type { PartMeta } from './metadata.ts';
export { PartReader } from './reader.ts';
export { PartWriter, writePart, type PartWriteOptions } from './writer.ts';
