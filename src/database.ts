/**
 * Database: wires catalog + storage + ingest + query, and is the embedded API's engine.
 * One Database owns one data directory. The HTTP server, the CLI and `import { open } from 'eddy'`
 * all go through {@link Database.execute}.
 */
import { randomUUID } from 'node:crypto';
import { mkdir } from 'node:fs/promises';
import type { Batch } from './core/batch.ts';
import { activeRows } from './core/batch.ts';
import { batchFromRows } from './core/builder.ts';
import { EddyError, toEddyError } from './core/errors.ts';
import { MemoryTable } from './core/memory-table.ts';
import type { TableSource } from './core/scan.ts';
import { Settings, SETTINGS } from './core/settings.ts';
import type { Field, Scalar } from './core/types.ts';
import { parseType, quoteToken, T, typeName } from './core/types.ts';
import { scalarAt } from './core/vector.ts';
import { Catalog } from './catalog/catalog.ts';
import type { TableDefinition } from './catalog/definition.ts';
import { SYSTEM_TABLES, type SystemProcessRow, type SystemQueryLogRow, type SystemState } from './system/system-tables.ts';
import { TableRegistry, storageSchema } from './statements/table-registry.ts';
import { tableDefinitionFrom, constantDefault } from './statements/create-table.ts';
import { appendBlocks, appendDecoded, blocksFromBatches, insertTargets } from './statements/insert.ts';
import { describe, exists, runShow, type RowsResult } from './statements/introspection.ts';
import { parseDefaultLiteral } from './statements/defaults.ts';
import { SourceManager } from './statements/sources.ts';
import { parseStatement } from '../query/parser/index.ts';
import type { Query, Statement } from '../query/parser/ast.ts';
import { executeQuery, explainQuery, type QueryContext } from '../query/engine.ts';
import { listFunctions } from '../query/functions/registry.ts';
import '../query/functions/index.ts';
import { ColumnCache } from '../storage/part/index.ts';

/** Settings as strings or values, keyed by ClickHouse setting name (see core/settings.ts). */
export type SettingsMap = Readonly<Record<string, string | number | boolean | bigint>>;

/** One statement to run. */
export interface ExecuteRequest {
  /**
   * The statement text. For `INSERT ... FORMAT F` or `INSERT ... VALUES`, data may follow inline in
   * the text (after the format name and one whitespace) and/or come from `data`.
   */
  readonly sql: string;
  /** Insert payload streamed from the request body (bytes in the INSERT's format). */
  readonly data?: AsyncIterable<Uint8Array>;
  /** Current database (default: 'default'). */
  readonly database?: string;
  /** Query id (generated when absent), shown in system.processes and the X-ClickHouse-Query-Id header. */
  readonly queryId?: string;
  /** Values for `{name:Type}` placeholders, as raw strings (from `param_<name>`). */
  readonly params?: Readonly<Record<string, string>>;
  /** Query-level settings (validated here: unknown names throw UNKNOWN_SETTING). */
  readonly settings?: SettingsMap;
  /** Cancels the query (client gone, KILL QUERY). */
  readonly signal?: AbortSignal;
  /** The user running it, for system.processes / query_log and access checks. */
  readonly user?: string;
  /** Format used when the statement has no FORMAT clause and the caller did not choose one. */
  readonly defaultFormat?: string;
}

/** Counters reported in X-ClickHouse-Summary and system.query_log. */
export interface QueryProgress {
  readRows: number;
  readBytes: number;
  writtenRows: number;
  writtenBytes: number;
  resultRows: number;
  resultBytes: number;
  /** Rows the result would have had without LIMIT (JSON's rows_before_limit_at_least), when known. */
  rowsBeforeLimit?: number;
}

/** What a statement produced. */
export type ExecuteResult =
  | {
      readonly kind: 'rows';
      readonly schema: readonly Field[];
      /** Batches in output order; consuming them runs the query. Active rows only (respect `sel`). */
      readonly batches: AsyncIterable<Batch>;
      /** The FORMAT clause of the statement, if any (wins over headers and default_format). */
      readonly format?: string;
      /** Filled as batches are consumed; final once the iterator finishes. */
      readonly progress: QueryProgress;
      readonly queryId: string;
    }
  | { readonly kind: 'done'; readonly progress: QueryProgress; readonly queryId: string };

/** Options for {@link Database.open}. */
export interface OpenOptions {
  /** Data directory (created when missing). */
  readonly dataDir: string;
  /** Server-level defaults for settings. */
  readonly settings?: SettingsMap;
  /** Bytes of decompressed column blocks kept in memory (default 512 MiB). */
  readonly cacheBytes?: number;
  /** Segment flush thresholds for every table. */
  readonly flush?: { maxRows?: number; maxBytes?: number; maxAgeMs?: number };
  /** Rows per granule for tables that set no index_granularity (default 8192; tests use tiny ones). */
  readonly granularity?: number;
  /** Where storage logs (default: console). */
  readonly logger?: { info(msg: string): void; warn(msg: string): void };
  /** Start the data directory's Kafka sources (default true; a one-off `eddy local` query wants false). */
  readonly startSources?: boolean;
}

/** A running query, for system.processes and KILL QUERY. */
interface Running extends SystemProcessRow { controller: AbortController }

const QUERY_LOG_LIMIT = 10_000;

function emptyProgress(): QueryProgress {
  return { readRows: 0, readBytes: 0, writtenRows: 0, writtenBytes: 0, resultRows: 0, resultBytes: 0 };
}

/** An open Eddy database. */
export class Database {
  private readonly running = new Map<string, Running>();
  private readonly log: SystemQueryLogRow[] = [];
  private closed = false;
  // ---- Kafka sources (src/statements/sources.ts): set in open(), stopped first in close() ----
  private sources!: SourceManager;

  private constructor(
    readonly dataDir: string,
    private readonly catalog: Catalog,
    private readonly tables: TableRegistry,
    private readonly serverSettings: SettingsMap,
  ) {}

  /** Open (or create) the database in `dataDir`, replaying write-ahead logs. */
  static async open(opts: OpenOptions): Promise<Database> {
    await mkdir(opts.dataDir, { recursive: true });
    new Settings(opts.settings); // validate server defaults early
    const catalog = await Catalog.open(opts.dataDir);
    const tables = new TableRegistry(catalog, {
      cache: new ColumnCache(opts.cacheBytes ?? 512 * 1024 * 1024),
      ...(opts.flush ? { flush: opts.flush } : {}),
      ...(opts.logger ? { logger: opts.logger } : {}),
      ...(opts.granularity !== undefined ? { granularity: opts.granularity } : {}),
    });
    await tables.openAll();
    const db = new Database(opts.dataDir, catalog, tables, opts.settings ?? {});
    db.sources = await SourceManager.open({
      dataDir: opts.dataDir,
      findTable: (database, name) => catalog.findTable(database, name),
      storage: (def) => tables.storage(def),
      runDdl: async (sql) => { await db.execute({ sql }); },
      logger: opts.logger ?? { info: (m) => console.info(m), warn: (m) => console.warn(m) },
    });
    if (opts.startSources !== false) db.sources.startAll();
    return db;
  }

  /** Run one statement. */
  async execute(req: ExecuteRequest): Promise<ExecuteResult> {
    if (this.closed) throw new EddyError('ABORTED', 'Database is closed');
    const queryId = req.queryId ?? randomUUID();
    if (this.running.has(queryId)) {
      throw new EddyError('BAD_ARGUMENTS', `Query with id = ${quoteToken(queryId)} is already running`);
    }
    const controller = new AbortController();
    const signal = req.signal ? AbortSignal.any([req.signal, controller.signal]) : controller.signal;
    const proc: Running = {
      queryId, user: req.user ?? 'default', query: req.sql.slice(0, 10_000), startedAt: Date.now(),
      readRows: 0, readBytes: 0, writtenRows: 0, memoryUsage: 0, controller,
    };
    this.running.set(queryId, proc);
    const progress = emptyProgress();
    const database = req.database ?? 'default';
    const finish = (error?: unknown): void => {
      this.running.delete(queryId);
      const e = error === undefined ? undefined : toEddyError(error);
      this.recordLog({
        type: e ? 'ExceptionWhileProcessing' : 'QueryFinish', eventTime: Date.now(), queryId, query: proc.query,
        user: proc.user, durationMs: Date.now() - proc.startedAt, readRows: progress.readRows, readBytes: progress.readBytes,
        writtenRows: progress.writtenRows, writtenBytes: progress.writtenBytes, resultRows: progress.resultRows,
        exception: e ? e.message : '', exceptionCode: e ? e.code : 0, database,
      });
    };
    try {
      const stmt = parseStatement(req.sql); // an INSERT is parsed only up to its inline data
      const settings = new Settings(this.serverSettings, req.settings, statementSettings(stmt));
      if (settings.num('readonly') > 0 && isWrite(stmt)) {
        throw new EddyError('READONLY', `Cannot execute query in readonly mode`);
      }
      const result = await this.dispatch(stmt, req, { queryId, database, settings, signal, progress, proc });
      if (result.kind === 'done') {
        finish();
        return result;
      }
      return { ...result, batches: this.track(result.batches, progress, finish) };
    } catch (e) {
      finish(e);
      throw toEddyError(e);
    }
  }

  /** Run a statement and collect its rows as Scalars (embedded API and tests). */
  async query(sql: string, opts: Omit<ExecuteRequest, 'sql'> = {}): Promise<{ schema: readonly Field[]; rows: Scalar[][] }> {
    const r = await this.execute({ ...opts, sql });
    if (r.kind === 'done') return { schema: [], rows: [] };
    const rows: Scalar[][] = [];
    for await (const b of r.batches) {
      const n = activeRows(b);
      for (let k = 0; k < n; k++) {
        const i = b.sel ? b.sel[k]! : k;
        rows.push(b.columns.map((c) => scalarAt(c, i)));
      }
    }
    return { schema: r.schema, rows };
  }

  /** Insert JS rows (objects keyed by column name) into a table: the embedded API's insert. */
  async insertRows(table: string, rows: readonly Record<string, unknown>[], database = 'default'): Promise<{ writtenRows: number }> {
    const def = this.catalog.getTable(database, table);
    const schema = storageSchema(def);
    const blockRows = rows.map((r) => schema.map((f) => toScalar(r[f.name], f)));
    const batch = batchFromRows(schema, blockRows);
    const res = await appendBlocks(this.tables.storage(def), def, schema, [{ columns: [...batch.columns], rowCount: rows.length }]);
    return { writtenRows: res.rows };
  }

  /** Flush every table's in-memory segment into parts (tests: the `flush` directive). */
  async flush(): Promise<void> {
    for (const t of this.tables.all()) await t.flush();
  }

  /** Merge every table's parts down to one per partition (tests: the `merge` directive). */
  async mergeAll(): Promise<void> {
    for (const t of this.tables.all()) await t.optimize({ final: true });
  }

  /** Stop background work and close files. Acknowledged rows are durable in the WAL already. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    for (const p of this.running.values()) p.controller.abort(new EddyError('QUERY_WAS_CANCELLED', 'Database is closing'));
    await this.sources.close();
    await this.tables.closeAll();
  }

  /** Live figures for /metrics. */
  metrics(): { activeParts: number; runningMerges: number; runningQueries: number } {
    let activeParts = 0;
    let runningMerges = 0;
    for (const t of this.tables.all()) {
      activeParts += t.parts().filter((p) => p.active).length;
      runningMerges += t.merges().length;
    }
    return { activeParts, runningMerges, runningQueries: this.running.size };
  }

  private recordLog(row: SystemQueryLogRow): void {
    this.log.push(row);
    if (this.log.length > QUERY_LOG_LIMIT) this.log.splice(0, this.log.length - QUERY_LOG_LIMIT);
  }

  private async *track(batches: AsyncIterable<Batch>, progress: QueryProgress, finish: (e?: unknown) => void): AsyncIterable<Batch> {
    let done = false;
    try {
      for await (const b of batches) {
        progress.resultRows += activeRows(b);
        yield b;
      }
      done = true;
      finish();
    } catch (e) {
      done = true;
      finish(e);
      throw toEddyError(e);
    } finally {
      if (!done) finish(new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled'));
    }
  }

  private queryContext(database: string, req: ExecuteRequest, settings: Settings, signal: AbortSignal): QueryContext {
    return {
      resolveTable: (db, name) => this.resolveTable(db ?? database, name),
      currentDatabase: database,
      params: req.params ?? {},
      settings: settings.changes(),
      signal,
    };
  }

  private resolveTable(database: string, name: string): TableSource {
    if (database === 'system') {
      const t = SYSTEM_TABLES[name];
      if (!t) throw new EddyError('UNKNOWN_TABLE', `Table system.${name} does not exist`);
      return new MemoryTable(name, t.schema, [batchFromRows(t.schema, t.rows(this.systemState()))], { database: 'system' });
    }
    return this.tables.source(this.catalog.getTable(database, name));
  }

  private systemState(): SystemState {
    return {
      dataDir: this.dataDir,
      databases: () => this.catalog.databases(),
      tables: () => this.catalog.allTables(),
      tableStats: (def) => {
        const parts = this.tables.storage(def).parts().filter((p) => p.active);
        const snap = this.tables.storage(def).snapshot();
        try {
          return { rows: snap.totalRows, bytes: parts.reduce((s, p) => s + p.bytesOnDisk, 0) };
        } finally {
          snap.release();
        }
      },
      parts: () => this.catalog.allTables().flatMap((def) => this.tables.storage(def).parts().map((p) => ({
        database: def.database, table: def.name, name: p.name, partition: p.partition, active: p.active, rows: p.rows,
        bytesOnDisk: p.bytesOnDisk, level: p.level, minBlock: p.minBlock, maxBlock: p.maxBlock, modificationTime: p.modificationTime.getTime(),
      }))),
      merges: () => this.catalog.allTables().flatMap((def) => this.tables.storage(def).merges().map((m) => ({
        database: def.database, table: def.name, elapsed: m.elapsedMs / 1000, progress: m.progress, numParts: m.sourcePartNames.length,
        resultPartName: m.resultPartName, rowsRead: m.rowsRead, rowsWritten: Math.round(m.progress * m.totalRows),
      }))),
      processes: () => [...this.running.values()],
      queryLog: () => this.log,
      settings: () => {
        const s = new Settings(this.serverSettings);
        return [...SETTINGS.values()].map((d) => ({
          name: d.name, value: String(s.get(d.name)), changed: s.isSet(d.name), description: d.description, type: d.type,
        }));
      },
      functions: () => listFunctions(),
      kafkaConsumers: () => this.sources.consumerRows(),
    };
  }

  private async dispatch(stmt: Statement, req: ExecuteRequest, q: {
    queryId: string; database: string; settings: Settings; signal: AbortSignal; progress: QueryProgress; proc: Running;
  }): Promise<ExecuteResult> {
    const done = (): ExecuteResult => ({ kind: 'done', progress: q.progress, queryId: q.queryId });
    const rows = (r: RowsResult, format?: string): ExecuteResult => ({
      kind: 'rows', schema: r.schema, batches: oneBatch(batchFromRows(r.schema, r.rows)), progress: q.progress,
      queryId: q.queryId, ...(format ? { format } : {}),
    });
    const db = q.database;
    switch (stmt.kind) {
      case 'Select': case 'Union': {
        const res = executeQuery(stmt, this.queryContext(db, req, q.settings, q.signal));
        const progress = q.progress;
        const batches = (async function* () {
          try {
            yield* res.batches;
          } finally {
            progress.readRows = res.stats.readRows;
            progress.readBytes = res.stats.readBytes;
            if (res.stats.rowsBeforeLimit !== undefined) progress.rowsBeforeLimit = res.stats.rowsBeforeLimit;
          }
        })();
        return { kind: 'rows', schema: res.schema, batches, progress, queryId: q.queryId, ...(stmt.format ? { format: stmt.format } : {}) };
      }
      case 'Explain': {
        const lines = explainQuery(stmt.query, this.queryContext(db, req, q.settings, q.signal));
        return rows({ schema: [{ name: 'explain', type: T.String }], rows: lines.map((l) => [l]) }, stmt.format);
      }
      case 'CreateDatabase':
        await this.catalog.createDatabase(stmt.name, stmt.ifNotExists);
        return done();
      case 'CreateTable': {
        const target = stmt.database ?? db;
        if (this.catalog.findTable(target, stmt.name)) {
          if (stmt.ifNotExists) return done();
          throw new EddyError('TABLE_ALREADY_EXISTS', `Table ${target}.${stmt.name} already exists`);
        }
        if (stmt.asSelect) throw new EddyError('NOT_IMPLEMENTED', 'CREATE TABLE ... AS SELECT is not supported yet');
        const def = tableDefinitionFrom(stmt, target);
        await this.catalog.createTable(def);
        try {
          await this.tables.openTable(def);
        } catch (e) {
          await this.catalog.dropTable(def.database, def.name);
          throw e;
        }
        return done();
      }
      case 'Drop': {
        const target = stmt.database ?? db;
        if (stmt.target === 'database') {
          if (!this.catalog.hasDatabase(stmt.name)) {
            if (stmt.ifExists) return done();
            throw new EddyError('UNKNOWN_DATABASE', `Database ${stmt.name} does not exist`);
          }
          for (const def of this.catalog.tables(stmt.name)) await this.dropTable(def);
          await this.catalog.dropDatabase(stmt.name);
          return done();
        }
        const def = this.catalog.findTable(target, stmt.name);
        if (!def) {
          if (stmt.ifExists && this.catalog.hasDatabase(target)) return done();
          this.catalog.getTable(target, stmt.name);
          return done();
        }
        await this.dropTable(def);
        return done();
      }
      case 'Truncate': {
        const def = this.catalog.findTable(stmt.database ?? db, stmt.name);
        if (!def) {
          if (stmt.ifExists) return done();
          this.catalog.getTable(stmt.database ?? db, stmt.name);
          return done();
        }
        await this.tables.storage(def).truncate();
        return done();
      }
      case 'Rename':
        for (const p of stmt.pairs) {
          await this.catalog.renameTable(p.from.database ?? db, p.from.name, p.to.database ?? db, p.to.name);
        }
        return done();
      case 'Alter': {
        let def = this.catalog.getTable(stmt.database ?? db, stmt.name);
        const store = this.tables.storage(def);
        for (const a of stmt.actions) {
          if (a.kind === 'AddColumn') {
            if (def.columns.some((c) => c.name === a.column.name)) {
              if (a.ifNotExists) continue;
              throw new EddyError('DUPLICATE_COLUMN', `Cannot add column ${quoteToken(a.column.name)}: column with this name already exists`);
            }
            const type = parseType(a.column.type);
            const dflt = a.column.default ? constantDefault(a.column.default) : undefined;
            const column = { name: a.column.name, type: typeName(a.column.nullable ? { ...type, nullable: true } : type), ...(dflt !== undefined ? { default: dflt } : {}) };
            const columns = [...def.columns];
            const at = a.first ? 0 : a.after !== undefined ? columns.findIndex((c) => c.name === a.after) + 1 : columns.length;
            if (a.after !== undefined && at === 0) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `Wrong column name ${quoteToken(a.after)}: cannot insert after it`);
            columns.splice(at, 0, column);
            await store.addColumn({ name: column.name, type: parseType(column.type), ...(dflt !== undefined ? { default: parseDefaultLiteral(dflt, parseType(column.type)) } : {}) },
              at > 0 ? columns[at - 1]!.name : undefined);
            def = { ...def, columns, modifiedAt: Date.now() };
          } else {
            if (!def.columns.some((c) => c.name === a.name)) {
              if (a.ifExists) continue;
              throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `There is no column ${quoteToken(a.name)} in table ${def.database}.${def.name}`);
            }
            if (def.orderBy.includes(a.name) || def.partitionBy?.includes(a.name)) {
              throw new EddyError('BAD_ARGUMENTS', `Cannot drop column ${quoteToken(a.name)}: it is part of the sorting or partition key`);
            }
            await store.dropColumn(a.name);
            def = { ...def, columns: def.columns.filter((c) => c.name !== a.name), modifiedAt: Date.now() };
          }
          await this.catalog.updateTable(def);
        }
        return done();
      }
      case 'Optimize': {
        const def = this.catalog.getTable(stmt.database ?? db, stmt.name);
        await this.tables.storage(def).optimize({ final: stmt.final });
        return done();
      }
      case 'Insert': {
        const def = this.catalog.getTable(stmt.database ?? db, stmt.table);
        const targets = insertTargets(stmt, def);
        const store = this.tables.storage(def);
        const written = (r: { rows: number; bytes: number }): void => {
          q.progress.writtenRows = r.rows;
          q.progress.writtenBytes = r.bytes;
          q.proc.writtenRows = r.rows;
        };
        if (stmt.select) {
          // Collected before the one write: the SELECT may read the table being written.
          const res = executeQuery(stmt.select, this.queryContext(db, req, q.settings, q.signal));
          const batches: Batch[] = [];
          for await (const b of res.batches) batches.push(b);
          written(await appendBlocks(store, def, targets, blocksFromBatches(batches, targets)));
        } else {
          // All or nothing by default, however large (staged parts keep memory bounded); an explicit
          // max_insert_block_size opts into ClickHouse's rule of one atomic write per block.
          const chunkRows = q.settings.isSet('max_insert_block_size') ? Math.max(1, q.settings.num('max_insert_block_size')) : Infinity;
          await appendDecoded(store, def, stmt, req.sql, req.data, targets, q.settings.changes(), chunkRows, written);
        }
        return done();
      }
      case 'Show':
        return rows(runShow(stmt, this.catalog, db, () => [...this.running.values()].map((p) => [p.queryId, p.user, p.query, (Date.now() - p.startedAt) / 1000])), stmt.format);
      case 'Describe':
        return rows(describe(stmt, this.catalog, db), stmt.format);
      case 'Exists':
        return rows(exists(stmt, this.catalog, db), stmt.format);
      case 'Use': case 'Set':
        return done();
      case 'CreateSource': case 'DropSource': case 'AlterSource':
        await this.sources.execute(stmt, db);
        return done();
      case 'System':
        if (/^FLUSH\b/.test(stmt.command) && !/LOGS/.test(stmt.command)) await this.flush();
        return done();
      case 'KillQuery': {
        const killed: Scalar[][] = [];
        const res = executeQuery({ kind: 'Select', pos: 0, distinct: false, items: [{ expr: { kind: 'Column', pos: 0, name: 'query_id' } }],
          from: { kind: 'TableName', pos: 0, database: 'system', name: 'processes' }, where: stmt.where } as Query,
        this.queryContext(db, req, q.settings, q.signal));
        for await (const b of res.batches) {
          const n = activeRows(b);
          for (let k = 0; k < n; k++) {
            const id = String(scalarAt(b.columns[0]!, b.sel ? b.sel[k]! : k));
            const p = this.running.get(id);
            if (p && id !== q.queryId) {
              p.controller.abort(new EddyError('QUERY_WAS_CANCELLED', 'Query was cancelled'));
              killed.push(['finished', id, p.user, p.query]);
            }
          }
        }
        const s = T.String;
        return rows({ schema: [{ name: 'kill_status', type: s }, { name: 'query_id', type: s }, { name: 'user', type: s }, { name: 'query', type: s }], rows: killed });
      }
    }
  }

  private async dropTable(def: TableDefinition): Promise<void> {
    await this.catalog.dropTable(def.database, def.name);
    await this.tables.drop(def);
  }
}

async function* oneBatch(b: Batch): AsyncIterable<Batch> {
  yield b;
}

function statementSettings(stmt: Statement): SettingsMap | undefined {
  switch (stmt.kind) {
    case 'Select': case 'Union': case 'Insert': case 'Set':
      return stmt.settings as SettingsMap | undefined;
    default:
      return undefined;
  }
}

function isWrite(stmt: Statement): boolean {
  switch (stmt.kind) {
    case 'Select': case 'Union': case 'Explain': case 'Show': case 'Describe': case 'Exists': case 'Use': case 'Set':
      return false;
    default:
      return true;
  }
}

function toScalar(v: unknown, f: Field): Scalar {
  if (v === undefined || v === null) return null;
  if (typeof v === 'bigint' || typeof v === 'number' || typeof v === 'string' || typeof v === 'boolean') {
    if (f.type.kind === 'Date' && typeof v === 'string') return Math.floor(Date.parse(`${v}T00:00:00Z`) / 86_400_000);
    if (f.type.kind === 'DateTime' && typeof v === 'string') return Math.floor(Date.parse(`${v.replace(' ', 'T')}Z`) / 1000);
    return v;
  }
  if (v instanceof Date) {
    if (f.type.kind === 'Date') return Math.floor(v.getTime() / 86_400_000);
    if (f.type.kind === 'DateTime64') return BigInt(v.getTime());
    return Math.floor(v.getTime() / 1000);
  }
  throw new EddyError('TYPE_MISMATCH', `Cannot insert ${quoteToken(String(v))} into column ${quoteToken(f.name)} of type ${typeName(f.type)}`);
}

