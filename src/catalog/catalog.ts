/**
 * The catalog: databases and table definitions, persisted under `<dataDir>/metadata/<db>/<table>.json`.
 * Every change is written durably (tmp + fsync + rename) before it returns. Table data lives under
 * `<dataDir>/store/<uuid>/` and is owned by storage; the catalog only names it.
 */
import { mkdir, readdir, readFile, rm, rename } from 'node:fs/promises';
import { join } from 'node:path';
import { EddyError } from '../core/errors.ts';
import { quoteToken } from '../core/types.ts';
import type { TableDefinition } from './definition.ts';
import { fsyncDir, writeFileDurable } from './durable-file.ts';

/** Databases that always exist. `system` is virtual (its tables are computed). */
export const BUILTIN_DATABASES = ['default', 'system'] as const;

/** Databases and table definitions of one data directory. */
export class Catalog {
  private readonly dbs = new Map<string, Map<string, TableDefinition>>();

  private constructor(readonly dataDir: string) {}

  /** Load every definition under `<dataDir>/metadata`; creates `default` on first open. */
  static async open(dataDir: string): Promise<Catalog> {
    const cat = new Catalog(dataDir);
    const metaDir = join(dataDir, 'metadata');
    await mkdir(join(metaDir, 'default'), { recursive: true });
    for (const db of await readdir(metaDir, { withFileTypes: true })) {
      if (!db.isDirectory()) continue;
      const tables = new Map<string, TableDefinition>();
      cat.dbs.set(db.name, tables);
      for (const f of await readdir(join(metaDir, db.name))) {
        if (f.includes('.tmp-')) {
          await rm(join(metaDir, db.name, f), { force: true });
          continue;
        }
        if (!f.endsWith('.json')) continue;
        const def = JSON.parse(await readFile(join(metaDir, db.name, f), 'utf8')) as TableDefinition;
        tables.set(def.name, def);
      }
    }
    return cat;
  }

  /** Directory holding a table's data. */
  storeDir(def: TableDefinition): string {
    return join(this.dataDir, 'store', def.uuid);
  }

  /** Names of all databases, `system` included. */
  databases(): string[] {
    return [...new Set([...this.dbs.keys(), 'system'])].sort();
  }

  /** True when the database exists. */
  hasDatabase(name: string): boolean {
    return name === 'system' || this.dbs.has(name);
  }

  /** Create a database. */
  async createDatabase(name: string, ifNotExists: boolean): Promise<void> {
    if (this.hasDatabase(name)) {
      if (ifNotExists) return;
      throw new EddyError('DATABASE_ALREADY_EXISTS', `Database ${name} already exists`);
    }
    validateName(name);
    await mkdir(join(this.dataDir, 'metadata', name), { recursive: true });
    await fsyncDir(join(this.dataDir, 'metadata'));
    this.dbs.set(name, new Map());
  }

  /** Drop an empty-or-not database's metadata; the caller drops the tables' storage first. */
  async dropDatabase(name: string): Promise<void> {
    this.requireDatabase(name);
    if (name === 'system' || name === 'default') {
      throw new EddyError('BAD_ARGUMENTS', `Cannot drop database ${quoteToken(name)}`);
    }
    await rm(join(this.dataDir, 'metadata', name), { recursive: true, force: true });
    this.dbs.delete(name);
  }

  /** Tables of a database (sorted by name). */
  tables(database: string): TableDefinition[] {
    return [...(this.requireDatabase(database).values())].sort((a, b) => a.name.localeCompare(b.name));
  }

  /** Every table of every database. */
  allTables(): TableDefinition[] {
    return [...this.dbs.keys()].sort().flatMap((db) => this.tables(db));
  }

  /** A table definition or undefined. */
  findTable(database: string, name: string): TableDefinition | undefined {
    return this.dbs.get(database)?.get(name);
  }

  /** A table definition, or UNKNOWN_DATABASE / UNKNOWN_TABLE. */
  getTable(database: string, name: string): TableDefinition {
    const def = this.requireDatabase(database).get(name);
    if (!def) throw new EddyError('UNKNOWN_TABLE', `Table ${database}.${name} does not exist`);
    return def;
  }

  /** Persist a new table definition. */
  async createTable(def: TableDefinition): Promise<void> {
    const tables = this.requireDatabase(def.database);
    if (tables.has(def.name)) throw new EddyError('TABLE_ALREADY_EXISTS', `Table ${def.database}.${def.name} already exists`);
    validateName(def.name);
    await writeFileDurable(this.metaPath(def.database, def.name), JSON.stringify(def, null, 2));
    tables.set(def.name, def);
  }

  /** Replace a table's definition (ALTER). */
  async updateTable(def: TableDefinition): Promise<void> {
    this.getTable(def.database, def.name);
    await writeFileDurable(this.metaPath(def.database, def.name), JSON.stringify(def, null, 2));
    this.requireDatabase(def.database).set(def.name, def);
  }

  /** Remove a table's definition. */
  async dropTable(database: string, name: string): Promise<void> {
    this.getTable(database, name);
    await rm(this.metaPath(database, name), { force: true });
    await fsyncDir(join(this.dataDir, 'metadata', database));
    this.requireDatabase(database).delete(name);
  }

  /** Rename a table (possibly across databases); its data directory does not move. */
  async renameTable(fromDb: string, from: string, toDb: string, to: string): Promise<void> {
    const def = this.getTable(fromDb, from);
    const target = this.requireDatabase(toDb);
    if (target.has(to)) throw new EddyError('TABLE_ALREADY_EXISTS', `Table ${toDb}.${to} already exists`);
    validateName(to);
    const renamed: TableDefinition = { ...def, database: toDb, name: to, modifiedAt: Date.now() };
    await writeFileDurable(this.metaPath(fromDb, from), JSON.stringify(renamed, null, 2));
    await rename(this.metaPath(fromDb, from), this.metaPath(toDb, to));
    await fsyncDir(join(this.dataDir, 'metadata', toDb));
    if (fromDb !== toDb) await fsyncDir(join(this.dataDir, 'metadata', fromDb));
    this.requireDatabase(fromDb).delete(from);
    target.set(to, renamed);
  }

  private requireDatabase(name: string): Map<string, TableDefinition> {
    const db = this.dbs.get(name);
    if (!db) {
      if (name === 'system') throw new EddyError('BAD_ARGUMENTS', 'Database system is read-only');
      throw new EddyError('UNKNOWN_DATABASE', `Database ${name} does not exist`);
    }
    return db;
  }

  private metaPath(database: string, name: string): string {
    return join(this.dataDir, 'metadata', database, `${encodeURIComponent(name)}.json`);
  }
}

function validateName(name: string): void {
  if (name.length === 0 || name.length > 200 || name.includes('\0')) {
    throw new EddyError('BAD_ARGUMENTS', `Invalid name ${quoteToken(name)}`);
  }
}
