/**
 * An in-memory segment: the rows of a table that are durable in the WAL but not yet in a part.
 * Appendable and queryable at once: {@link Segment.snapshot} captures the row count and the current
 * buffers, so a reader sees exactly that prefix while appends continue.
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

/** Appendable in-memory columns with a fixed schema (changed only by addColumn/dropColumn). */
export class Segment {
  private fields: Field[];
  private builders: ColumnBuilder[];
  private rows = 0;
  /** Wall-clock ms when the first row arrived (0 when empty): drives flush by age. */
  firstRowAt = 0;

  constructor(schema: readonly Field[], capacity = 1024) {
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
    let s = 0;
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
    for (let c = 0; c < columns.length; c++) this.builders[c]!.append(columns[c]!, 0, rowCount);
    if (this.rows === 0) this.firstRowAt = Date.now();
    this.rows += rowCount;
  }

  /** The current rows as a stable snapshot. */
  snapshot(): SegmentSnapshot {
    const n = this.rows;
    return { schema: this.fields, columns: this.builders.map((b) => b.view(n)), rowCount: n };
  }

  /** Insert a column at `index`, existing rows holding `value`. */
  addColumn(field: Field, index: number, value: Scalar): void {
    const b = new ColumnBuilder(field.type, Math.max(16, this.rows));
    b.appendValue(value, this.rows);
    this.fields = [...this.fields.slice(0, index), field, ...this.fields.slice(index)];
    this.builders = [...this.builders.slice(0, index), b, ...this.builders.slice(index)];
  }

  /** Remove a column by name. */
  dropColumn(name: string): void {
    const i = this.fields.findIndex((f) => f.name === name);
    if (i < 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `there is no column ${name} in the segment`);
    this.fields = this.fields.filter((_, k) => k !== i);
    this.builders = this.builders.filter((_, k) => k !== i);
  }
}
