/**
 * The `system` database: tables computed on demand from the running database's state
 * (catalog, storage, processes, query log, settings, functions). Each is a row builder; the
 * database wraps the rows in an in-memory table for the query engine.
 */
import type { Field, Scalar } from '../core/types.ts';
import { T, typeName, withNullable } from '../core/types.ts';
import type { TableDefinition } from '../catalog/definition.ts';
import { renderCreateTable } from '../catalog/definition.ts';

/** A part as system.parts shows it. */
export interface SystemPartRow {
  database: string; table: string; name: string; partition: string; active: boolean;
  rows: number; bytesOnDisk: number; level: number; minBlock: number; maxBlock: number; modificationTime: number;
}

/** A running merge as system.merges shows it. */
export interface SystemMergeRow {
  database: string; table: string; elapsed: number; progress: number; numParts: number;
  resultPartName: string; rowsRead: number; rowsWritten: number;
}

/** A running query as system.processes shows it. */
export interface SystemProcessRow {
  queryId: string; user: string; query: string; startedAt: number; readRows: number; readBytes: number;
  writtenRows: number; memoryUsage: number;
}

/** A finished query as system.query_log shows it. */
export interface SystemQueryLogRow {
  type: 'QueryFinish' | 'ExceptionBeforeStart' | 'ExceptionWhileProcessing';
  eventTime: number; queryId: string; query: string; user: string; durationMs: number;
  readRows: number; readBytes: number; writtenRows: number; writtenBytes: number; resultRows: number;
  exception: string; exceptionCode: number; database: string;
}

/** A setting as system.settings shows it. */
export interface SystemSettingRow { name: string; value: string; changed: boolean; description: string; type: string }

/** A consumed Kafka partition (or a source owning none) as system.kafka_consumers shows it. */
export interface SystemKafkaConsumerRow {
  source: string; database: string; table: string; topic: string; group: string; partition: number | null;
  storedOffset: bigint | null; highWatermark: bigint | null; lag: bigint | null; rowsPerSecond: number;
  rows: number; messages: number; deadLetters: number; state: string; lastError: string; lastErrorTime: number;
}

/** What the system tables read from the database. */
export interface SystemState {
  databases(): string[];
  tables(): TableDefinition[];
  tableStats(def: TableDefinition): { rows: number; bytes: number };
  parts(): SystemPartRow[];
  merges(): SystemMergeRow[];
  processes(): SystemProcessRow[];
  queryLog(): SystemQueryLogRow[];
  settings(): SystemSettingRow[];
  functions(): { name: string; isAggregate: boolean; caseInsensitive: boolean }[];
  kafkaConsumers(): SystemKafkaConsumerRow[];
  dataDir: string;
}

/** A computed system table: its schema and its rows now. */
export interface SystemTable {
  readonly schema: readonly Field[];
  rows(state: SystemState): Scalar[][];
}

const S = T.String;
const U8 = T.UInt8;
const U64 = T.UInt64;
const DT = T.DateTime;
const f = (name: string, type = S): Field => ({ name, type });
const secs = (ms: number): number => Math.floor(ms / 1000);

/** Every system table by name. */
export const SYSTEM_TABLES: Readonly<Record<string, SystemTable>> = {
  one: { schema: [f('dummy', U8)], rows: () => [[0]] },
  databases: {
    schema: [f('name'), f('engine'), f('data_path'), f('metadata_path'), f('uuid'), f('comment')],
    rows: (s) => s.databases().map((d) => [d, d === 'system' ? 'Memory' : 'Atomic', `${s.dataDir}/store/`, `${s.dataDir}/metadata/${d}/`, '00000000-0000-0000-0000-000000000000', '']),
  },
  tables: {
    schema: [f('database'), f('name'), f('uuid'), f('engine'), f('is_temporary', U8), f('data_paths'), f('metadata_path'),
      f('metadata_modification_time', DT), f('create_table_query'), f('engine_full'), f('partition_key'), f('sorting_key'),
      f('primary_key'), f('total_rows', withNullable(U64)), f('total_bytes', withNullable(U64)), f('comment')],
    rows: (s) => {
      const out: Scalar[][] = s.tables().map((t) => {
        const st = s.tableStats(t);
        return [t.database, t.name, t.uuid, t.engine, 0, `${s.dataDir}/store/${t.uuid}/`,
          `${s.dataDir}/metadata/${t.database}/${t.name}.json`, secs(t.modifiedAt), renderCreateTable(t).replace(/\n\s*/g, ' '),
          t.engine, t.partitionBy ?? '', t.orderBy.join(', '), t.primaryKey.join(', '), st.rows, st.bytes, t.comment ?? ''];
      });
      for (const name of Object.keys(SYSTEM_TABLES).sort()) {
        out.push(['system', name, '00000000-0000-0000-0000-000000000000', 'SystemTable', 0, '', '', 0, '', 'SystemTable', '', '', '', null, null, '']);
      }
      return out;
    },
  },
  columns: {
    schema: [f('database'), f('table'), f('name'), f('type'), f('position', U64), f('default_kind'), f('default_expression'),
      f('data_compressed_bytes', U64), f('data_uncompressed_bytes', U64), f('comment'), f('is_in_partition_key', U8),
      f('is_in_sorting_key', U8), f('is_in_primary_key', U8), f('is_in_sampling_key', U8), f('compression_codec')],
    rows: (s) => {
      const out: Scalar[][] = [];
      for (const t of s.tables()) {
        t.columns.forEach((c, i) => out.push([t.database, t.name, c.name, c.type, i + 1,
          c.default !== undefined ? 'DEFAULT' : '', c.default ?? '', 0, 0, '',
          t.partitionBy?.includes(c.name) ? 1 : 0, t.orderBy.includes(c.name) ? 1 : 0, t.primaryKey.includes(c.name) ? 1 : 0, 0, '']));
      }
      for (const [name, table] of Object.entries(SYSTEM_TABLES)) {
        table.schema.forEach((c, i) => out.push(['system', name, c.name, typeName(c.type), i + 1, '', '', 0, 0, '', 0, 0, 0, 0, '']));
      }
      return out;
    },
  },
  parts: {
    schema: [f('partition'), f('name'), f('active', U8), f('rows', U64), f('bytes_on_disk', U64), f('level', T.UInt32),
      f('min_block_number', T.Int64), f('max_block_number', T.Int64), f('modification_time', DT), f('database'), f('table'), f('partition_id')],
    rows: (s) => s.parts().map((p) => [p.partition, p.name, p.active ? 1 : 0, p.rows, p.bytesOnDisk, p.level,
      p.minBlock, p.maxBlock, secs(p.modificationTime), p.database, p.table, p.partition]),
  },
  merges: {
    schema: [f('database'), f('table'), f('elapsed', T.Float64), f('progress', T.Float64), f('num_parts', T.UInt64),
      f('result_part_name'), f('rows_read', U64), f('rows_written', U64)],
    rows: (s) => s.merges().map((m) => [m.database, m.table, m.elapsed, m.progress, m.numParts, m.resultPartName, m.rowsRead, m.rowsWritten]),
  },
  processes: {
    schema: [f('query_id'), f('user'), f('query'), f('elapsed', T.Float64), f('read_rows', U64), f('read_bytes', U64),
      f('written_rows', U64), f('memory_usage', T.Int64), f('is_initial_query', U8)],
    rows: (s) => s.processes().map((p) => [p.queryId, p.user, p.query, (Date.now() - p.startedAt) / 1000, p.readRows,
      p.readBytes, p.writtenRows, p.memoryUsage, 1]),
  },
  query_log: {
    schema: [f('type'), f('event_time', DT), f('query_id'), f('query'), f('user'), f('current_database'), f('query_duration_ms', U64),
      f('read_rows', U64), f('read_bytes', U64), f('written_rows', U64), f('written_bytes', U64), f('result_rows', U64),
      f('exception'), f('exception_code', T.Int32)],
    rows: (s) => s.queryLog().map((q) => [q.type, secs(q.eventTime), q.queryId, q.query, q.user, q.database, q.durationMs,
      q.readRows, q.readBytes, q.writtenRows, q.writtenBytes, q.resultRows, q.exception, q.exceptionCode]),
  },
  settings: {
    schema: [f('name'), f('value'), f('changed', U8), f('description'), f('type')],
    rows: (s) => s.settings().map((x) => [x.name, x.value, x.changed ? 1 : 0, x.description, x.type]),
  },
  functions: {
    schema: [f('name'), f('is_aggregate', U8), f('case_insensitive', U8), f('alias_to'), f('origin'), f('description'),
      f('syntax'), f('arguments'), f('returned_value'), f('examples'), f('categories')],
    rows: (s) => s.functions().map((x) => [x.name, x.isAggregate ? 1 : 0, x.caseInsensitive ? 1 : 0, '', 'System', '', '', '', '', '',
      x.isAggregate ? 'Aggregate' : '']),
  },
  kafka_consumers: {
    schema: [f('source'), f('database'), f('table'), f('topic'), f('consumer_group'), f('partition', withNullable(T.UInt32)),
      f('stored_offset', withNullable(T.Int64)), f('high_watermark', withNullable(T.Int64)), f('lag', withNullable(T.Int64)),
      f('rows_per_second', T.Float64), f('rows', U64), f('messages', U64), f('dead_letters', U64), f('state'),
      f('last_error'), f('last_error_time', DT)],
    rows: (s) => s.kafkaConsumers().map((k) => [k.source, k.database, k.table, k.topic, k.group, k.partition, k.storedOffset,
      k.highWatermark, k.lag, k.rowsPerSecond, k.rows, k.messages, k.deadLetters, k.state, k.lastError, secs(k.lastErrorTime)]),
  },
};
