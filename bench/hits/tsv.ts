/**
 * `hits` rows as ClickHouse TabSeparated text: fields in table order separated by tabs, rows ended
 * by a line feed, dates as `YYYY-MM-DD`, timestamps as `YYYY-MM-DD hh:mm:ss`. Strings are copied as
 * they are: the generator never produces a character that TabSeparated escapes (see string-pool.ts).
 */
import { ByteBuilder } from './byte-builder.ts';
import type { HitsModel } from './model.ts';
import { HitsRowGenerator } from './rows.ts';
import { HITS_COLUMN_COUNT, HITS_KINDS } from './schema.ts';

const INT = 0;
const INT64 = 1;
const STRING = 2;
const DATE = 3;
const DATETIME = 4;

const FORMS = Uint8Array.from(HITS_KINDS, (kind) => {
  switch (kind) {
    case 'Int64': return INT64;
    case 'String': return STRING;
    case 'Date': return DATE;
    case 'DateTime': return DATETIME;
    default: return INT;
  }
});

/** Append the row currently held by `g` as one TSV line. */
export function appendTsvRow(out: ByteBuilder, g: HitsRowGenerator): void {
  const ints = g.ints;
  for (let c = 0; c < HITS_COLUMN_COUNT; c++) {
    if (c > 0) out.byte(9);
    switch (FORMS[c]) {
      case INT: out.int(ints[c]!); break;
      case INT64: out.int64(g.his[c]!, ints[c]!); break;
      case STRING: out.bytes(g.strBuf[c]!, g.strStart[c]!, g.strEnd[c]!); break;
      case DATE: out.date(ints[c]!); break;
      case DATETIME: out.dateTime(ints[c]!); break;
    }
  }
  out.byte(10);
}

/** Rows [start, end) of the data set of `model` as TSV bytes. */
export function hitsTsv(model: HitsModel, start: number, end: number): Uint8Array {
  const g = new HitsRowGenerator(model);
  const out = new ByteBuilder(Math.max(1024, (end - start) * 800));
  for (let row = start; row < end; row++) {
    g.generate(row);
    appendTsvRow(out, g);
  }
  return out.toBytes();
}
