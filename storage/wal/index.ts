/** Write-ahead log: framed, checksummed, group-committed records, and the columnar block payload. */
export { Wal, WAL_HEADER_BYTES, type WalOptions, type WalRecord, type StorageLogger } from './wal.ts';
export { encodeBlock, decodeBlock, decodeBlockExtra, type DecodedBlock } from './block-codec.ts';
