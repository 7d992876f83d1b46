/**
 * INSERT: decode the payload (inline after FORMAT/VALUES and/or streamed from the request body) into
 * the table's column types, fill omitted columns with their defaults, and append it to storage durably
 * before the promise resolves. The whole payload is one all-or-nothing write (storage stages parts as
 * pieces arrive, so memory holds one piece); when the user sets max_insert_block_size, each block of
 * that many rows is its own atomic write instead (ClickHouse's rule).
 */
import type { Insert } from '../../query/parser/ast.ts';
import type { TableDefinition } from '../catalog/definition.ts';
import type { Batch } from '../core/batch.ts';
import { EddyError } from '../core/errors.ts';
import { concatVectors, gather, repeatScalar } from '../core/materialize.ts';
import type { Field, Scalar } from '../core/types.ts';
import { quoteToken, typeEquals, typeName } from '../core/types.ts';
import { constVector, utf8, type Vector } from '../core/vector.ts';
import { getDecoder } from '../../ingest/decoders/index.ts';
import { getScalar } from '../../query/functions/registry.ts';
import type { BulkInsert, TableStorage } from '../../storage/table/index.ts';
import { storageSchema } from './table-registry.ts';
import { implicitDefault } from './defaults.ts';
import { T } from '../core/types.ts';

/** Rows and bytes an insert wrote. */
export interface InsertResult { rows: number; bytes: number }

/** The fields an INSERT names (all columns when it names none), checked against the table. */
export function insertTargets(stmt: Insert, def: TableDefinition): Field[] {
  const schema = storageSchema(def);
  if (!stmt.columns) return schema;
  const seen = new Set<string>();
  return stmt.columns.map((name) => {
    const f = schema.find((c) => c.name === name);
    if (!f) throw new EddyError('NO_SUCH_COLUMN_IN_TABLE', `No such column ${quoteToken(name)} in table ${def.database}.${def.name}`);
    if (seen.has(name)) throw new EddyError('DUPLICATE_COLUMN', `Column ${quoteToken(name)} in INSERT is specified more than once`);
    seen.add(name);
    return f;
  });
}

async function* payload(inline: string, body: AsyncIterable<Uint8Array> | undefined): AsyncIterable<Uint8Array> {
  if (inline.trim().length > 0) yield utf8(inline);
  if (body) yield* body;
}

/**
 * Decode an INSERT's data into blocks of the target fields and stream them into storage: each chunk of
 * at least `chunkRows` rows (and the rest) is one all-or-nothing bulk insert, whose blocks storage
 * writes as staged parts while more arrive, so memory holds about one piece, not one chunk. A decode
 * error after a chunk was committed leaves its rows in the table, as in ClickHouse; `onWrite` hears
 * the totals so far.
 */
export async function appendDecoded(store: TableStorage, def: TableDefinition, stmt: Insert, sql: string,
  body: AsyncIterable<Uint8Array> | undefined, targets: readonly Field[], settings: Readonly<Record<string, unknown>>,
  chunkRows: number, onWrite?: (total: InsertResult) => void): Promise<InsertResult> {
  const decode = getDecoder(stmt.format ?? 'Values');
  const schema = storageSchema(def);
  const total: InsertResult = { rows: 0, bytes: 0 };
  let bulk: BulkInsert | null = null;
  let pendingBytes = 0;
  const commit = async (b: BulkInsert): Promise<void> => {
    bulk = null;
    await b.commit();
    total.rows += b.rows;
    total.bytes += pendingBytes;
    pendingBytes = 0;
    onWrite?.(total);
  };
  try {
    for await (const b of decode(payload(sql.slice(stmt.dataOffset), body), targets, settings)) {
      if (b.rowCount === 0) continue;
      const columns = schemaColumns(schema, targets, b);
      pendingBytes += columnBytes(columns, b.rowCount);
      const into: BulkInsert = bulk ?? store.bulkInsert();
      bulk = into;
      await into.append(columns, b.rowCount);
      if (into.rows >= chunkRows) await commit(into);
    }
    if (bulk !== null) await commit(bulk);
  } catch (e) {
    await (bulk as BulkInsert | null)?.abort();
    throw e;
  }
  return total;
}

/** A block of the target fields as columns of the whole schema (omitted columns get their defaults). */
function schemaColumns(schema: readonly (Field & { default?: Scalar })[], targets: readonly Field[],
  block: { columns: Vector[]; rowCount: number }): Vector[] {
  return schema.map((f) => {
    const ti = targets.findIndex((t) => t.name === f.name);
    return ti >= 0 ? block.columns[ti]! : repeatScalar(f.type, f.default !== undefined ? f.default : implicitDefault(f.type) as Scalar, block.rowCount);
  });
}

/** Bytes of columns as reported in written_bytes. */
function columnBytes(columns: readonly Vector[], rows: number): number {
  let bytes = 0;
  for (const c of columns) {
    if (c.kind === 'string') bytes += c.bytes.length + 4 * rows;
    else if (c.kind === 'flat') bytes += c.values.byteLength;
  }
  return bytes;
}

/** Cast a vector to `type` through the registry's CAST kernel (no-op when the type already matches). */
export function castTo(v: Vector, type: Field['type']): Vector {
  if (typeEquals(v.type, type)) return v;
  const cast = getScalar('CAST');
  const n = v.length;
  return cast.evaluate([v, constVector(T.String, typeName(type), n)], n, type);
}

/** Turn the result batches of INSERT ... SELECT into blocks of the target fields. */
export function blocksFromBatches(batches: readonly Batch[], targets: readonly Field[]): { columns: Vector[]; rowCount: number }[] {
  return batches.map((b) => {
    if (b.columns.length !== targets.length) {
      throw new EddyError('NUMBER_OF_ARGUMENTS_DOESNT_MATCH',
        `Number of columns doesn't match: INSERT has ${targets.length}, SELECT returns ${b.columns.length}`);
    }
    const cols = b.columns.map((c, i) => castTo(b.sel ? gather(c, b.sel) : c, targets[i]!.type));
    return { columns: cols, rowCount: b.sel ? b.sel.length : b.length };
  });
}

/** Append decoded blocks as one durable, all-or-nothing write; omitted columns get their defaults. */
export async function appendBlocks(store: TableStorage, def: TableDefinition, targets: readonly Field[],
  blocks: readonly { columns: Vector[]; rowCount: number }[], extra?: Readonly<Record<string, string>>): Promise<InsertResult> {
  const rows = blocks.reduce((s, b) => s + b.rowCount, 0);
  if (rows === 0) return { rows: 0, bytes: 0 };
  const schema = storageSchema(def);
  const columns = schema.map((f) => {
    const ti = targets.findIndex((t) => t.name === f.name);
    return ti >= 0
      ? concatVectors(f.type, blocks.map((b) => b.columns[ti]!))
      : repeatScalar(f.type, f.default !== undefined ? f.default : implicitDefault(f.type) as Scalar, rows);
  });
  await store.insert(columns, rows, extra);
  return { rows, bytes: columnBytes(columns, rows) };
}
