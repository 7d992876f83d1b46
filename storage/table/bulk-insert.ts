/**
 * A large insert streamed in pieces, still all-or-nothing. Blocks are buffered until they reach the
 * table's direct-insert size; then they are sorted and written as level-0 parts into a staging
 * directory (see commit.ts), and the buffer starts over, so memory stays at about one piece however
 * big the insert. commit() writes the rest and moves every staged part into the table at once; an
 * insert that never grew to one piece goes the ordinary way (WAL or direct part) instead. abort()
 * (or a failed commit) leaves nothing behind.
 */
import { basename } from 'node:path';
import { EddyError } from '../../src/core/errors.ts';
import { concatVectors } from '../../src/core/materialize.ts';
import type { Vector } from '../../src/core/vector.ts';
import type { ColumnDef } from './column-def.ts';
import { openStaging, type Staging } from './commit.ts';
import { validateColumns } from './validate.ts';

/** What a bulk insert needs from its table. */
export interface BulkInsertHost {
  /** The table directory (staging goes under it). */
  readonly dir: string;
  /** Buffered rows or bytes at which a piece is written as staged parts. */
  readonly pieceRows: number;
  readonly pieceBytes: number;
  /** Split by partition, sort and write level-0 parts under `dir`; their directory names. */
  writeParts(dir: string, schema: readonly ColumnDef[], columns: readonly Vector[], rowCount: number): Promise<string[]>;
  /** The ordinary insert path (for inserts smaller than one piece). */
  insert(columns: readonly Vector[], rowCount: number): Promise<void>;
  /** Commit staged parts (named) and make them active; fails when the table changed underneath. */
  commit(staging: Staging, names: readonly string[]): Promise<void>;
  /** The insert was given up: forget the staged parts. */
  abandon(): void;
}

/** Estimated in-memory bytes of a block. */
function blockBytes(columns: readonly Vector[], rowCount: number): number {
  let s = 0;
  for (const v of columns) {
    if (v.kind === 'flat') s += rowCount * v.values.BYTES_PER_ELEMENT;
    else if (v.kind === 'string') s += v.offsets[rowCount]! - v.offsets[0]! + 4 * rowCount;
    else s += 8 * rowCount;
  }
  return s;
}

/** One streamed insert into a table: append() blocks (columns in `schema` order), then commit() or abort(). */
export class BulkInsert {
  private pending: (readonly Vector[])[] = [];
  private pendingRows = 0;
  private pendingBytes = 0;
  private staging: Staging | null = null;
  private readonly names: string[] = [];
  private state: 'open' | 'done' | 'failed' = 'open';

  constructor(private readonly host: BulkInsertHost, private readonly schema: readonly ColumnDef[]) {}

  /** Rows appended so far. */
  rows = 0;

  /** Add a block; may write a staged piece before resolving. */
  async append(columns: readonly Vector[], rowCount: number): Promise<void> {
    this.checkOpen();
    if (rowCount === 0) return;
    validateColumns(this.schema, columns, rowCount);
    this.pending.push(columns);
    this.pendingRows += rowCount;
    this.pendingBytes += blockBytes(columns, rowCount);
    this.rows += rowCount;
    if (this.pendingRows >= this.host.pieceRows || this.pendingBytes >= this.host.pieceBytes) await this.guard(() => this.spill());
  }

  /** Make every appended row visible at once (durable when this resolves). */
  async commit(): Promise<void> {
    this.checkOpen();
    await this.guard(async () => {
      if (this.staging === null) {
        if (this.pendingRows > 0) await this.host.insert(this.takePending(), this.rows);
      } else {
        if (this.pendingRows > 0) await this.spill();
        await this.host.commit(this.staging, this.names);
      }
    });
    this.state = 'done';
  }

  /** Give up: remove whatever was staged. Safe to call more than once. */
  async abort(): Promise<void> {
    if (this.state === 'done') return;
    this.state = 'failed';
    this.pending = [];
    this.host.abandon();
    await this.staging?.discard();
  }

  private async spill(): Promise<void> {
    this.staging ??= await openStaging(this.host.dir);
    const rows = this.pendingRows;
    const names = await this.host.writeParts(this.staging.dir, this.schema, this.takePending(), rows);
    for (const n of names) this.names.push(basename(n));
  }

  /** The buffered blocks as whole columns; the buffer starts over. */
  private takePending(): Vector[] {
    const blocks = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.pendingBytes = 0;
    return this.schema.map((f, i) => concatVectors(f.type, blocks.map((b) => b[i]!)));
  }

  private async guard(fn: () => Promise<void>): Promise<void> {
    try {
      await fn();
    } catch (e) {
      await this.abort();
      throw e;
    }
  }

  private checkOpen(): void {
    if (this.state !== 'open') throw new EddyError('LOGICAL_ERROR', `Bulk insert is ${this.state === 'done' ? 'committed' : 'aborted'}`);
  }
}
