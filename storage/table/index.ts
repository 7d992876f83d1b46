/** Table storage: the API the database layer uses (see table-storage.ts). */
export type { BulkInsert } from './bulk-insert.ts';
export { TableStorage, type TableStorageOptions, type TableMergeOptions, type PartInfo, type MergeInfo } from './table-storage.ts';
export { type ColumnDef, defaultOf } from './column-def.ts';
export type { Partitioner } from './partition.ts';
export type { StorageLogger } from '../wal/wal.ts';
