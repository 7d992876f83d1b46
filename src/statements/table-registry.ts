/**
 * Open MergeTree tables of one database directory: the catalog's definitions paired with their
 * storage, opened at start and kept open until close or DROP.
 */
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Catalog } from '../catalog/catalog.ts';
import type { TableDefinition } from '../catalog/definition.ts';
import type { Field, Scalar } from '../core/types.ts';
import { parseType } from '../core/types.ts';
import type { TableSource } from '../core/scan.ts';
import { TableStorage, type TableStorageOptions } from '../../storage/table/index.ts';
import type { ColumnCache } from '../../storage/part/index.ts';
import { compilePartitioner } from './partitioner.ts';
import { parseDefaultLiteral } from './defaults.ts';

/** Options every table is opened with. */
export interface TableOpenDefaults {
  cache: ColumnCache;
  flush?: TableStorageOptions['flush'];
  logger?: TableStorageOptions['logger'];
  /** Rows per granule for tables whose definition sets no index_granularity (storage default: 8192). */
  granularity?: number;
}

/** The fields (with defaults) storage needs for a definition. */
export function storageSchema(def: TableDefinition): (Field & { default?: Scalar })[] {
  return def.columns.map((c) => {
    const type = parseType(c.type);
    return c.default !== undefined ? { name: c.name, type, default: parseDefaultLiteral(c.default, type) } : { name: c.name, type };
  });
}

/** uuid → open storage, plus TableSource views for the query engine. */
export class TableRegistry {
  private readonly open = new Map<string, TableStorage>();

  constructor(private readonly catalog: Catalog, private readonly defaults: TableOpenDefaults) {}

  /** Open every table in the catalog and delete store directories no definition names (dropped mid-crash). */
  async openAll(): Promise<void> {
    const known = new Set<string>();
    for (const def of this.catalog.allTables()) {
      known.add(def.uuid);
      await this.openTable(def);
    }
    const storeRoot = join(this.catalog.dataDir, 'store');
    let dirs: string[] = [];
    try {
      dirs = await readdir(storeRoot);
    } catch {
      return;
    }
    for (const d of dirs) if (!known.has(d)) await rm(join(storeRoot, d), { recursive: true, force: true });
  }

  /** Open (or create) the storage of a table definition. */
  async openTable(def: TableDefinition): Promise<TableStorage> {
    const store = await TableStorage.open({
      dir: this.catalog.storeDir(def),
      schema: storageSchema(def),
      sortKey: def.orderBy,
      ...(def.partitionBy ? { partitioner: compilePartitioner(def.partitionBy, storageSchema(def)) } : {}),
      ...(typeof def.settings['index_granularity'] === 'number' ? { granularity: def.settings['index_granularity'] }
        : this.defaults.granularity !== undefined ? { granularity: this.defaults.granularity } : {}),
      cache: this.defaults.cache,
      ...(this.defaults.flush ? { flush: this.defaults.flush } : {}),
      ...(this.defaults.logger ? { logger: this.defaults.logger } : {}),
    });
    this.open.set(def.uuid, store);
    return store;
  }

  /** The storage of a table. */
  storage(def: TableDefinition): TableStorage {
    const s = this.open.get(def.uuid);
    if (!s) throw new Error(`table ${def.database}.${def.name} is not open`);
    return s;
  }

  /** Forget (and delete) a table's storage. */
  async drop(def: TableDefinition): Promise<void> {
    const s = this.open.get(def.uuid);
    this.open.delete(def.uuid);
    if (s) await s.drop();
    else await rm(this.catalog.storeDir(def), { recursive: true, force: true });
  }

  /** A TableSource the query engine reads through. */
  source(def: TableDefinition): TableSource {
    const store = this.storage(def);
    return { database: def.database, name: def.name, schema: store.schema, sortKey: def.orderBy, snapshot: () => store.snapshot() };
  }

  /** Every open table. */
  all(): TableStorage[] {
    return [...this.open.values()];
  }

  /** Close every table (acknowledged rows stay in their WALs). */
  async closeAll(): Promise<void> {
    for (const s of this.open.values()) await s.close();
    this.open.clear();
  }
}
