/**
 * A large insert streamed in pieces, still all-or-nothing. Blocks are buffered until they reach the
 * table's direct-insert size; then they are handed to the host, which sorts and writes them as level-0
 * parts into a staging directory (see commit.ts) on a worker thread, and the buffer starts over. One
 * piece (host.piecesInFlight: one per writer thread) is written while the next one fills, and a further
 * full piece waits, so memory stays at about two pieces (one more per extra writer) however big the
 * insert, and decoding overlaps writing. The first piece is a quarter size so the writer starts
 * early, and the last one is written on this thread beside the workers'. commit() writes the rest,
 * waits for every piece and moves the staged parts into the table at once; an insert that never grew
 * to one piece goes the ordinary way (WAL or direct part) instead. abort() (or a failed commit) waits
 * for pieces being written and leaves nothing behind.
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
  /** Pieces written at once on worker threads (a further full piece waits). */
  readonly piecesInFlight: number;
  /**
   * Split by partition, sort and write level-0 parts under `dir`; their directory names. The blocks
   * (columns in schema order) are handed over: nothing else uses them afterwards. The work runs on a
   * part-writer thread, or on this thread with `here`.
   */
  writeParts(dir: string, schema: readonly ColumnDef[], blocks: (readonly Vector[])[], rowCount: number, here: boolean): Promise<string[]>;
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
  /** Pieces being written (up to host.piecesInFlight on workers; at commit also the last, on this thread). */
  private readonly writes: Promise<void>[] = [];
  private state: 'open' | 'done' | 'failed' = 'open';

  constructor(private readonly host: BulkInsertHost, private readonly schema: readonly ColumnDef[]) {}

  /** Rows appended so far. */
  rows = 0;

  /**
   * Add a block (handed over: the caller must not use its vectors afterwards); may wait for a staged
   * piece being written before resolving.
   */
  async append(columns: readonly Vector[], rowCount: number): Promise<void> {
    this.checkOpen();
    if (rowCount === 0) return;
    validateColumns(this.schema, columns, rowCount);
    this.pending.push(columns);
    this.pendingRows += rowCount;
    this.pendingBytes += blockBytes(columns, rowCount);
    this.rows += rowCount;
    // the first piece is a quarter of the others, so the writer starts while the rest is decoded
    const part = this.staging === null ? 4 : 1;
    if (this.pendingRows * part >= this.host.pieceRows || this.pendingBytes * part >= this.host.pieceBytes) await this.guard(() => this.spill(false));
  }

  /** Make every appended row visible at once (durable when this resolves). */
  async commit(): Promise<void> {
    this.checkOpen();
    await this.guard(async () => {
      if (this.staging === null) {
        if (this.pendingRows > 0) await this.host.insert(this.takePending(), this.rows);
      } else {
        // the last piece is written here while the worker may still be busy with the one before
        if (this.pendingRows > 0) await this.spill(this.writes.length > 0);
        await this.settle(0);
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
    await Promise.allSettled(this.writes.splice(0));
    this.host.abandon();
    await this.staging?.discard();
  }

  /**
   * Start writing the buffered blocks as a staged piece: on a worker once fewer than
   * host.piecesInFlight pieces are being written, or (`here`) on this thread at once, beside them.
   */
  private async spill(here: boolean): Promise<void> {
    this.staging ??= await openStaging(this.host.dir);
    if (!here) await this.settle(this.host.piecesInFlight - 1);
    const rows = this.pendingRows;
    const blocks = this.pending;
    this.pending = [];
    this.pendingRows = 0;
    this.pendingBytes = 0;
    const write = this.host.writeParts(this.staging.dir, this.schema, blocks, rows, here).then((names) => {
      for (const n of names) this.names.push(basename(n));
    });
    write.catch(() => {}); // reported by settle()
    this.writes.push(write);
  }

  /** Wait until at most `left` pieces are being written (oldest first); a failed piece fails the insert. */
  private async settle(left: number): Promise<void> {
    while (this.writes.length > left) await this.writes.shift();
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
