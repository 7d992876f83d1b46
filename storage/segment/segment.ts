/**
 * An in-memory segment: the rows of a table that are durable in the WAL but not yet in a part.
 * Appendable and queryable at once: {@link Segment.snapshots} captures the chunks and the active
 * chunk's row count and buffers, so a reader sees exactly that prefix while appends continue.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { Field, Scalar } from '../../src/core/types.ts';
import type { Vector } from '../../src/core/vector.ts';
import { ColumnBuilder, type PlainVector } from './column-builder.ts';

/** A stable view of the first `rowCount` rows of a segment. */
export interface SegmentSnapshot {
  readonly schema: readonly Field[];
  /** One flat/string vector per schema field, each exactly `rowCount` rows. */
  readonly columns: readonly PlainVector[];
  readonly rowCount: number;
}

/**
 * Rows per chunk. Appends go to the active chunk; a full one is sealed (never appended to again) and a
 * new one starts. So a growing segment never copies what it holds into larger buffers (a doubling of
 * a 1M-row column stalled the event loop for tens of ms), and scans see one unit per chunk, yielding
 * between them.
 */
export const CHUNK_ROWS = 65536;

/** Appendable in-memory columns with a fixed schema (changed only by addColumn/dropColumn), held in chunks. */
export class Segment {
  private fields: Field[];
  private builders: ColumnBuilder[];
  /** Sealed chunks, oldest first. */
  private sealed: SegmentSnapshot[] = [];
  private sealedBytes = 0;
  private rows = 0;
  /** Wall-clock ms when the first row arrived (0 when empty): drives flush by age. */
  firstRowAt = 0;

  constructor(schema: readonly Field[], private readonly capacity = 1024) {
    this.fields = [...schema];
    this.builders = schema.map((f) => new ColumnBuilder(f.type, capacity));
  }

  /** Current schema. */
  get schema(): readonly Field[] {
    return this.fields;
  }

  /** Rows appended so far. */
  get rowCount(): number {
    return this.rows;
  }

  /** Approximate bytes held. */
  get byteSize(): number {
    let s = this.sealedBytes;
    for (const b of this.builders) s += b.byteSize;
    return s;
  }

  /** Append `rowCount` rows; `columns` are in schema order. */
  append(columns: readonly Vector[], rowCount: number): void {
    if (columns.length !== this.builders.length) {
      throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH', `expected ${this.builders.length} columns, got ${columns.length}`);
    }
    for (let c = 0; c < columns.length; c++) {
      if (columns[c]!.length < rowCount) {
        throw new EddyError('LOGICAL_ERROR', `column ${this.fields[c]!.name} has ${columns[c]!.length} rows, expected ${rowCount}`);
      }
    }
    if (rowCount === 0) return;
    if (this.rows === 0) this.firstRowAt = Date.now();
    for (let from = 0; from < rowCount;) {
      const active = this.builders[0]!.length;
      if (active >= CHUNK_ROWS) this.seal();
      const to = Math.min(rowCount, from + CHUNK_ROWS - this.builders[0]!.length);
      for (let c = 0; c < columns.length; c++) this.builders[c]!.append(columns[c]!, from, to);
      this.rows += to - from;
      from = to;
    }
  }

  /** The current rows as stable snapshots, one per chunk (the active chunk's current prefix last). */
  snapshots(): SegmentSnapshot[] {
    const n = this.builders[0]?.length ?? 0;
    const active = { schema: this.fields, columns: this.builders.map((b) => b.view(n)), rowCount: n };
    return n > 0 ? [...this.sealed, active] : [...this.sealed];
  }

  /** Insert a column at `index`, existing rows holding `value`. */
  addColumn(field: Field, index: number, value: Scalar): void {
    const filled = (rows: number): ColumnBuilder => {
      const b = new ColumnBuilder(field.type, Math.max(16, rows));
      b.appendValue(value, rows);
      return b;
    };
    const fields = [...this.fields.slice(0, index), field, ...this.fields.slice(index)];
    this.sealed = this.sealed.map((ch) => ({
      schema: fields, columns: [...ch.columns.slice(0, index), filled(ch.rowCount).view(), ...ch.columns.slice(index)], rowCount: ch.rowCount,
    }));
    this.fields = fields;
    this.builders = [...this.builders.slice(0, index), filled(this.builders[0]?.length ?? 0), ...this.builders.slice(index)];
  }

  /** Remove a column by name. */
  dropColumn(name: string): void {
    const i = this.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `there is no column ${name} in the segment`);
    this.fields = this.fields.filter((_, k) => k !== i);
    this.builders = this.builders.filter((_, k) => k !== i);
    this.sealed = this.sealed.map((ch) => ({ schema: this.fields, columns: ch.columns.filter((_, k) => k !== i), rowCount: ch.rowCount }));
  }

  /** Seal the active chunk and start a new one. */
  private seal(): void {
    const n = this.builders[0]!.length;
    this.sealed.push({ schema: this.fields, columns: this.builders.map((b) => b.view(n)), rowCount: n });
    for (const b of this.builders) this.sealedBytes += b.byteSize;
    this.builders = this.fields.map((f) => new ColumnBuilder(f.type, Math.min(this.capacity, CHUNK_ROWS)));
  }
}
