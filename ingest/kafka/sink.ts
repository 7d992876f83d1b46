/**
 * What a Kafka source writes to, as the database layer provides it: the target table and the
 * dead-letter table, each able to append decoded blocks together with `extra` metadata (the stored
 * offsets) in one atomic, durable write. Kept as an interface so ingest/ does not depend on the
 * catalog or the statement layer.
 */
import type { Field } from '../../src/core/types.ts';
import type { DecodedBlock } from '../decoders/index.ts';

/** One table a source appends to. */
export interface KafkaSink {
  /** Columns, in table order: messages decode into these. */
  readonly fields: readonly Field[];
  /**
   * Append blocks of `fields` and commit `extra` with them, all or nothing; durable when the promise
   * resolves. With no rows, only `extra` is committed.
   */
  append(blocks: readonly DecodedBlock[], extra: Readonly<Record<string, string>>): Promise<void>;
  /** Latest `extra` value per key over everything committed. */
  committedExtra(): Record<string, string>;
  /** Rows in memory not yet written into parts (a backpressure signal: flushes fall behind). */
  unflushedRows(): number;
  /** Active parts (a backpressure signal: merges fall behind). */
  activeParts(): number;
  /** Write the in-memory rows into parts now. */
  flush(): Promise<void>;
}

/** The tables of one source, looked up afresh on every use (a table may be dropped meanwhile). */
export interface SourceTables {
  target(): KafkaSink;
  /** The dead-letter table (see dead-letter.ts for its columns). */
  deadLetter(): KafkaSink;
}
