/**
 * The contract between the query engine and anything it can read rows from: MergeTree tables
 * (storage/), system tables and in-memory tables. The engine reads a table only through a snapshot.
 */
import type { Batch } from './batch.ts';
import type { Field, Scalar } from './types.ts';

/**
 * A condition on one column that storage can check against per-granule min/max and the primary index.
 * A conjunction of them prunes parts and granules; they never change results, only what is read.
 */
export type ColumnRange =
  | { readonly kind: 'range'; readonly column: string;
      readonly min?: Scalar; readonly minInclusive?: boolean;
      readonly max?: Scalar; readonly maxInclusive?: boolean }
  | { readonly kind: 'in'; readonly column: string; readonly values: readonly Scalar[] }
  | { readonly kind: 'notNull'; readonly column: string }
  | { readonly kind: 'isNull'; readonly column: string };

/** What the engine asks a snapshot for. */
export interface ScanRequest {
  /** Columns to read, by name; may be empty (count(*)): units then yield batches with no columns. */
  readonly columns: readonly string[];
  /** Conjunction of ranges used only for pruning; the engine still filters every row itself. */
  readonly ranges?: readonly ColumnRange[];
  /** Preferred batch length in rows (≈ 65536). */
  readonly batchRows?: number;
}

/** Pruning figures for EXPLAIN and system.query_log. */
export interface ScanStats {
  partsTotal: number;
  partsSelected: number;
  granulesTotal: number;
  granulesSelected: number;
  rowsTotal: number;
  rowsSelected: number;
}

/**
 * A plain-data description of a scan unit that another thread can open and read by itself (it survives
 * structured cloning): granules [from, to) of the part in directory `dir`, read as `columns` (a column
 * the part lacks reads as its `default`), in batches of at most `batchRows` rows.
 */
export interface PartRangeDescriptor {
  readonly kind: 'part';
  readonly dir: string;
  readonly from: number;
  readonly to: number;
  readonly columns: readonly (Field & { readonly default?: Scalar })[];
  readonly batchRows: number;
}

/** One independently readable piece of a table (a part's granule range, a segment, ...). */
export interface ScanUnit {
  /** Rows this unit will yield before filtering. */
  readonly rows: number;
  /** Set when a worker thread can read the unit by itself (parts); absent for in-memory units. */
  readonly descriptor?: PartRangeDescriptor;
  /** Yields the requested columns, in request order, as batches with no selection. */
  read(signal?: AbortSignal): AsyncIterable<Batch>;
  /**
   * Late materialisation: rows `rows` (ascending indexes among the rows {@link read} yields) of any of
   * the table's `columns`, by name, reading only what holds them (for parts, their granules). Yields
   * batches of the requested columns whose `sel` lists the requested rows, in order, and nothing else.
   * Absent when the unit cannot do this; the engine then reads every column in the scan.
   */
  readRows?(rows: Uint32Array, columns: readonly string[], signal?: AbortSignal): AsyncIterable<Batch>;
  /** One line for EXPLAIN, e.g. `part 202307_1_8_1 granules 12..40`. */
  describe(): string;
}

/** A consistent, reference-counted view of a table; release() when the query is done. */
export interface TableSnapshot {
  readonly schema: readonly Field[];
  /** Units covering every row that may match `ranges`, after pruning, plus the pruning figures. */
  plan(request: ScanRequest): { units: ScanUnit[]; stats: ScanStats };
  /** Total rows in the snapshot (for count(*) without a filter and for EXPLAIN). */
  readonly totalRows: number;
  /**
   * Min and max of a column's non-NULL values (null when it has none) from statistics, without
   * reading rows; undefined when they cannot be had that way (the engine then scans).
   */
  columnMinMax?(column: string): { readonly min: Scalar; readonly max: Scalar } | undefined;
  release(): void;
}

/** Anything the engine can resolve a table name to. */
export interface TableSource {
  readonly database: string;
  readonly name: string;
  readonly schema: readonly Field[];
  /** Sorting key column names, in order (empty when unsorted). */
  readonly sortKey: readonly string[];
  snapshot(): TableSnapshot;
}
