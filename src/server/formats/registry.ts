/**
 * Output formats by name. Names are case-sensitive, as in ClickHouse, with its aliases (TSV =
 * TabSeparated, JSONLines = NDJSON = JSONEachRow, ...). Unknown names raise UNKNOWN_FORMAT.
 */
import { EddyError } from '../../core/errors.ts';
import { quoteToken } from '../../core/types.ts';
import { ARROW_FORMATS } from './arrow.ts';
import { CSV_FORMATS } from './csv.ts';
import type { OutputFormat } from './format.ts';
import { JSON_FORMATS } from './json.ts';
import { JSON_COMPACT_EACH_ROW_FORMATS } from './json-compact-each-row.ts';
import { JSON_EACH_ROW_FORMATS } from './json-each-row.ts';
import { NULL_FORMAT } from './null.ts';
import { PARQUET_FORMAT } from './parquet.ts';
import { PRETTY_FORMATS } from './pretty.ts';
import { TSV_FORMATS } from './tsv.ts';
import { VALUES_FORMAT } from './values.ts';

const FORMATS = new Map<string, OutputFormat>();
for (const f of [...JSON_FORMATS, ...JSON_EACH_ROW_FORMATS, ...JSON_COMPACT_EACH_ROW_FORMATS, ...TSV_FORMATS,
  ...CSV_FORMATS, ...PRETTY_FORMATS, ...ARROW_FORMATS, PARQUET_FORMAT, VALUES_FORMAT, NULL_FORMAT]) {
  FORMATS.set(f.name, f);
}

/** Alternative names ClickHouse accepts. */
const ALIASES: Readonly<Record<string, string>> = {
  TSV: 'TabSeparated',
  TSVWithNames: 'TabSeparatedWithNames',
  TSVWithNamesAndTypes: 'TabSeparatedWithNamesAndTypes',
  TSVRaw: 'TabSeparatedRaw',
  TSVRawWithNames: 'TabSeparatedRawWithNames',
  TSVRawWithNamesAndTypes: 'TabSeparatedRawWithNamesAndTypes',
  Raw: 'TabSeparatedRaw',
  JSONLines: 'JSONEachRow',
  NDJSON: 'JSONEachRow',
  JSONStringEachRow: 'JSONStringsEachRow',
};

/** The canonical name of an output format, or undefined when Eddy does not know it. */
export function canonicalOutputFormat(name: string): string | undefined {
  const n = ALIASES[name] ?? name;
  return FORMATS.has(n) ? n : undefined;
}

/** Look up an output format; throws UNKNOWN_FORMAT. */
export function outputFormat(name: string): OutputFormat {
  const f = FORMATS.get(ALIASES[name] ?? name);
  if (!f) throw new EddyError('UNKNOWN_FORMAT', `Unknown output format ${quoteToken(name)}`);
  return f;
}

/** Every output format name, aliases included (for system.formats). */
export function outputFormatNames(): string[] {
  return [...FORMATS.keys(), ...Object.keys(ALIASES)].sort();
}
