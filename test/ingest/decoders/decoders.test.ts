/** Input decoders: round trips through the output formats, chunk boundaries anywhere, and clear errors. */
import { describe, expect, it } from 'vitest';
import { makeBatch } from '../../../src/core/batch.ts';
import { EddyError } from '../../../src/core/errors.ts';
import { Settings } from '../../../src/core/settings.ts';
import { makeType, T, type Field, type Scalar } from '../../../src/core/types.ts';
import { toScalars, utf8, type Vector } from '../../../src/core/vector.ts';
import { vectorFromScalars } from '../../../src/core/builder.ts';
import { getDecoder } from '../../../ingest/decoders/index.ts';
import { outputFormat } from '../../../src/server/formats/registry.ts';

const fields: Field[] = [
  { name: 'id', type: T.UInt64 },
  { name: 'i', type: T.Int32 },
  { name: 's', type: makeType('String', { nullable: true }) },
  { name: 'f', type: T.Float64 },
  { name: 'b', type: T.Bool },
  { name: 'd', type: T.Date },
  { name: 't', type: T.DateTime },
  { name: 't3', type: T.DateTime64 },
];
const rows: Scalar[][] = [
  [1n, -5, 'plain', 1.5, true, 19724, 1704067200, 1704067200123n],
  [18446744073709551615n, 2147483647, 'tab\there "q" \'s\' \\ ,\nnl', -0.1, false, 0, 0, -1n],
  [3n, -2147483648, null, 1e300, true, 20000, 4294967295, 5n],
  [4n, 0, '', 1e-300, false, 1, 86399, 0n],
];

function columnsOf(rs: readonly Scalar[][]): Vector[] {
  return fields.map((f, c) => vectorFromScalars(f.type, rs.map((r) => r[c]!)));
}

function encode(format: string): Uint8Array {
  const w = outputFormat(format).create(fields, { settings: new Settings(), timezone: 'UTC' });
  return Buffer.concat([w.header(), w.batch(makeBatch(fields, columnsOf(rows))), w.footer({ rows: 4, elapsedSeconds: 0, rowsRead: 0, bytesRead: 0 })]);
}

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let p = 0; p < bytes.length; p += size) yield bytes.slice(p, p + size);
}

async function decode(format: string, input: Uint8Array | string, cols: readonly Field[] = fields, size = 1 << 20,
  settings: Record<string, unknown> = {}): Promise<Scalar[][]> {
  const bytes = typeof input === 'string' ? utf8(input) : input;
  const out: Scalar[][] = [];
  for await (const b of getDecoder(format)(chunks(bytes, size), cols, settings)) {
    const cs = b.columns.map(toScalars);
    for (let r = 0; r < b.rowCount; r++) out.push(cs.map((c) => c[r]!));
  }
  return out;
}

const expected = rows.map((r) => r.map((v) => (typeof v === 'boolean' ? v : v)));

describe('decoders: round trips', () => {
  for (const format of ['JSONEachRow', 'JSONCompactEachRow', 'JSONCompactEachRowWithNamesAndTypes', 'CSV', 'CSVWithNames',
    'TabSeparated', 'TSVWithNames', 'TabSeparatedWithNamesAndTypes', 'Values', 'ArrowStream', 'Arrow', 'Parquet']) {
    it(format, async () => {
      const bytes = encode(format);
      expect(await decode(format, bytes)).toEqual(expected);
      if (!['Arrow', 'Parquet'].includes(format)) expect(await decode(format, bytes, fields, 3)).toEqual(expected);
    });
  }

  it('splits big inputs into ~64K-row blocks while streaming', async () => {
    const cols: Field[] = [{ name: 'x', type: T.UInt32 }];
    const text = Array.from({ length: 150_000 }, (_, i) => `${i}\n`).join('');
    const sizes: number[] = [];
    for await (const b of getDecoder('TSV')(chunks(utf8(text), 4096), cols, {})) sizes.push(b.rowCount);
    expect(sizes).toEqual([65536, 65536, 150_000 - 131072]);
  });
});

describe('decoders: leniency', () => {
  const cols: Field[] = [{ name: 'a', type: T.Int32 }, { name: 'b', type: T.String }];
  it('JSONEachRow: missing → default, unknown skipped, NULL → default, numbers as strings, nested as text', async () => {
    expect(await decode('JSONEachRow', '{"b":"x","zz":[1,{"q":2}]}\n{"a":"7","b":null}\n[{"a":1,"b":{"k":[1]}}]', cols))
      .toEqual([[0, 'x'], [7, ''], [1, '{"k":[1]}']]);
  });
  it('JSONEachRow: unknown field rejected when skipping is off', async () => {
    await expect(decode('JSONEachRow', '{"a":1}\n{"a":2,"zz":1}\n', cols, 1 << 20, { input_format_skip_unknown_fields: 0 }))
      .rejects.toThrow(/Unknown field found while parsing JSONEachRow format: zz at row 2/);
  });
  it('JSON string escapes and unicode', async () => {
    expect(await decode('JSONEachRow', '{"a":1,"b":"\\u00e9\\ud83d\\ude00\\n\\/"}', cols)).toEqual([[1, 'é😀\n/']]);
  });
  it('CSV: quotes, CRLF, empty as default, \\N', async () => {
    const nc: Field[] = [{ name: 'a', type: makeType('Int32', { nullable: true }) }, { name: 'b', type: T.String }];
    expect(await decode('CSV', '1,"a""b"\r\n,x\r\n\\N,"multi\nline"\n', nc)).toEqual([[1, 'a"b'], [0, 'x'], [null, 'multi\nline']]);
  });
  it('Values: negatives, NULL, escapes, doubled quotes, trailing semicolon', async () => {
    const nc: Field[] = [{ name: 'a', type: makeType('Float64', { nullable: true }) }, { name: 'b', type: T.String }];
    expect(await decode('Values', "(-1.5, 'it\\'s'), (NULL,'a''b') ,(2e3,'x');", nc)).toEqual([[-1.5, "it's"], [null, "a'b"], [2000, 'x']]);
  });
  it('CSVWithNames maps the header to columns', async () => {
    expect(await decode('CSVWithNames', 'b,a\nx,1\n', cols)).toEqual([[1, 'x']]);
  });
});

describe('decoders: errors name the row, column and value', () => {
  const cols: Field[] = [{ name: 'a', type: T.UInt8 }, { name: 'b', type: T.String }];
  const cases: [string, string, RegExp][] = [
    ['JSONEachRow', '{"a":1,"b":"x"}\n{"a":300,"b":"y"}\n', /value '300' is not a UInt8, in column 'a' at row 2/],
    ['JSONEachRow', '{"a":1,"b":"x"}\n{"a":1 "b":"y"}\n', /expected ',' or '}'.* at row 2/],
    ['JSONEachRow', '{"a":1,"b":"x"', /Unexpected end of data.* at row 1/],
    ['JSONCompactEachRow', '[1,"x"]\n["abc","y"]\n', /value 'abc' is not a UInt8, in column 'a' at row 2/],
    ['JSONCompactEachRow', '[1,"x",3]\n', /Too many values in a row.* at row 1/],
    ['JSONCompactEachRow', '[1]\n', /Not enough values.* at row 1/],
    ['CSV', '1,x\n2,y\nz,w\n', /value 'z' is not a UInt8, in column 'a' at row 3/],
    ['CSV', '1,"x\n', /Unterminated quoted CSV field at row 1/],
    ['TabSeparated', '1\tx\n-1\ty\n', /value '-1' is not a UInt8, in column 'a' at row 2/],
    ['TabSeparated', '1\n', /Not enough fields in a row: expected 2, got 1.* at row 1/],
    ['Values', "(1,'x'),(2)", /expected ','.* at row 2/],
    ['Values', "(1,'x'),(now(),'y')", /expressions are not supported.* at row 2/],
    ['ArrowStream', 'not arrow at all', /Cannot read ArrowStream data/],
    ['Parquet', 'not parquet', /Cannot read Parquet data/],
  ];
  for (const [format, input, re] of cases) {
    it(`${format}: ${JSON.stringify(input).slice(0, 40)}`, async () => {
      const err = await decode(format, input, cols).then(() => null, (e: unknown) => e);
      expect(err).toBeInstanceOf(EddyError);
      expect((err as Error).message).toMatch(re);
    });
  }
  it('NULL into a non-Nullable column when null_as_default is off', async () => {
    await expect(decode('TSV', '\\N\tx\n', cols, 1 << 20, { input_format_null_as_default: 0 })).rejects.toThrow(/value 'NULL' is not a non-NULL UInt8.*column 'a' at row 1/);
  });
  it('unknown input format', () => {
    expect(() => getDecoder('Nope')).toThrow(/Unknown input format 'Nope'/);
  });
});
