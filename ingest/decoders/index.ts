/**
 * Input format decoders by name (case-sensitive, with ClickHouse's aliases). Each decoder streams
 * `AsyncIterable<Uint8Array>` into blocks of about 64K rows of the target columns.
 */
import { EddyError } from '../../src/core/errors.ts';
import { quoteToken } from '../../src/core/types.ts';
import { decodeArrowFile, decodeArrowStream } from './arrow.ts';
import { decodeCsv, decodeCsvWithNames, decodeCsvWithNamesAndTypes } from './csv.ts';
import type { Decoder } from './decoder.ts';
import { decodeJsonCompactEachRow, decodeJsonCompactEachRowWithNames, decodeJsonCompactEachRowWithNamesAndTypes } from './json-compact-each-row.ts';
import { decodeJsonEachRow } from './json-each-row.ts';
import { offThread } from './off-thread.ts';
import { decodeParquet } from './parquet.ts';
import { decodeTsv, decodeTsvWithNames, decodeTsvWithNamesAndTypes } from './tsv.ts';
import { decodeValues } from './values.ts';

export type { DecodedBlock, Decoder, DecoderSettings } from './decoder.ts';
export { BLOCK_ROWS } from './decoder.ts';

const DECODERS: Readonly<Record<string, Decoder>> = {
  JSONEachRow: decodeJsonEachRow,
  JSONLines: decodeJsonEachRow,
  NDJSON: decodeJsonEachRow,
  JSONCompactEachRow: decodeJsonCompactEachRow,
  JSONCompactEachRowWithNames: decodeJsonCompactEachRowWithNames,
  JSONCompactEachRowWithNamesAndTypes: decodeJsonCompactEachRowWithNamesAndTypes,
  CSV: decodeCsv,
  CSVWithNames: decodeCsvWithNames,
  CSVWithNamesAndTypes: decodeCsvWithNamesAndTypes,
  TabSeparated: decodeTsv,
  TSV: decodeTsv,
  TabSeparatedWithNames: decodeTsvWithNames,
  TSVWithNames: decodeTsvWithNames,
  TabSeparatedWithNamesAndTypes: decodeTsvWithNamesAndTypes,
  TSVWithNamesAndTypes: decodeTsvWithNamesAndTypes,
  Values: decodeValues,
  Arrow: decodeArrowFile,
  ArrowStream: decodeArrowStream,
  Parquet: decodeParquet,
};

/** Formats decoded on the calling thread whatever the input size: Arrow is mostly views of its input. */
const CHEAP = new Set<Decoder>([decodeArrowFile, decodeArrowStream]);

/**
 * The decoder of an input format; throws UNKNOWN_FORMAT. Large inputs of the parsing formats are
 * decoded on a decode thread (see off-thread.ts).
 */
export function getDecoder(format: string): Decoder {
  const d = inlineDecoder(format);
  return CHEAP.has(d) ? d : offThread(format, d);
}

/** The decoder of an input format, running on the calling thread; throws UNKNOWN_FORMAT. */
export function inlineDecoder(format: string): Decoder {
  const d = DECODERS[format] ?? (format.toUpperCase() === 'VALUES' ? decodeValues : undefined);
  if (!d) throw new EddyError('UNKNOWN_FORMAT', `Unknown input format ${quoteToken(format)}`);
  return d;
}

/** Names of every input format (for system.formats). */
export function inputFormatNames(): string[] {
  return Object.keys(DECODERS).sort();
}
