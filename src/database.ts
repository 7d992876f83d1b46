/**
 * Database: wires catalog + storage + ingest + query, and is the embedded API's engine.
 * One Database owns one data directory. The HTTP server, the CLI and `import { open } from 'eddy'`
 * all go through {@link Database.execute}.
 *
 * (Contract first; the implementation lands with the catalog.)
 */
import type { Batch } from './core/batch.ts';
import type { Field, Scalar } from './core/types.ts';
import { EddyError } from './core/errors.ts';

/** Settings as strings or values, keyed by ClickHouse setting name (see core/settings.ts). */
export type SettingsMap = Readonly<Record<string, string | number | boolean | bigint>>;

/** One statement to run. */
export interface ExecuteRequest {
  /**
   * The statement text. For `INSERT ... FORMAT F` or `INSERT ... VALUES`, data may follow inline in
   * the text (after the format name and one whitespace) and/or come from `data`.
   */
  readonly sql: string;
  /** Insert payload streamed from the request body (bytes in the INSERT's format). */
  readonly data?: AsyncIterable<Uint8Array>;
  /** Current database (default: 'default'). */
  readonly database?: string;
  /** Query id (generated when absent), shown in system.processes and the X-ClickHouse-Query-Id header. */
  readonly queryId?: string;
  /** Values for `{name:Type}` placeholders, as raw strings (from `param_<name>`). */
  readonly params?: Readonly<Record<string, string>>;
  /** Query-level settings (already validated by the caller or validated here). */
  readonly settings?: SettingsMap;
  /** Cancels the query (client gone, KILL QUERY). */
  readonly signal?: AbortSignal;
  /** The user running it, for system.processes / query_log and access checks. */
  readonly user?: string;
  /** Format used when the statement has no FORMAT clause and the caller did not choose one. */
  readonly defaultFormat?: string;
}

/** Counters reported in X-ClickHouse-Summary and system.query_log. */
export interface QueryProgress {
  readRows: number;
  readBytes: number;
  writtenRows: number;
  writtenBytes: number;
  resultRows: number;
  resultBytes: number;
  /** Rows the result would have had without LIMIT (JSON's rows_before_limit_at_least), when known. */
  rowsBeforeLimit?: number;
}

/** What a statement produced. */
export type ExecuteResult =
  | {
      readonly kind: 'rows';
      readonly schema: readonly Field[];
      /** Batches in output order; consuming them runs the query. Active rows only (respect `sel`). */
      readonly batches: AsyncIterable<Batch>;
      /** The FORMAT clause of the statement, if any (wins over headers and default_format). */
      readonly format?: string;
      /** Filled as batches are consumed; final once the iterator finishes. */
      readonly progress: QueryProgress;
      readonly queryId: string;
    }
  | { readonly kind: 'done'; readonly progress: QueryProgress; readonly queryId: string };

/** Options for {@link Database.open}. */
export interface OpenOptions {
  /** Data directory (created when missing). */
  readonly dataDir: string;
  /** Server-level defaults for settings. */
  readonly settings?: SettingsMap;
}

/** An open Eddy database. */
export class Database {
  private constructor(readonly dataDir: string) {}

  /** Open (or create) the database in `dataDir`, replaying write-ahead logs. */
  static async open(opts: OpenOptions): Promise<Database> {
    return new Database(opts.dataDir);
  }

  /** Run one statement. */
  async execute(_req: ExecuteRequest): Promise<ExecuteResult> {
    throw new EddyError('NOT_IMPLEMENTED', 'Database.execute is not implemented yet');
  }

  /** Run a statement and collect its rows as Scalars (embedded API and tests). */
  async query(sql: string, opts: Omit<ExecuteRequest, 'sql'> = {}): Promise<{ schema: readonly Field[]; rows: Scalar[][] }> {
    void sql; void opts;
    throw new EddyError('NOT_IMPLEMENTED', 'Database.query is not implemented yet');
  }

  /** Flush every table's in-memory segment into parts (tests: the `flush` directive). */
  async flush(): Promise<void> {}

  /** Merge every table's parts as far as the selector allows, or fully (tests: the `merge` directive). */
  async mergeAll(): Promise<void> {}

  /** Flush nothing, stop background work, close files. Acknowledged data survives in the WAL. */
  async close(): Promise<void> {}
}
