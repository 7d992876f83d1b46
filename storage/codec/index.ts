/** Column encodings and block compression. */
export { blockRawBytes, decodeBlock, encodeBlock, ENCODING, type DecodedBlock, type EncodingId } from './block.ts';
export { compressionById, compressionByName, COMPRESSION_ID, type Compression } from './compression.ts';
export { crc32 } from './crc32.ts';
