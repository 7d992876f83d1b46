/**
 * CAST between all types: numbers ↔ numbers (C-style truncation and wrap, as ClickHouse's toIntN),
 * numbers/dates → String (expr/format.ts), String → numbers, Bool, Date, DateTime, DateTime64 (text
 * parsed from a latin1 view of the bytes; dictionaries parse each entry once), Date ↔ DateTime ↔
 * DateTime64 (unit scaling), and Nullable targets. Unparsable text throws CANNOT_PARSE_TEXT (numbers)
 * or CANNOT_PARSE_DATETIME.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { DataType } from '../../src/core/types.ts';
import { T, quoteToken, withNullable } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { constVector, dictVector, flatVector } from '../../src/core/vector.ts';
import { allocValues, halves, materialize, retype, storeF64AsI64 } from './build.ts';
import { parseDateText, parseDateTimeText } from './datetime.ts';
import { stripType } from './define.ts';
import { formatVector } from './format.ts';
import { nullsOf } from './read.ts';
import { convertNumeric } from './select.ts';
import { latin1 } from './strings.ts';

/** Parse one text value into the numeric domain of t (a double; 64-bit text beyond 2^53 via BigInt). */
function parseOne(text: string, t: DataType, out: ReturnType<typeof allocValues>, i: number): void {
  const s = text.trim();
  switch (t.kind) {
    case 'Date': out[i] = parseDateText(s); return;
    case 'DateTime': out[i] = parseDateTimeText(s, 0, t.timezone); return;
    case 'DateTime64': storeF64AsI64(halves(out as BigInt64Array), i, parseDateTimeText(s, t.precision ?? 3, t.timezone)); return;
    case 'Bool': {
      const l = s.toLowerCase();
      if (l === 'true' || l === '1') out[i] = 1;
      else if (l === 'false' || l === '0') out[i] = 0;
      else throw new EddyError('CANNOT_PARSE_TEXT', `Cannot parse Bool from ${quoteToken(s)}`);
      return;
    }
    default: {
      const isInt = t.kind !== 'Float32' && t.kind !== 'Float64';
      if (isInt ? !/^[+-]?\d+$/.test(s) : !/^[+-]?(\d+\.?\d*([eE][+-]?\d+)?|\.\d+([eE][+-]?\d+)?|inf|infinity|nan)$/i.test(s)) {
        throw new EddyError('CANNOT_PARSE_TEXT', `Cannot parse ${t.kind} from ${quoteToken(s)}`);
      }
      if (out instanceof BigInt64Array || out instanceof BigUint64Array) {
        const x = Number(s);
        if (Math.abs(x) < 2 ** 53) storeF64AsI64(halves(out), i, x);
        else out[i] = out instanceof BigInt64Array ? BigInt.asIntN(64, BigInt(s)) : BigInt.asUintN(64, BigInt(s));
        return;
      }
      const l = s.toLowerCase().replace(/^\+/, '');
      const x = l === 'inf' || l === 'infinity' ? Infinity : l === '-inf' || l === '-infinity' ? -Infinity : l === 'nan' ? NaN : Number(l);
      out[i] = isInt ? Math.trunc(x) : x;
    }
  }
}

function parseStrings(s: StringVector, t: DataType): Vector {
  const n = s.length, o = s.offsets;
  const out = allocValues(t, n);
  const text = latin1(s.bytes);
  const nulls = s.nulls;
  for (let i = 0; i < n; i++) {
    if (nulls !== null && nulls[i] === 1) continue;
    parseOne(Buffer.from(text.slice(o[i]!, o[i + 1]!), 'latin1').toString('utf8'), t, out, i);
  }
  return flatVector(t, out, nulls);
}

/** Cast v (n rows) to type `to`. */
export function castVector(v: Vector, to: DataType, n: number): Vector {
  const base = stripType(to);
  const nulls = nullsOf(v, n);
  if (v.type.kind === 'Nothing') return constVector(withNullable(to), null, n);
  if (nulls !== null && !to.nullable) {
    throw new EddyError('CANNOT_CONVERT_TYPE', `Cannot convert NULL value to non-Nullable type ${quoteToken(to.kind)}`);
  }
  let r: Vector;
  if (base.kind === 'String') r = formatVector(v, n, base);
  else if (v.type.kind === 'String') {
    if (v.kind === 'dict') {
      const d = parseStrings(v.dict as StringVector, base);
      r = dictVector(base, v.codes, d as never, v.nulls);
    } else r = parseStrings(materialize(v) as StringVector, base);
  } else {
    const { a, m } = convertNumeric(v, base, n);
    if (m === 0) {
      const full = allocValues(base, n);
      if (full instanceof BigInt64Array || full instanceof BigUint64Array) {
        const w = halves(full), s = halves(a as BigInt64Array);
        for (let i = 0; i < n; i++) { w[2 * i] = s[0]!; w[2 * i + 1] = s[1]!; }
      } else (full as Float64Array).fill((a as Float64Array)[0]!);
      r = flatVector(base, full);
    } else r = flatVector(base, a);
    if (base.kind === 'Bool') {
      const b = (r as { values: Uint8Array }).values;
      const src = convertNumeric(v, T.Float64, n);
      for (let i = 0; i < n; i++) b[i] = (src.a as Float64Array)[i & src.m] !== 0 ? 1 : 0;
    }
  }
  return retype(r, to, nulls);
}
