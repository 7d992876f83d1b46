/**
 * The output format contract: a streaming writer created per query from the result schema, fed
 * batches as the query produces them. Each call returns the bytes to send next (possibly empty).
 */
import type { Batch } from '../../core/batch.ts';
import type { Field } from '../../core/types.ts';
import type { Settings } from '../../core/settings.ts';

/** Figures the JSON envelope formats print after the data. */
export interface OutputStats {
  /** Rows written (the result row count). */
  readonly rows: number;
  /** Rows before LIMIT, when the query had one. */
  readonly rowsBeforeLimit?: number;
  readonly elapsedSeconds: number;
  readonly rowsRead: number;
  readonly bytesRead: number;
}

/** What a writer is created with. */
export interface OutputOptions {
  readonly settings: Settings;
  /** Server time zone, for DateTime columns without one. */
  readonly timezone: string;
}

/** A streaming writer for one result. */
export interface FormatWriter {
  /** Bytes before the first row. */
  header(): Uint8Array;
  /** Bytes for the active rows of one batch. */
  batch(b: Batch): Uint8Array;
  /** Bytes after the last row. */
  footer(stats: OutputStats): Uint8Array;
}

/** An output format. */
export interface OutputFormat {
  /** The canonical ClickHouse name. */
  readonly name: string;
  /** HTTP Content-Type of the response. */
  readonly contentType: string;
  create(schema: readonly Field[], opts: OutputOptions): FormatWriter;
}

/** The empty byte string, returned by writers that have nothing to send. */
export const EMPTY = new Uint8Array(0);
