/**
 * Cell writers: for one column of one batch, a function that appends row i's value to a ByteBuf in a
 * given text style (TSV-escaped, CSV, JSON, JSON-string, SQL-quoted, raw). The function is built once
 * per column per batch (dictionary and constant vectors are resolved up front), so the row loop makes
 * one call per cell and never allocates for strings: string bytes are copied with escaping as they are.
 */
import type { DataType } from '../../core/types.ts';
import { arrayTypeOf, is64Bit } from '../../core/types.ts';
import type { FlatVector, StringVector, Vector } from '../../core/vector.ts';
import { utf8 } from '../../core/vector.ts';
import type { Settings } from '../../core/settings.ts';
import type { ByteBuf } from './buffer.ts';
import { float32Text, float64Text } from './float.ts';
import { dateText, dateTime64Text, dateTimeIsoText, dateTimeText, splitTicks } from './temporal.ts';

/** How values are spelled. */
export type CellStyle = 'tsv' | 'csv' | 'json' | 'jsonString' | 'quoted' | 'raw';

/** Appends the value at physical row `i`. */
export type CellWriter = (out: ByteBuf, i: number) => void;

/** Settings that change how cells are written, resolved once per query. */
export interface CellOptions {
  /** Time zone for DateTime columns without one. */
  readonly timezone: string;
  readonly quote64: boolean;
  readonly quoteFloat64: boolean;
  readonly quoteDenormals: boolean;
  readonly escapeSlashes: boolean;
  readonly dateTimeFormat: string;
  /** What NULL looks like in this style (overrides the style's default). */
  readonly nullText?: string;
}

/** Resolve the cell options from query settings. */
export function cellOptions(settings: Settings, timezone: string): CellOptions {
  const tz = settings.str('session_timezone');
  return {
    timezone: tz !== '' ? tz : timezone,
    quote64: settings.bool('output_format_json_quote_64bit_integers'),
    quoteFloat64: settings.bool('output_format_json_quote_64bit_floats'),
    quoteDenormals: settings.bool('output_format_json_quote_denormals'),
    escapeSlashes: settings.bool('output_format_json_escape_forward_slashes'),
    dateTimeFormat: settings.str('date_time_output_format'),
  };
}

/** The text Pretty formats and JSONStrings use for NULL. */
export const PRETTY_NULL = 'ᴺᵁᴸᴸ';

function defaultNull(style: CellStyle): string {
  switch (style) {
    case 'tsv': case 'csv': return '\\N';
    case 'json': return 'null';
    case 'jsonString': return `"${PRETTY_NULL}"`;
    case 'quoted': return 'NULL';
    case 'raw': return PRETTY_NULL;
  }
}

/** A cell writer for column `v`. */
export function cellWriter(v: Vector, style: CellStyle, o: CellOptions): CellWriter {
  const nullBytes = utf8(o.nullText ?? defaultNull(style));
  const writeNull = (out: ByteBuf): void => out.bytes(nullBytes);
  if (v.kind === 'const') {
    if (v.value === null) return writeNull;
    const w = valueWriter(constToVector(v.type, v.value), style, o);
    return (out) => w(out, 0);
  }
  if (v.kind === 'dict') {
    const w = valueWriter(v.dict, style, o);
    const codes = v.codes;
    const outer = v.nulls;
    const inner = v.dict.nulls;
    if (outer === null && inner === null) return (out, i) => w(out, codes[i]!);
    return (out, i) => {
      const c = codes[i]!;
      if ((outer !== null && outer[i] === 1) || (inner !== null && inner[c] === 1)) writeNull(out);
      else w(out, c);
    };
  }
  const w = valueWriter(v, style, o);
  const nulls = v.nulls;
  if (nulls === null) return w;
  return (out, i) => {
    if (nulls[i] === 1) writeNull(out);
    else w(out, i);
  };
}

/** A one-row flat or string vector holding a constant's value. */
export function constToVector(type: DataType, value: string | number | bigint | boolean): FlatVector | StringVector {
  if (type.kind === 'String') {
    const bytes = utf8(String(value));
    return { kind: 'string', type, length: 1, offsets: Int32Array.of(0, bytes.length), bytes, nulls: null };
  }
  const Ctor = arrayTypeOf(type);
  const values = new Ctor(1);
  if (values instanceof BigInt64Array || values instanceof BigUint64Array) values[0] = BigInt(value);
  else values[0] = typeof value === 'boolean' ? (value ? 1 : 0) : Number(value);
  return { kind: 'flat', type, length: 1, values, nulls: null };
}

/** Text form of a non-string value at row i (as in TSV), without quoting. */
function textOf(type: DataType, o: CellOptions): ((values: ArrayLike<number | bigint>, i: number) => string) {
  const tz = type.timezone ?? o.timezone;
  switch (type.kind) {
    case 'Float32': return (a, i) => float32Text(a[i] as number);
    case 'Float64': return (a, i) => float64Text(a[i] as number);
    case 'Bool': return (a, i) => (a[i] ? 'true' : 'false');
    case 'Date': return (a, i) => dateText(a[i] as number);
    case 'DateTime':
      if (o.dateTimeFormat === 'unix_timestamp') return (a, i) => String(a[i]);
      if (o.dateTimeFormat === 'iso') return (a, i) => dateTimeIsoText(a[i] as number);
      return (a, i) => dateTimeText(a[i] as number, tz);
    case 'DateTime64': {
      const p = type.precision ?? 3;
      if (o.dateTimeFormat === 'unix_timestamp') {
        return (a, i) => { const s = splitTicks(a[i] as bigint, p); return p === 0 ? String(s.seconds) : `${s.seconds}.${s.fraction}`; };
      }
      if (o.dateTimeFormat === 'iso') {
        return (a, i) => { const s = splitTicks(a[i] as bigint, p); return dateTimeIsoText(s.seconds).replace('Z', p === 0 ? 'Z' : `.${s.fraction}Z`); };
      }
      return (a, i) => dateTime64Text(a[i] as bigint, p, tz);
    }
    default: return (a, i) => String(a[i]);
  }
}

function valueWriter(v: FlatVector | StringVector, style: CellStyle, o: CellOptions): CellWriter {
  if (v.kind === 'string') return stringWriter(v, style, o);
  const t = v.type;
  const a = v.values as ArrayLike<number | bigint>;
  const text = textOf(t, o);
  const isTemporal = t.kind === 'Date' || t.kind === 'DateTime' || t.kind === 'DateTime64';
  const isFloat = t.kind === 'Float32' || t.kind === 'Float64';
  let quote = 0;
  switch (style) {
    case 'csv': if (isTemporal) quote = 0x22; break;
    case 'quoted': if (isTemporal) quote = 0x27; break;
    case 'jsonString': quote = 0x22; break;
    case 'json':
      if (isTemporal || (is64Bit(t) && o.quote64) || (t.kind === 'Float64' && o.quoteFloat64)) quote = 0x22;
      if (isTemporal && o.dateTimeFormat === 'unix_timestamp') quote = 0;
      break;
    default: break;
  }
  if (style === 'json' && isFloat) {
    const denorm = o.quoteDenormals;
    return (out, i) => {
      const x = a[i] as number;
      if (x - x !== 0) { out.ascii(denorm ? `"${float64Text(x)}"` : 'null'); return; }
      if (quote) out.byte(quote);
      out.ascii(text(a, i));
      if (quote) out.byte(quote);
    };
  }
  if (quote === 0) return (out, i) => out.ascii(text(a, i));
  return (out, i) => {
    out.byte(quote);
    out.ascii(text(a, i));
    out.byte(quote);
  };
}

const HEX = '0123456789ABCDEF';

function stringWriter(v: StringVector, style: CellStyle, o: CellOptions): CellWriter {
  const { offsets, bytes } = v;
  switch (style) {
    case 'raw':
      return (out, i) => out.bytes(bytes, offsets[i]!, offsets[i + 1]!);
    case 'tsv':
      return (out, i) => writeEscaped(out, bytes, offsets[i]!, offsets[i + 1]!);
    case 'quoted':
      return (out, i) => { out.byte(0x27); writeEscaped(out, bytes, offsets[i]!, offsets[i + 1]!); out.byte(0x27); };
    case 'csv':
      return (out, i) => writeCsvQuoted(out, bytes, offsets[i]!, offsets[i + 1]!);
    case 'json': case 'jsonString': {
      const slashes = o.escapeSlashes;
      return (out, i) => writeJsonString(out, bytes, offsets[i]!, offsets[i + 1]!, slashes);
    }
  }
}

/** TSV/SQL escaping: `\b \f \r \n \t \0 \\` and `'` as `\'` (TSV escapes the quote too, as ClickHouse does). */
export function writeEscaped(out: ByteBuf, b: Uint8Array, start: number, end: number): void {
  let run = start;
  for (let p = start; p < end; p++) {
    const c = b[p]!;
    let e = 0;
    switch (c) {
      case 0x08: e = 0x62; break; // b
      case 0x0c: e = 0x66; break; // f
      case 0x0a: e = 0x6e; break; // n
      case 0x0d: e = 0x72; break; // r
      case 0x09: e = 0x74; break; // t
      case 0x00: e = 0x30; break; // 0
      case 0x5c: e = 0x5c; break;
      case 0x27: e = 0x27; break;
      default: continue;
    }
    if (p > run) out.bytes(b, run, p);
    out.byte(0x5c);
    out.byte(e);
    run = p + 1;
  }
  if (end > run) out.bytes(b, run, end);
}

/** CSV: always double-quoted, `"` doubled. */
export function writeCsvQuoted(out: ByteBuf, b: Uint8Array, start: number, end: number): void {
  out.byte(0x22);
  let run = start;
  for (let p = start; p < end; p++) {
    if (b[p] !== 0x22) continue;
    out.bytes(b, run, p + 1);
    out.byte(0x22);
    run = p + 1;
  }
  if (end > run) out.bytes(b, run, end);
  out.byte(0x22);
}

/** A JSON string literal of UTF-8 bytes: `"` `\` control characters, `/` (optional), U+2028/2029. */
export function writeJsonString(out: ByteBuf, b: Uint8Array, start: number, end: number, escapeSlashes: boolean): void {
  out.byte(0x22);
  let run = start;
  for (let p = start; p < end; p++) {
    const c = b[p]!;
    let e: string | null = null;
    if (c < 0x20) {
      switch (c) {
        case 0x08: e = '\\b'; break;
        case 0x0c: e = '\\f'; break;
        case 0x0a: e = '\\n'; break;
        case 0x0d: e = '\\r'; break;
        case 0x09: e = '\\t'; break;
        default: e = '\\u00' + HEX[c >> 4]! + HEX[c & 15]!;
      }
    } else if (c === 0x22) e = '\\"';
    else if (c === 0x5c) e = '\\\\';
    else if (c === 0x2f && escapeSlashes) e = '\\/';
    else if (c === 0xe2 && b[p + 1] === 0x80 && (b[p + 2] === 0xa8 || b[p + 2] === 0xa9)) {
      if (p > run) out.bytes(b, run, p);
      out.ascii(b[p + 2] === 0xa8 ? '\\u2028' : '\\u2029');
      p += 2;
      run = p + 1;
      continue;
    } else continue;
    if (p > run) out.bytes(b, run, p);
    out.ascii(e);
    run = p + 1;
  }
  if (end > run) out.bytes(b, run, end);
  out.byte(0x22);
}

/** A JSON string literal of a JS string (names, types). */
export function jsonStringOf(s: string, escapeSlashes: boolean, out: ByteBuf): void {
  const b = utf8(s);
  writeJsonString(out, b, 0, b.length, escapeSlashes);
}

/** Cell writers for every column of a batch. */
export function cellWriters(columns: readonly Vector[], style: CellStyle, o: CellOptions): CellWriter[] {
  return columns.map((c) => cellWriter(c, style, o));
}

/** Physical row indexes of a batch's active rows, visited in order. */
export function forEachActive(length: number, sel: Uint32Array | null, fn: (i: number, n: number) => void): void {
  if (sel === null) for (let n = 0; n < length; n++) fn(n, n);
  else for (let n = 0; n < sel.length; n++) fn(sel[n]!, n);
}
