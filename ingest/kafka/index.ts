/**
 * Kafka ingestion: sources that consume a topic with a consumer group and append it to a table with
 * exactly-once delivery (offsets committed atomically with the rows), backpressure and a dead-letter
 * table for undecodable messages.
 */
export { KafkaSource, type KafkaSourceStatus, type SourceLogger, type SourceState } from './kafka-source.ts';
export { DEAD_LETTER_COLUMNS, DEAD_LETTER_ORDER_BY, deadLetterBlock, type BadMessage } from './dead-letter.ts';
export { decodeMessages, type DecodedMessages, type RawMessage } from './message-decoder.ts';
export { offsetKey, storedOffset } from './offsets.ts';
export type { KafkaSink, SourceTables } from './sink.ts';
export { resolveSourceSettings, SOURCE_SETTINGS, type SourceSettings, type SourceSpec } from './source-spec.ts';
