/**
 * TabSeparated's bulk path (whole plain rows parsed column by column) against the row-by-row path:
 * same values for many rows mixing plain rows with escapes, NULLs and CRLF endings, at any chunk size;
 * errors found in bulk still name the right row, column and value; 64-bit integers parse exactly.
 */
import { describe, expect, it } from 'vitest';
import { makeType, T, type Field, type Scalar } from '../../../src/core/types.ts';
import { toScalars, utf8 } from '../../../src/core/vector.ts';
import { getDecoder } from '../../../ingest/decoders/index.ts';

const cols: Field[] = [
  { name: 'i', type: T.Int16 },
  { name: 'u', type: T.UInt64 },
  { name: 'l', type: T.Int64 },
  { name: 's', type: makeType('String', { nullable: true }) },
  { name: 'd', type: T.Date },
  { name: 't', type: T.DateTime },
  { name: 'f', type: T.Float64 },
];

async function* chunks(bytes: Uint8Array, size: number): AsyncIterable<Uint8Array> {
  for (let p = 0; p < bytes.length; p += size) yield bytes.subarray(p, p + size);
}

async function decode(text: string, size: number, fields: readonly Field[] = cols): Promise<Scalar[][]> {
  const out: Scalar[][] = [];
  for await (const b of getDecoder('TabSeparated')(chunks(utf8(text), size), fields, {})) {
    const cs = b.columns.map(toScalars);
    for (let r = 0; r < b.rowCount; r++) out.push(cs.map((c) => c[r]!));
  }
  return out;
}

function rowOf(k: number): { line: string; row: Scalar[] } {
  const u = 18446744073709551615n - BigInt(k) * 1234567890123n;
  const l = k % 2 === 0 ? -9223372036854775808n + BigInt(k) : 9223372036854775807n - BigInt(k) * 99991n;
  const special = k % 37;
  const s = special === 1 ? null : special === 2 ? 'tab\there\\back' : special === 3 ? '' : `s${k}`.repeat(1 + (k % 40));
  const sText = s === null ? '\\N' : s.replace(/\\/g, '\\\\').replace(/\t/g, '\\t');
  const d = 19000 + (k % 1000);
  const t = 1700000000 + k * 61;
  const date = new Date(d * 86400000).toISOString().slice(0, 10);
  const time = new Date(t * 1000).toISOString().slice(0, 19).replace('T', ' ');
  const f = k / 8;
  const i = (k % 65536) - 32768;
  const eol = k % 53 === 5 ? '\r\n' : '\n';
  return { line: `${i}\t${u}\t${l}\t${sText}\t${date}\t${time}\t${f}${eol}`, row: [i, u, l, s, d, t, f] };
}

describe('TabSeparated bulk path', () => {
  const n = 70_000;
  const rows = Array.from({ length: n }, (_, k) => rowOf(k));
  const text = rows.map((r) => r.line).join('');
  const expected = rows.map((r) => r.row);

  for (const size of [1 << 20, 4099, 777]) {
    it(`decodes ${n} mixed rows in ${size}-byte chunks`, async () => {
      expect(await decode(text, size)).toEqual(expected);
    });
  }

  it('names the row, column and value of a bad value found in bulk', async () => {
    const lines = rows.slice(0, 3000).map((r) => r.line);
    lines[2345] = lines[2345]!.replace(/^[^\t]*/, '40000');
    await expect(decode(lines.join(''), 1 << 20)).rejects.toThrow(/value '40000' is not a Int16, in column 'i' at row 2346/);
    lines[2345] = rows[2345]!.line.replace(/\t[^\t]*\t/, '\t18446744073709551616\t');
    await expect(decode(lines.join(''), 1 << 20)).rejects.toThrow(/value '18446744073709551616' is not a UInt64, in column 'u' at row 2346/);
  });

  it('reports a row with too many or too few fields', async () => {
    const lines = rows.slice(0, 500).map((r) => r.line);
    lines[400] = lines[400]!.replace('\n', '\textra\n');
    await expect(decode(lines.join(''), 1 << 20)).rejects.toThrow(/Too many fields in a row: expected 7 at row 401/);
    lines[400] = '1\t2\n';
    await expect(decode(lines.join(''), 1 << 20)).rejects.toThrow(/Not enough fields in a row: expected 7, got 2.* at row 401/);
  });
});
