/**
 * Result values of Eddy and DuckDB in one comparable form: integers (including dates as days and
 * timestamps as seconds) as bigint, floating-point values as number, strings as string, NULL as null.
 */
import {
  DuckDBDateValue, DuckDBDecimalValue, DuckDBTimestampValue, DuckDBTypeId, type DuckDBResultReader,
} from '@duckdb/node-api';
import type { Field, Scalar } from '../../src/core/types.ts';

/** One comparable value. */
export type Cell = bigint | number | string | null;

/** One comparable row. */
export type CellRow = Cell[];

/** Eddy result rows as cells, using the result schema for dates, times and floats. */
export function eddyCells(schema: readonly Field[], rows: readonly Scalar[][]): CellRow[] {
  return rows.map((row) => row.map((v, c) => {
    if (v === null) return null;
    const kind = schema[c]!.type.kind;
    if (typeof v === 'string') return v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (kind === 'Float32' || kind === 'Float64') return Number(v);
    if (kind === 'DateTime64') {
      const p = schema[c]!.type.precision ?? 3;
      const ticks = BigInt(v);
      const unit = 10n ** BigInt(p);
      return ticks % unit === 0n ? ticks / unit : Number(ticks) / Number(unit);
    }
    return typeof v === 'bigint' ? v : Number.isInteger(v) ? BigInt(v) : v;
  }));
}

/** DuckDB result rows as cells. */
export function duckCells(result: DuckDBResultReader): CellRow[] {
  const types = result.columnTypes().map((t) => t.typeId);
  return result.getRows().map((row) => row.map((v: unknown, c): Cell => {
    if (v === null || v === undefined) return null;
    if (typeof v === 'string') return v;
    if (typeof v === 'bigint') return v;
    if (typeof v === 'boolean') return v ? 1n : 0n;
    if (typeof v === 'number') {
      const t = types[c];
      return t === DuckDBTypeId.DOUBLE || t === DuckDBTypeId.FLOAT || !Number.isInteger(v) ? v : BigInt(v);
    }
    if (v instanceof DuckDBDateValue) return BigInt(v.days);
    if (v instanceof DuckDBTimestampValue) return v.micros % 1_000_000n === 0n ? v.micros / 1_000_000n : Number(v.micros) / 1e6;
    if (v instanceof DuckDBDecimalValue) return v.toDouble();
    return String(v);
  }));
}

/** Text of a cell for messages. */
export function cellText(c: Cell): string {
  if (c === null) return 'NULL';
  if (typeof c === 'string') return JSON.stringify(c.length > 120 ? `${c.slice(0, 120)}…` : c);
  return String(c);
}
