/**
 * Text form of values as ClickHouse prints them in toString/CAST(x AS String): integers exactly (64-bit
 * through hi/lo halves; BigInt only for rows beyond 2^53), floats with 'inf'/'-inf'/'nan', Bool as
 * 'true'/'false', Date 'YYYY-MM-DD', DateTime 'YYYY-MM-DD hh:mm:ss' in the type's zone.
 */
import type { DataType } from '../../src/core/types.ts';
import type { StringVector, Vector } from '../../src/core/vector.ts';
import { StringBuilder, materialize } from './build.ts';
import { formatDate, formatDateTime } from './datetime.ts';
import { readF64, readI64, TWO32 } from './read.ts';

/** ClickHouse's text for a double. */
export function formatFloat(x: number): string {
  if (Number.isNaN(x)) return 'nan';
  if (x === Infinity) return 'inf';
  if (x === -Infinity) return '-inf';
  return String(x);
}

/** Shortest text that reads back as the same Float32. */
export function formatFloat32(x: number): string {
  if (!Number.isFinite(x)) return formatFloat(x);
  for (let p = 1; p < 9; p++) {
    const y = Number(x.toPrecision(p));
    if (Math.fround(y) === x) return String(y);
  }
  return String(Number(x.toPrecision(9)));
}

/** Format every row of a non-string vector (dictionaries format each entry once). */
export function formatVector(v: Vector, n: number, rt: DataType): StringVector | Vector {
  if (v.type.kind === 'String') return v;
  if (v.kind === 'dict') {
    const d = formatVector(v.dict, v.dict.length, rt);
    return { kind: 'dict', type: rt, length: n, codes: v.codes, dict: d as StringVector, nulls: v.nulls };
  }
  const t = v.type;
  const sb = new StringBuilder(n, n * 8);
  if (t.kind === 'Int64' || t.kind === 'UInt64') {
    const { hi, lo, m } = readI64(v, n);
    for (let i = 0; i < n; i++) {
      const h = hi[i & m]!, l = lo[i & m]!;
      const safe = h < 2097152 && h >= -2097152;
      sb.appendString(safe ? String(h * TWO32 + l) : (BigInt(h) * 4294967296n + BigInt(l)).toString());
    }
    return sb.finish(rt);
  }
  const { a, m } = readF64(v, n);
  switch (t.kind) {
    case 'Date': for (let i = 0; i < n; i++) sb.appendString(formatDate(a[i & m]!)); break;
    case 'DateTime': for (let i = 0; i < n; i++) sb.appendString(formatDateTime(a[i & m]!, 0, t.timezone)); break;
    case 'DateTime64': {
      const { hi, lo, m: mm } = readI64(v, n);
      for (let i = 0; i < n; i++) sb.appendString(formatDateTime(hi[i & mm]! * TWO32 + lo[i & mm]!, t.precision ?? 3, t.timezone));
      break;
    }
    case 'Bool': for (let i = 0; i < n; i++) sb.appendString(a[i & m] ? 'true' : 'false'); break;
    case 'Float32': for (let i = 0; i < n; i++) sb.appendString(formatFloat32(a[i & m]!)); break;
    case 'Float64': for (let i = 0; i < n; i++) sb.appendString(formatFloat(a[i & m]!)); break;
    case 'Nothing': for (let i = 0; i < n; i++) sb.appendString('NULL'); break;
    default: for (let i = 0; i < n; i++) sb.appendString(String(a[i & m]!));
  }
  return sb.finish(rt, v.kind === 'const' ? null : materialize(v).nulls);
}
