/**
 * Golden bytes for the output formats. Expected outputs are taken from the ClickHouse sources and docs
 * as reproduced in /work/shared/notes/clickhouse-http.md §10 (JSONRowOutputFormat.cpp,
 * JSONCompactEachRowRowOutputFormat.cpp, CSVRowOutputFormat.cpp, docs/en/interfaces/formats.md; the JSON
 * layout and the CSV/TSV escaping were observed against ClickHouse 18.16 with curl).
 */
import { describe, expect, it } from 'vitest';
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { makeBatch, type Batch } from '../../../src/core/batch.ts';
import { Settings } from '../../../src/core/settings.ts';
import { makeType, T, type Field } from '../../../src/core/types.ts';
import { constVector, dictVector, flatVector, fromUtf8 } from '../../../src/core/vector.ts';
import { stringsVector } from '../../support/string-vector.ts';
import { outputFormat } from '../../../src/server/formats/registry.ts';

function str(values: readonly (string | null)[], nullable = false) {
  return stringsVector(values, nullable ? makeType('String', { nullable: true }) : T.String);
}

// The note's §10 example: SELECT k, count(), sum(v) FROM t GROUP BY k ORDER BY k over 10,000 rows.
const schema: Field[] = [
  { name: 'k', type: T.String },
  { name: 'count()', type: T.UInt64 },
  { name: 'sum(v)', type: T.Float64 },
];
const sums = [17128.5, 17146.25, 17139.75, 17133.25, 17124.5, 17117.75, 17111];
const counts = [1429n, 1429n, 1429n, 1429n, 1428n, 1428n, 1428n];
const keys = ['a', 'b', 'c', 'd', 'e', 'f', 'g'];
// Split into two batches, the second with a selection vector, to check streaming and `sel`.
const b1 = makeBatch(schema, [str(keys.slice(0, 3)), flatVector(T.UInt64, BigUint64Array.from(counts.slice(0, 3))),
  flatVector(T.Float64, Float64Array.from(sums.slice(0, 3)))]);
const b2full = makeBatch(schema, [str(['x', ...keys.slice(3)]), flatVector(T.UInt64, BigUint64Array.from([0n, ...counts.slice(3)])),
  flatVector(T.Float64, Float64Array.from([0, ...sums.slice(3)]))]);
const b2: Batch = { ...b2full, sel: Uint32Array.of(1, 2, 3, 4) };

function render(format: string, batches: readonly Batch[], fields: readonly Field[] = schema,
  settings: Record<string, string> = {}, stats = { rows: 7, elapsedSeconds: 0.001137687, rowsRead: 10000, bytesRead: 170000 }): Uint8Array {
  const w = outputFormat(format).create(fields, { settings: new Settings(settings), timezone: 'UTC' });
  const parts = [w.header(), ...batches.map((b) => w.batch(b)), w.footer(stats)];
  return Buffer.concat(parts);
}
const text = (format: string, batches: readonly Batch[] = [b1, b2], fields?: readonly Field[], settings?: Record<string, string>) =>
  fromUtf8(render(format, batches, fields, settings));

describe('output formats: golden bytes', () => {
  it('JSON (JSONRowOutputFormat layout, §10.2)', () => {
    const rows = keys.map((k, i) => `\t\t{\n\t\t\t"k": "${k}",\n\t\t\t"count()": ${counts[i]},\n\t\t\t"sum(v)": ${sums[i]}\n\t\t}`);
    expect(text('JSON')).toBe(
      '{\n\t"meta":\n\t[\n' +
      '\t\t{\n\t\t\t"name": "k",\n\t\t\t"type": "String"\n\t\t},\n' +
      '\t\t{\n\t\t\t"name": "count()",\n\t\t\t"type": "UInt64"\n\t\t},\n' +
      '\t\t{\n\t\t\t"name": "sum(v)",\n\t\t\t"type": "Float64"\n\t\t}\n' +
      '\t],\n\n\t"data":\n\t[\n' + rows.join(',\n') + '\n\t],\n\n\t"rows": 7,\n\n' +
      '\t"statistics":\n\t{\n\t\t"elapsed": 0.001137687,\n\t\t"rows_read": 10000,\n\t\t"bytes_read": 170000\n\t}\n}\n');
  });

  it('JSON with output_format_json_quote_64bit_integers=1 quotes UInt64 (§10.1)', () => {
    expect(text('JSON', [b1], schema, { output_format_json_quote_64bit_integers: '1' })).toContain('"count()": "1429",');
  });

  it('JSON empty result and rows_before_limit_at_least', () => {
    const out = fromUtf8(render('JSON', [], schema, {}, { rows: 0, rowsBeforeLimit: 0, elapsedSeconds: 0.5, rowsRead: 0, bytesRead: 0 } as never));
    expect(out).toContain('"data":\n\t[\n\n\t],\n\n\t"rows": 0,\n\n\t"rows_before_limit_at_least": 0,\n\n\t"statistics"');
  });

  it('JSONCompact (§10.3)', () => {
    expect(text('JSONCompact')).toContain('\t"data":\n\t[\n\t\t["a", 1429, 17128.5],\n\t\t["b", 1429, 17146.25],');
  });

  it('JSONEachRow (§10.4)', () => {
    expect(text('JSONEachRow')).toBe(keys.map((k, i) => `{"k":"${k}","count()":${counts[i]},"sum(v)":${sums[i]}}\n`).join(''));
    expect(text('NDJSON')).toBe(text('JSONEachRow'));
  });

  it('JSONCompactEachRowWithNamesAndTypes (§10.5)', () => {
    expect(text('JSONCompactEachRowWithNamesAndTypes')).toBe('["k", "count()", "sum(v)"]\n["String", "UInt64", "Float64"]\n' +
      keys.map((k, i) => `["${k}", ${counts[i]}, ${sums[i]}]\n`).join(''));
  });

  it('TabSeparatedWithNamesAndTypes (§10.6)', () => {
    expect(text('TSVWithNamesAndTypes')).toBe('k\tcount()\tsum(v)\nString\tUInt64\tFloat64\n' +
      keys.map((k, i) => `${k}\t${counts[i]}\t${sums[i]}\n`).join(''));
  });

  it('CSV (§10.7)', () => {
    expect(text('CSV')).toBe('"a",1429,17128.5\n"b",1429,17146.25\n"c",1429,17139.75\n"d",1429,17133.25\n' +
      '"e",1428,17124.5\n"f",1428,17117.75\n"g",1428,17111\n');
  });

  it('CSVWithNames with quote, NULL and Date (observed 18.16, §10.7)', () => {
    const fields: Field[] = [
      { name: 's', type: T.String }, { name: 'n', type: T.UInt8 },
      { name: 'z', type: makeType('Nothing') }, { name: 'd', type: T.Date },
    ];
    const b = makeBatch(fields, [str(['a"b']), flatVector(T.UInt8, Uint8Array.of(1)), constVector(makeType('Nothing'), null, 1),
      flatVector(T.Date, Int32Array.of(19724))]);
    expect(text('CSVWithNames', [b], fields)).toBe('"s","n","z","d"\n"a""b",1,\\N,"2024-01-02"\n');
  });

  it('TSV escaping (observed 18.16: it\'s<TAB>a\\b → it\\\'s\\ta\\\\b, NULL → \\N)', () => {
    const fields: Field[] = [{ name: 's', type: makeType('String', { nullable: true }) }];
    const b = makeBatch(fields, [str(["it's\ta\\b", null, 'x\ny\0'], true)]);
    expect(text('TabSeparated', [b], fields)).toBe("it\\'s\\ta\\\\b\n\\N\nx\\ny\\0\n");
  });

  it('JSON string escaping: / as \\/, control characters, U+2028', () => {
    const fields: Field[] = [{ name: 's', type: T.String }];
    const b = makeBatch(fields, [str(['a/b"c\\\n\u0001\u2028'])]);
    expect(text('JSONEachRow', [b], fields)).toBe('{"s":"a\\/b\\"c\\\\\\n\\u0001\\u2028"}\n');
  });

  it('value spelling: floats, bools, dates, DateTime64, dictionaries and constants', () => {
    const fields: Field[] = [
      { name: 'f', type: T.Float64 }, { name: 'g', type: T.Float32 }, { name: 'b', type: T.Bool },
      { name: 't', type: T.DateTime }, { name: 't3', type: T.DateTime64 }, { name: 'd', type: T.String },
      { name: 'c', type: T.Int64 },
    ];
    const dict = str(['x', 'y']);
    const b = makeBatch(fields, [
      flatVector(T.Float64, Float64Array.of(Infinity, NaN, 1e21, 1e-7)),
      flatVector(T.Float32, Float32Array.of(0.1, -Infinity, 3.5, 1 / 3)),
      flatVector(T.Bool, Uint8Array.of(1, 0, 1, 0)),
      flatVector(T.DateTime, Uint32Array.of(0, 1704067200, 1704067201, 86399)),
      flatVector(T.DateTime64, BigInt64Array.of(0n, 1704067200123n, -1n, 5n)),
      dictVector(T.String, Uint8Array.of(1, 0, 1, 1), dict),
      constVector(T.Int64, -9007199254740993n, 4),
    ]);
    expect(text('TSV', [b], fields)).toBe(
      'inf\t0.1\ttrue\t1970-01-01 00:00:00\t1970-01-01 00:00:00.000\ty\t-9007199254740993\n' +
      'nan\t-inf\tfalse\t2024-01-01 00:00:00\t2024-01-01 00:00:00.123\tx\t-9007199254740993\n' +
      '1e21\t3.5\ttrue\t2024-01-01 00:00:01\t1969-12-31 23:59:59.999\ty\t-9007199254740993\n' +
      '1e-7\t0.33333334\tfalse\t1970-01-01 23:59:59\t1970-01-01 00:00:00.005\ty\t-9007199254740993\n');
    expect(text('JSONCompactEachRow', [b], fields).split('\n')[0]).toBe(
      '[null, 0.1, true, "1970-01-01 00:00:00", "1970-01-01 00:00:00.000", "y", -9007199254740993]');
  });

  it('DateTime in a column time zone', () => {
    const fields: Field[] = [{ name: 't', type: makeType('DateTime', { timezone: 'Europe/Berlin' }) }];
    const b = makeBatch(fields, [flatVector(fields[0]!.type, Uint32Array.of(1704067200, 1719792000))]);
    expect(text('TSV', [b], fields)).toBe('2024-01-01 01:00:00\n2024-07-01 02:00:00\n');
  });

  it('JSONStrings and Values', () => {
    expect(text('JSONCompactStringsEachRow', [b1])).toBe('["a", "1429", "17128.5"]\n["b", "1429", "17146.25"]\n["c", "1429", "17139.75"]\n');
    expect(text('Values', [b1])).toBe("('a',1429,17128.5),('b',1429,17146.25),('c',1429,17139.75)");
    expect(text('Null')).toBe('');
  });

  it('PrettyCompact and Pretty draw boxes (structure as in the docs)', () => {
    const fields: Field[] = [{ name: 'x', type: T.UInt8 }, { name: 's', type: T.String }];
    const b = makeBatch(fields, [flatVector(T.UInt8, Uint8Array.of(1, 22)), str(['abc', 'd'])]);
    expect(text('PrettyCompact', [b], fields)).toBe('┌──x─┬─s───┐\n│  1 │ abc │\n│ 22 │ d   │\n└────┴─────┘\n');
    expect(text('Pretty', [b], fields)).toBe(
      '┏━━━━┳━━━━━┓\n┃  x ┃ s   ┃\n┡━━━━╇━━━━━┩\n│  1 │ abc │\n├────┼─────┤\n│ 22 │ d   │\n└────┴─────┘\n');
  });

  it('ArrowStream and Arrow read back with apache-arrow', () => {
    for (const f of ['ArrowStream', 'Arrow']) {
      const t = arrow.tableFromIPC(render(f, [b1, b2]));
      expect(t.numRows).toBe(7);
      expect(t.getChild('k')!.toArray()).toEqual(keys);
      expect(Array.from(t.getChild('sum(v)')!.toArray() as Float64Array)).toEqual(sums);
      expect(t.getChild('count()')!.get(6)).toBe(1428n);
    }
    expect(fromUtf8(render('Arrow', [b1]).subarray(0, 6))).toBe('ARROW1');
  });

  it('Parquet reads back with parquet-wasm', () => {
    const bytes = render('Parquet', [b1, b2]);
    expect(fromUtf8(bytes.subarray(0, 4))).toBe('PAR1');
    const t = arrow.tableFromIPC(pq.readParquet(bytes).intoIPCStream());
    expect(t.numRows).toBe(7);
    expect(t.getChild('k')!.toArray()).toEqual(keys);
  });
});
