/**
 * Streaming sources (`CREATE SOURCE ... FROM KAFKA`, `DROP SOURCE`, `ALTER SOURCE ... PAUSE | RESUME`):
 * their definitions persisted in `<dataDir>/sources.json` (durably, like the catalog), one running
 * {@link KafkaSource} per source that is not paused, and the rows of system.kafka_consumers. Sources
 * start when the database opens and stop before its tables close.
 */
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AlterSource, CreateSource, DropSource } from '../../query/parser/ast.ts';
import { writeFileDurable } from '../catalog/durable-file.ts';
import type { TableDefinition } from '../catalog/definition.ts';
import { vectorFromScalars } from '../core/builder.ts';
import { EddyError } from '../core/errors.ts';
import { getDecoder } from '../../ingest/decoders/index.ts';
import {
  DEAD_LETTER_COLUMNS, DEAD_LETTER_ORDER_BY, KafkaSource, resolveSourceSettings,
  type KafkaSink, type KafkaSourceStatus, type SourceLogger, type SourceSpec, type SourceTables,
} from '../../ingest/kafka/index.ts';
import type { TableStorage } from '../../storage/table/index.ts';
import { appendBlocks } from './insert.ts';
import { storageSchema } from './table-registry.ts';

/** What the source manager needs from the database. */
export interface SourceHost {
  readonly dataDir: string;
  findTable(database: string, name: string): TableDefinition | undefined;
  storage(def: TableDefinition): TableStorage;
  /** Run a DDL statement (used to create dead-letter tables). */
  runDdl(sql: string): Promise<void>;
  readonly logger: SourceLogger;
}

const FILE = 'sources.json';

const quoteName = (s: string): string => `\`${s.replace(/\\/g, '\\\\').replace(/`/g, '\\`')}\``;

/** `[db.]name` → database and table, `db` when unqualified. */
function splitName(text: string, db: string): { database: string; table: string } {
  const dot = text.indexOf('.');
  return dot < 0 ? { database: db, table: text } : { database: text.slice(0, dot), table: text.slice(dot + 1) };
}

/** The dead-letter table of a source. */
function deadLetterName(spec: SourceSpec): { database: string; table: string } {
  const configured = resolveSourceSettings(spec.settings).deadLetterTable;
  return configured ? splitName(configured, spec.database) : { database: spec.database, table: `${spec.table}_dead_letter` };
}

/** A table as a {@link KafkaSink}; throws UNKNOWN_TABLE when it is gone. */
function tableSink(host: SourceHost, database: string, table: string): KafkaSink {
  const def = host.findTable(database, table);
  if (!def) throw new EddyError('UNKNOWN_TABLE', `Table ${database}.${table} does not exist`);
  const store = host.storage(def);
  const fields = storageSchema(def);
  return {
    fields,
    append: async (blocks, extra) => {
      if (blocks.some((b) => b.rowCount > 0)) await appendBlocks(store, def, fields, blocks, extra);
      else await store.insert(fields.map((f) => vectorFromScalars(f.type, [])), 0, extra);
    },
    committedExtra: () => store.committedExtra(),
    unflushedRows: () => store.unflushedRows,
    activeParts: () => store.parts().filter((p) => p.active).length,
    flush: () => store.flush(),
  };
}

/** Every source of one database directory. */
export class SourceManager {
  private readonly running = new Map<string, KafkaSource>();
  private closed = false;

  private constructor(private readonly host: SourceHost, private specs: SourceSpec[]) {}

  /** Load the persisted sources (none when the file is absent). Call {@link startAll} to run them. */
  static async open(host: SourceHost): Promise<SourceManager> {
    let specs: SourceSpec[] = [];
    try {
      specs = (JSON.parse(await readFile(join(host.dataDir, FILE), 'utf8')) as { sources: SourceSpec[] }).sources;
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code !== 'ENOENT') throw e;
    }
    return new SourceManager(host, specs);
  }

  /** Start every source that is not paused (in the background: a missing broker does not delay opening). */
  startAll(): void {
    for (const spec of this.specs) if (!spec.paused) this.start(spec);
  }

  /** Run CREATE SOURCE, DROP SOURCE or ALTER SOURCE. */
  async execute(stmt: CreateSource | DropSource | AlterSource, currentDatabase: string): Promise<void> {
    if (this.closed) throw new EddyError('ABORTED', 'Database is closing');
    switch (stmt.kind) {
      case 'CreateSource': return this.create(stmt, currentDatabase);
      case 'DropSource': return this.drop(stmt);
      case 'AlterSource': return this.alter(stmt);
    }
  }

  /** Rows of system.kafka_consumers: one per owned partition, or one per source without partitions. */
  consumerRows(): KafkaSourceStatus[] {
    return this.specs.flatMap((spec) => this.running.get(spec.name)?.status() ?? [{
      source: spec.name, database: spec.database, table: spec.table, topic: spec.topic, group: spec.group,
      partition: null, storedOffset: null, highWatermark: null, lag: null, rowsPerSecond: 0, rows: 0, messages: 0,
      deadLetters: 0, state: spec.paused ? 'paused' : 'stopped', lastError: '', lastErrorTime: 0,
    } satisfies KafkaSourceStatus]);
  }

  /** Stop every source (each finishes its batch in progress and leaves its group). */
  async close(): Promise<void> {
    this.closed = true;
    await Promise.all([...this.running.values()].map((s) => s.stop()));
    this.running.clear();
  }

  private async create(stmt: CreateSource, currentDatabase: string): Promise<void> {
    if (this.specs.some((s) => s.name === stmt.name)) {
      if (stmt.ifNotExists) return;
      throw new EddyError('TABLE_ALREADY_EXISTS', `Source ${stmt.name} already exists`);
    }
    const settings: Record<string, string | number | boolean> = {};
    for (const [k, v] of Object.entries(stmt.settings ?? {})) settings[k] = typeof v === 'bigint' ? v.toString() : v;
    const spec: SourceSpec = {
      name: stmt.name, brokers: stmt.brokers, topic: stmt.topic, group: stmt.group, format: stmt.format,
      database: stmt.database ?? currentDatabase, table: stmt.table, settings, paused: false,
    };
    if (!/^[^,\s]+(\s*,\s*[^,\s]+)*$/.test(spec.brokers)) throw new EddyError('BAD_ARGUMENTS', `Bad broker list '${spec.brokers}': expected 'host:port[,host:port]'`);
    if (spec.topic === '' || spec.group === '') throw new EddyError('BAD_ARGUMENTS', 'Topic and group must not be empty');
    getDecoder(spec.format);
    resolveSourceSettings(spec.settings);
    if (!this.host.findTable(spec.database, spec.table)) {
      throw new EddyError('UNKNOWN_TABLE', `Table ${spec.database}.${spec.table} does not exist`);
    }
    const dl = deadLetterName(spec);
    if (!this.host.findTable(dl.database, dl.table)) {
      const cols = DEAD_LETTER_COLUMNS.map(([n, t]) => `${quoteName(n)} ${t}`).join(', ');
      await this.host.runDdl(`CREATE TABLE IF NOT EXISTS ${quoteName(dl.database)}.${quoteName(dl.table)} (${cols}) `
        + `ENGINE = MergeTree ORDER BY (${DEAD_LETTER_ORDER_BY.map(quoteName).join(', ')})`);
    }
    await this.save([...this.specs, spec]);
    this.start(spec);
  }

  private async drop(stmt: DropSource): Promise<void> {
    if (!this.specs.some((s) => s.name === stmt.name)) {
      if (stmt.ifExists) return;
      throw new EddyError('UNKNOWN_TABLE', `Source ${stmt.name} does not exist`);
    }
    await this.running.get(stmt.name)?.stop();
    this.running.delete(stmt.name);
    await this.save(this.specs.filter((s) => s.name !== stmt.name));
  }

  private async alter(stmt: AlterSource): Promise<void> {
    const spec = this.specs.find((s) => s.name === stmt.name);
    if (!spec) throw new EddyError('UNKNOWN_TABLE', `Source ${stmt.name} does not exist`);
    const paused = stmt.action === 'pause';
    if (spec.paused === paused) return;
    const updated = { ...spec, paused };
    await this.save(this.specs.map((s) => (s.name === spec.name ? updated : s)));
    if (paused) {
      await this.running.get(spec.name)?.stop('paused');
      this.running.delete(spec.name);
    } else {
      this.start(updated);
    }
  }

  private start(spec: SourceSpec): void {
    if (this.closed || this.running.has(spec.name)) return;
    const host = this.host;
    const dl = deadLetterName(spec);
    const tables: SourceTables = {
      target: () => tableSink(host, spec.database, spec.table),
      deadLetter: () => tableSink(host, dl.database, dl.table),
    };
    const source = new KafkaSource(spec, resolveSourceSettings(spec.settings), getDecoder(spec.format), tables, host.logger);
    this.running.set(spec.name, source);
    source.start();
  }

  private async save(specs: SourceSpec[]): Promise<void> {
    await writeFileDurable(join(this.host.dataDir, FILE), JSON.stringify({ version: 1, sources: specs }, null, 2));
    this.specs = specs;
  }
}
