/**
 * The settings Eddy knows: name, type, default and description (shown in system.settings), plus a
 * second list of well-known ClickHouse settings that are accepted and ignored so that clients which
 * send them keep working. Anything else is rejected like ClickHouse does (UNKNOWN_SETTING, HTTP 404),
 * except names starting with `custom_`, which are user-defined string settings.
 */
import { EddyError } from './errors.ts';
import { quoteToken } from './types.ts';

/** How a setting's value is parsed and shown. */
export type SettingType = 'UInt64' | 'Int64' | 'Float' | 'Bool' | 'String' | 'Seconds' | 'Milliseconds' | 'Enum';

/** A setting's parsed value. */
export type SettingValue = number | string | boolean;

/** One entry of the registry. */
export interface SettingDef {
  readonly name: string;
  readonly type: SettingType;
  readonly default: SettingValue;
  readonly description: string;
  /** Enum only: the accepted values. */
  readonly values?: readonly string[];
  /** False for settings accepted for compatibility but without effect in Eddy. */
  readonly implemented: boolean;
}

function def(name: string, type: SettingType, dflt: SettingValue, description: string, values?: readonly string[]): SettingDef {
  return { name, type, default: dflt, description, implemented: true, ...(values ? { values } : {}) };
}

function ignored(name: string, type: SettingType, dflt: SettingValue, description: string, values?: readonly string[]): SettingDef {
  return { name, type, default: dflt, description, implemented: false, ...(values ? { values } : {}) };
}

const OVERFLOW = ['throw', 'break'] as const;

/** Settings with an effect in Eddy. Defaults follow ClickHouse except where noted. */
const IMPLEMENTED: readonly SettingDef[] = [
  def('max_block_size', 'UInt64', 65536, 'Maximum number of rows in a block read or produced by the engine.'),
  def('max_insert_block_size', 'UInt64', 1048576, 'Maximum number of rows in a block formed for insertion into a table.'),
  def('max_threads', 'UInt64', 0, 'Maximum number of query processing threads (0 = number of cores).'),
  def('merge_tree_min_rows_for_concurrent_read', 'UInt64', 163840, 'Fewest rows to read from MergeTree parts for a query to run on several threads.'),
  def('merge_tree_min_rows_per_thread', 'UInt64', 2000000,
    'Rows to read from MergeTree parts per query worker thread: a parallel scan uses one worker per this many rows, at most max_threads (0 = max_threads; Eddy only).'),
  def('group_by_two_level_threshold', 'UInt64', 50000,
    'Groups a thread of a parallel GROUP BY must exceed for the threads to merge by key hash instead of on one thread (0 = never; Eddy default, ClickHouse uses 100000).'),
  def('query_plan_optimize_lazy_materialization', 'Bool', true, 'Read columns that only the result needs after ORDER BY … LIMIT has picked its rows (lazy materialisation).'),
  def('query_plan_max_limit_for_lazy_materialization', 'UInt64', 1000,
    'Largest LIMIT + OFFSET for lazy materialisation (Eddy default; ClickHouse uses 10).'),
  def('max_execution_time', 'Seconds', 0, 'Maximum query execution time in seconds (0 = unlimited); exceeding it raises TIMEOUT_EXCEEDED.'),
  def('max_memory_usage', 'UInt64', 0, 'Maximum memory a query may use, in bytes (0 = unlimited).'),
  def('max_result_rows', 'UInt64', 0, 'Limit on the number of rows in the result (0 = unlimited).'),
  def('max_result_bytes', 'UInt64', 0, 'Limit on the number of bytes in the result (0 = unlimited).'),
  def('result_overflow_mode', 'Enum', 'throw', 'What to do when a result limit is exceeded: throw an exception or break (return a partial result).', OVERFLOW),
  def('max_rows_to_read', 'UInt64', 0, 'Maximum number of rows a query may read from tables (0 = unlimited).'),
  def('max_bytes_to_read', 'UInt64', 0, 'Maximum number of bytes a query may read from tables (0 = unlimited).'),
  def('read_overflow_mode', 'Enum', 'throw', 'What to do when a read limit is exceeded.', OVERFLOW),
  def('readonly', 'UInt64', 0, '0: all queries; 1: only reads and no setting changes; 2: reads and setting changes except readonly.'),
  def('limit', 'UInt64', 0, 'Maximum number of rows returned by the outermost SELECT (0 = no limit).'),
  def('offset', 'UInt64', 0, 'Number of rows skipped by the outermost SELECT before returning rows.'),
  def('output_format_json_quote_64bit_integers', 'Bool', false,
    'Quote 64-bit integers in JSON output formats. Eddy follows the ClickHouse 25.8+ default (0): bare numbers.'),
  def('output_format_json_quote_64bit_floats', 'Bool', false, 'Quote 64-bit floats in JSON output formats.'),
  def('output_format_json_quote_denormals', 'Bool', false, 'Write nan, inf and -inf as quoted strings in JSON output instead of null.'),
  def('output_format_json_quote_decimals', 'Bool', false, 'Quote decimals in JSON output formats.'),
  def('output_format_json_escape_forward_slashes', 'Bool', true, 'Escape / as \\/ in JSON output strings.'),
  def('output_format_json_named_tuples_as_objects', 'Bool', true, 'Write named tuples as JSON objects.'),
  def('output_format_json_array_of_rows', 'Bool', false, 'Write JSONEachRow output as one JSON array of rows.'),
  def('output_format_write_statistics', 'Bool', true, 'Write the statistics object (elapsed, rows_read, bytes_read) in JSON output formats.'),
  def('output_format_csv_crlf_end_of_line', 'Bool', false, 'End CSV rows with \\r\\n instead of \\n.'),
  def('format_csv_delimiter', 'String', ',', 'The field delimiter of CSV input and output.'),
  def('output_format_pretty_max_rows', 'UInt64', 10000, 'Maximum number of rows shown by Pretty formats.'),
  def('output_format_parquet_compression_method', 'Enum', 'zstd', 'Compression of Parquet output.', ['none', 'snappy', 'zstd', 'lz4', 'gzip', 'brotli']),
  def('date_time_output_format', 'Enum', 'simple', 'How DateTime values are printed: simple (YYYY-MM-DD hh:mm:ss), iso (YYYY-MM-DDThh:mm:ssZ) or unix_timestamp.',
    ['simple', 'iso', 'unix_timestamp']),
  def('date_time_input_format', 'Enum', 'basic', 'How DateTime values are parsed from text: basic or best_effort.', ['basic', 'best_effort', 'best_effort_us']),
  def('session_timezone', 'String', '', 'Time zone of the session (empty = the server time zone, UTC).'),
  def('input_format_skip_unknown_fields', 'Bool', true, 'Skip input fields that match no column instead of failing (JSONEachRow, CSVWithNames, TSVWithNames).'),
  def('input_format_null_as_default', 'Bool', true, 'Insert the column default for NULL input into a non-Nullable column.'),
  def('input_format_defaults_for_omitted_fields', 'Bool', true, 'Insert the column default for fields missing from the input.'),
  def('input_format_allow_errors_num', 'UInt64', 0, 'Maximum number of malformed rows skipped while reading text formats.'),
  def('input_format_with_names_use_header', 'Bool', true, 'Map columns by the header of WithNames formats.'),
  def('input_format_csv_empty_as_default', 'Bool', true, 'Treat empty CSV fields as the column default.'),
  def('wait_end_of_query', 'Bool', false, 'Buffer the whole HTTP response before sending it, so late errors still get a proper status.'),
  def('http_wait_end_of_query', 'Bool', false, 'Alias of wait_end_of_query.'),
  def('buffer_size', 'UInt64', 1048576, 'Bytes of the HTTP response buffered before streaming starts.'),
  def('http_response_buffer_size', 'UInt64', 0, 'Alias of buffer_size.'),
  def('send_progress_in_http_headers', 'Bool', false, 'Send X-ClickHouse-Progress headers while the query runs (Eddy sends the final summary only).'),
  def('http_headers_progress_interval_ms', 'UInt64', 100, 'Interval between X-ClickHouse-Progress headers.'),
  def('enable_http_compression', 'Bool', false,
    'Compress HTTP responses according to Accept-Encoding. Eddy keeps the pre-25.10 default (0).'),
  def('http_zlib_compression_level', 'Int64', 3, 'Compression level of gzip/deflate HTTP responses (1-9).'),
  def('add_http_cors_header', 'Bool', false, 'Add Access-Control-Allow-Origin: * to HTTP responses.'),
  def('http_write_exception_in_output_format', 'Bool', false, 'Write errors that happen mid-stream inside the output format.'),
  def('insert_deduplication_token', 'String', '', 'Token to deduplicate retried inserts.'),
  def('async_insert', 'Bool', false, 'Coalesce small inserts in the insert queue before writing.'),
  def('wait_for_async_insert', 'Bool', true, 'Wait until an async insert is written before answering.'),
  def('optimize_read_in_order', 'Bool', true, 'Read parts in sorting-key order for ORDER BY on the key.'),
  def('use_skip_indexes', 'Bool', true, 'Prune granules using per-granule statistics.'),
  def('use_rollups', 'Bool', true, 'Answer aggregations from rollups and materialized views when possible (Eddy).'),
  def('additional_table_filters', 'String', '', "Extra filters per table, e.g. {'t': 'x > 1'} (Grafana ad-hoc filters)."),
  def('log_queries', 'Bool', true, 'Record queries in system.query_log.'),
  def('distributed_product_mode', 'Enum', 'deny', 'Accepted for compatibility.', ['deny', 'local', 'global', 'allow']),
];

/** Well-known ClickHouse settings that clients send; accepted, validated by type and ignored. */
const ACCEPTED_IGNORED: readonly SettingDef[] = [
  ignored('max_query_size', 'UInt64', 262144, 'Maximum size of the query text in bytes.'),
  ignored('max_ast_depth', 'UInt64', 1000, 'Maximum depth of the query syntax tree.'),
  ignored('max_ast_elements', 'UInt64', 50000, 'Maximum number of nodes in the query syntax tree.'),
  ignored('max_bytes_before_external_group_by', 'UInt64', 0, 'Spill GROUP BY to disk above this many bytes.'),
  ignored('max_bytes_before_external_sort', 'UInt64', 0, 'Spill ORDER BY to disk above this many bytes.'),
  ignored('max_rows_to_group_by', 'UInt64', 0, 'Limit on the number of GROUP BY keys.'),
  ignored('group_by_overflow_mode', 'Enum', 'throw', 'What to do when max_rows_to_group_by is exceeded.', ['throw', 'break', 'any']),
  ignored('max_rows_to_sort', 'UInt64', 0, 'Limit on rows to sort.'),
  ignored('max_concurrent_queries_for_user', 'UInt64', 0, 'Limit on concurrent queries per user.'),
  ignored('join_use_nulls', 'Bool', false, 'Use NULL instead of defaults for non-matching JOIN rows.'),
  ignored('join_algorithm', 'String', 'default', 'JOIN algorithm.'),
  ignored('allow_experimental_analyzer', 'Bool', true, 'Use the new query analyzer.'),
  ignored('enable_analyzer', 'Bool', true, 'Use the new query analyzer.'),
  ignored('allow_experimental_object_type', 'Bool', false, 'Allow the Object type.'),
  ignored('allow_experimental_json_type', 'Bool', false, 'Allow the JSON type.'),
  ignored('allow_experimental_lightweight_delete', 'Bool', true, 'Allow DELETE FROM.'),
  ignored('insert_quorum', 'UInt64', 0, 'Replicated insert quorum.'),
  ignored('insert_distributed_sync', 'Bool', false, 'Synchronous distributed inserts.'),
  ignored('mutations_sync', 'UInt64', 0, 'Wait for mutations.'),
  ignored('alter_sync', 'UInt64', 1, 'Wait for ALTERs.'),
  ignored('database_atomic_wait_for_drop_and_detach_synchronously', 'Bool', false, 'Wait for DROP to finish.'),
  ignored('compile_expressions', 'Bool', true, 'JIT-compile expressions.'),
  ignored('use_uncompressed_cache', 'Bool', false, 'Use the uncompressed block cache.'),
  ignored('prefer_localhost_replica', 'Bool', true, 'Prefer the local replica.'),
  ignored('load_balancing', 'String', 'random', 'Replica selection.'),
  ignored('max_partitions_per_insert_block', 'UInt64', 100, 'Limit on partitions per insert block.'),
  ignored('output_format_arrow_compression_method', 'Enum', 'none', 'Compression of Arrow output (Eddy always writes uncompressed Arrow).',
    ['none', 'lz4_frame', 'zstd']),
  ignored('output_format_arrow_string_as_string', 'Bool', true, 'Write String as Arrow utf8 instead of binary.'),
  ignored('output_format_arrow_low_cardinality_as_dictionary', 'Bool', false, 'Write LowCardinality as Arrow dictionaries.'),
  ignored('output_format_parquet_string_as_string', 'Bool', true, 'Write String as Parquet string.'),
  ignored('output_format_pretty_color', 'String', 'auto', 'Colour Pretty output.'),
  ignored('output_format_pretty_row_numbers', 'Bool', false, 'Row numbers in Pretty output.'),
  ignored('output_format_decimal_trailing_zeros', 'Bool', false, 'Trailing zeros of decimals.'),
  ignored('output_format_tsv_crlf_end_of_line', 'Bool', false, 'End TSV rows with \\r\\n.'),
  ignored('input_format_tsv_empty_as_default', 'Bool', false, 'Treat empty TSV fields as defaults.'),
  ignored('input_format_import_nested_json', 'Bool', false, 'Import nested JSON objects.'),
  ignored('input_format_parallel_parsing', 'Bool', true, 'Parse input in parallel.'),
  ignored('output_format_parallel_formatting', 'Bool', true, 'Format output in parallel.'),
  ignored('format_csv_allow_single_quotes', 'Bool', false, "Allow 'single quoted' CSV strings."),
  ignored('format_csv_allow_double_quotes', 'Bool', true, 'Allow "double quoted" CSV strings.'),
  ignored('date_time_overflow_behavior', 'String', 'ignore', 'Date/time overflow handling.'),
  ignored('cast_keep_nullable', 'Bool', false, 'CAST keeps Nullable.'),
  ignored('aggregate_functions_null_for_empty', 'Bool', false, 'Aggregates return NULL on empty input.'),
  ignored('any_join_distinct_right_table_keys', 'Bool', false, 'Legacy ANY JOIN.'),
  ignored('extremes', 'Bool', false, 'Return extreme values.'),
  ignored('totals_mode', 'String', 'after_having_exclusive', 'WITH TOTALS mode.'),
  ignored('skip_unavailable_shards', 'Bool', false, 'Skip unavailable shards.'),
  ignored('connect_timeout', 'Seconds', 10, 'Connect timeout.'),
  ignored('receive_timeout', 'Seconds', 300, 'Receive timeout.'),
  ignored('send_timeout', 'Seconds', 300, 'Send timeout.'),
  ignored('http_connection_timeout', 'Seconds', 1, 'HTTP connection timeout.'),
  ignored('http_receive_timeout', 'Seconds', 30, 'HTTP receive timeout.'),
  ignored('http_send_timeout', 'Seconds', 30, 'HTTP send timeout.'),
  ignored('http_max_field_value_size', 'UInt64', 131072, 'Maximum size of an HTTP field value.'),
  ignored('cancel_http_readonly_queries_on_client_close', 'Bool', false, 'Cancel readonly queries when the client goes away (Eddy always does).'),
  ignored('allow_ddl', 'Bool', true, 'Allow DDL queries.'),
  ignored('allow_introspection_functions', 'Bool', false, 'Allow introspection functions.'),
  ignored('allow_suspicious_low_cardinality_types', 'Bool', false, 'Allow LowCardinality of small fixed types.'),
  ignored('allow_nondeterministic_mutations', 'Bool', false, 'Allow nondeterministic mutations.'),
  ignored('max_partitions_to_read', 'Int64', -1, 'Limit on partitions read.'),
  ignored('priority', 'UInt64', 0, 'Query priority.'),
  ignored('timeout_overflow_mode', 'Enum', 'throw', 'What to do when max_execution_time is exceeded.', OVERFLOW),
  ignored('use_query_cache', 'Bool', false, 'Use the query cache.'),
  ignored('query_cache_ttl', 'Seconds', 60, 'Query cache TTL.'),
  ignored('transform_null_in', 'Bool', false, 'NULL = NULL in IN.'),
  ignored('final', 'Bool', false, 'Apply FINAL to every table.'),
  ignored('do_not_merge_across_partitions_select_final', 'Bool', false, 'FINAL per partition.'),
  ignored('optimize_aggregation_in_order', 'Bool', false, 'Aggregate in sorting-key order.'),
  ignored('optimize_move_to_prewhere', 'Bool', true, 'Move conditions to PREWHERE.'),
  ignored('force_primary_key', 'Bool', false, 'Fail when the primary key cannot be used.'),
  ignored('force_index_by_date', 'Bool', false, 'Fail when the date index cannot be used.'),
  ignored('stacktrace', 'Bool', false, 'Append stack traces to errors.'),
  ignored('log_comment', 'String', '', 'Comment stored in system.query_log.'),
  ignored('workload', 'String', 'default', 'Workload name.'),
  ignored('max_result_rows_for_http', 'UInt64', 0, 'Compatibility alias.'),
];

/** Every setting Eddy accepts, by name. */
export const SETTINGS: ReadonlyMap<string, SettingDef> = new Map(
  [...IMPLEMENTED, ...ACCEPTED_IGNORED].map((d) => [d.name, d] as const),
);

/** Names that are URL parameters of the HTTP interface rather than settings. */
export const HTTP_RESERVED_PARAMS: ReadonlySet<string> = new Set([
  'query', 'compress', 'decompress', 'user', 'password', 'quota_key', 'query_id', 'stacktrace', 'role', 'buffer_size',
  'wait_end_of_query', 'session_id', 'session_timeout', 'session_check', 'client_protocol_version', 'close_session',
  'database', 'default_format',
]);

/** The prefix of user-defined settings. */
export const CUSTOM_PREFIX = 'custom_';

/** Look up a setting's definition; `custom_*` yields a String definition; unknown names throw UNKNOWN_SETTING. */
export function settingDef(name: string): SettingDef {
  const d = SETTINGS.get(name);
  if (d) return d;
  if (name.startsWith(CUSTOM_PREFIX)) return { name, type: 'String', default: '', description: 'User-defined setting.', implemented: false };
  throw new EddyError('UNKNOWN_SETTING',
    `Setting ${name} is neither a builtin setting nor started with the prefix '${CUSTOM_PREFIX}' registered for user-defined settings`);
}

/** True when `name` is a builtin or `custom_` setting. */
export function isKnownSetting(name: string): boolean {
  return SETTINGS.has(name) || name.startsWith(CUSTOM_PREFIX);
}

function badValue(d: SettingDef, raw: unknown, what: string): EddyError {
  return new EddyError('BAD_ARGUMENTS', `Cannot parse ${quoteToken(String(raw))} as ${what} for setting ${d.name}`);
}

/** Parse one value for a setting (from a URL parameter, a SETTINGS clause or a config file). */
export function parseSettingValue(name: string, raw: string | number | boolean | bigint): SettingValue {
  const d = settingDef(name);
  switch (d.type) {
    case 'Bool': {
      if (typeof raw === 'boolean') return raw;
      const s = String(raw).trim().toLowerCase();
      if (s === '1' || s === 'true') return true;
      if (s === '0' || s === 'false' || s === '') return false;
      throw badValue(d, raw, 'Bool');
    }
    case 'UInt64': case 'Int64': case 'Seconds': case 'Milliseconds': case 'Float': {
      if (typeof raw === 'boolean') return raw ? 1 : 0;
      const s = String(raw).trim();
      const n = s === '' ? NaN : Number(s);
      if (!Number.isFinite(n)) throw badValue(d, raw, 'a number');
      if (d.type === 'UInt64' && (n < 0 || !Number.isInteger(n))) throw badValue(d, raw, 'UInt64');
      if (d.type === 'Int64' && !Number.isInteger(n)) throw badValue(d, raw, 'Int64');
      if ((d.type === 'Seconds' || d.type === 'Milliseconds') && n < 0) throw badValue(d, raw, 'a non-negative duration');
      return n;
    }
    case 'Enum': {
      const s = String(raw).trim();
      if (d.values && !d.values.includes(s)) {
        throw new EddyError('BAD_ARGUMENTS',
          `Unexpected value of ${d.name}: ${quoteToken(s)}; expected one of ${d.values.map((v) => `'${v}'`).join(', ')}`);
      }
      return s;
    }
    case 'String':
      return String(raw);
  }
}

/** Effective settings of one query: validated overrides over the registry defaults. */
export class Settings {
  private readonly values: ReadonlyMap<string, SettingValue>;

  /** Validate and parse `overrides` (later layers win); throws UNKNOWN_SETTING or BAD_ARGUMENTS. */
  constructor(...layers: ReadonlyArray<Readonly<Record<string, string | number | boolean | bigint>> | undefined>) {
    const m = new Map<string, SettingValue>();
    for (const layer of layers) {
      if (!layer) continue;
      for (const [k, v] of Object.entries(layer)) m.set(k, parseSettingValue(k, v));
    }
    this.values = m;
  }

  /** The value of a setting (the override, else the default). */
  get(name: string): SettingValue {
    const v = this.values.get(name);
    return v !== undefined ? v : settingDef(name).default;
  }

  /** True when the setting was set explicitly. */
  isSet(name: string): boolean {
    return this.values.has(name);
  }

  /** A numeric setting. */
  num(name: string): number {
    const v = this.get(name);
    return typeof v === 'number' ? v : typeof v === 'boolean' ? (v ? 1 : 0) : Number(v);
  }

  /** A boolean setting. */
  bool(name: string): boolean {
    const v = this.get(name);
    return typeof v === 'boolean' ? v : typeof v === 'number' ? v !== 0 : v === '1' || v === 'true';
  }

  /** A string or enum setting. */
  str(name: string): string {
    return String(this.get(name));
  }

  /** The explicitly set values, e.g. to pass them on to Database.execute. */
  changes(): Record<string, SettingValue> {
    return Object.fromEntries(this.values);
  }
}
