/**
 * Parquet: batches are converted to Arrow record batches as they come, and the file (which needs its
 * footer to describe every row group) is written with parquet-wasm at the end. Compression follows
 * output_format_parquet_compression_method (zstd by default, as ClickHouse).
 */
import * as arrow from 'apache-arrow';
import * as pq from 'parquet-wasm';
import { arrowSchemaOf, toRecordBatch } from './arrow.ts';
import type { FormatWriter, OutputFormat } from './format.ts';
import { EMPTY } from './format.ts';

function compressionOf(name: string): pq.Compression {
  switch (name) {
    case 'none': return pq.Compression.UNCOMPRESSED;
    case 'snappy': return pq.Compression.SNAPPY;
    case 'gzip': return pq.Compression.GZIP;
    case 'brotli': return pq.Compression.BROTLI;
    case 'lz4': return pq.Compression.LZ4_RAW;
    default: return pq.Compression.ZSTD;
  }
}

/** Parquet output format. */
export const PARQUET_FORMAT: OutputFormat = {
  name: 'Parquet',
  contentType: 'application/vnd.apache.parquet',
  create(fields, opts): FormatWriter {
    const schema = arrowSchemaOf(fields);
    const batches: arrow.RecordBatch[] = [];
    const compression = compressionOf(opts.settings.str('output_format_parquet_compression_method'));
    return {
      header: () => EMPTY,
      batch(b) {
        if ((b.sel === null ? b.length : b.sel.length) > 0) batches.push(toRecordBatch(b, schema));
        return EMPTY;
      },
      footer() {
        const table = batches.length > 0 ? new arrow.Table(batches) : new arrow.Table(schema);
        const wasmTable = pq.Table.fromIPCStream(arrow.tableToIPC(table, 'stream'));
        const props = new pq.WriterPropertiesBuilder().setCompression(compression).build();
        return pq.writeParquet(wasmTable, props);
      },
    };
  },
};
