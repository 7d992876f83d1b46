/**
 * One query's share of work inside a worker thread: opens the parts its units name (through the
 * worker's own column cache), runs the fragment over them and posts progress, rows or the partial
 * result back. Units arrive over time; `finish` ends the input, `cancel` stops the run.
 */
import { toEddyError } from '../../src/core/errors.ts';
import type { Batch } from '../../src/core/batch.ts';
import { PartReader } from '../../storage/part/reader.ts';
import type { ColumnCache } from '../../storage/part/cache.ts';
import { partUnitFromDescriptor } from '../../storage/table/snapshot.ts';
import { buildFragment, type Fragment } from './fragment.ts';
import { packBatch, type PackedBatch } from './pack.ts';
import { PartitionContext } from './partition-context.ts';
import type { FromWorker, UnitTask } from './protocol.ts';
import { AsyncQueue } from './unit-queue.ts';
import { UnitScanExec, type OrderedUnit } from './unit-scan.ts';

/** Sends a message (with buffers to transfer) to the main thread. */
export type PostMessage = (msg: FromWorker, transfer: ArrayBuffer[]) => void;

/** A query running in a worker. */
export class WorkerQuery {
  private readonly tasks = new AsyncQueue<UnitTask>();
  private readonly readers = new Map<string, Promise<PartReader>>();
  private readonly ctx: PartitionContext;
  private reported = { readRows: 0, readBytes: 0 };

  constructor(private readonly q: number, private readonly fragment: Fragment, private readonly cache: ColumnCache,
    private readonly post: PostMessage) {
    this.ctx = new PartitionContext(fragment.batchRows);
  }

  /** More units to read. */
  add(units: readonly UnitTask[]): void {
    for (const u of units) this.tasks.push(u);
  }

  /** No more units. */
  finish(): void {
    this.tasks.close();
  }

  /** Stop as soon as possible; nothing more is sent but `done`. */
  cancel(): void {
    this.ctx.stop();
    this.tasks.close();
  }

  /** Run until the input ends; always ends by posting `done`. */
  async run(): Promise<void> {
    try {
      if (this.fragment.sink.kind === 'rows') await this.runPerUnit();
      else await this.runWhole();
    } catch (e) {
      const err = toEddyError(e);
      if (err.errorName !== 'QUERY_WAS_CANCELLED') this.post({ t: 'error', q: this.q, error: { errorName: err.errorName, message: err.message } }, []);
    } finally {
      this.post({ t: 'done', q: this.q }, []);
    }
  }

  /** Aggregate / top-K: one pipeline over every unit, one result at the end. */
  private async runWhole(): Promise<void> {
    const f = this.fragment;
    const op = buildFragment(f, new UnitScanExec(f.scanSchema, this.open(), f.filter, f.ordinals));
    const transfer: ArrayBuffer[] = [];
    const batches: PackedBatch[] = [];
    for await (const b of op.execute(this.ctx)) batches.push(packBatch(b, transfer));
    this.ctx.check();
    this.post({ t: 'result', q: this.q, batches, sinkRows: this.ctx.stats.rowsBeforeLimit ?? 0 }, transfer);
  }

  /** Rows: one pipeline per unit, its rows sent with the unit's progress. */
  private async runPerUnit(): Promise<void> {
    const f = this.fragment;
    for await (const task of this.tasks) {
      const unit = await this.unitOf(task);
      const op = buildFragment(f, new UnitScanExec(f.scanSchema, single(unit), f.filter, f.ordinals));
      const out: Batch[] = [];
      for await (const b of op.execute(this.ctx)) out.push(b);
      const transfer: ArrayBuffer[] = [];
      this.progress(task.ordinal, out.map((b) => packBatch(b, transfer)), transfer);
    }
  }

  /** The queued units, opened; progress is posted as each one is fully consumed. */
  private async *open(): AsyncIterable<OrderedUnit> {
    for await (const task of this.tasks) {
      yield await this.unitOf(task);
      this.progress(task.ordinal, undefined, []);
    }
  }

  private async unitOf(task: UnitTask): Promise<OrderedUnit> {
    this.ctx.check();
    const d = task.descriptor;
    let reader = this.readers.get(d.dir);
    if (reader === undefined) {
      reader = PartReader.open(d.dir, this.cache);
      this.readers.set(d.dir, reader);
    }
    return { unit: partUnitFromDescriptor(await reader, d), ordinal: task.ordinal };
  }

  private progress(ordinal: number, batches: PackedBatch[] | undefined, transfer: ArrayBuffer[]): void {
    const s = this.ctx.stats;
    this.post({
      t: 'progress', q: this.q, ordinal, readRows: s.readRows - this.reported.readRows, readBytes: s.readBytes - this.reported.readBytes,
      memory: this.ctx.memory, ...(batches ? { batches } : {}),
    }, transfer);
    this.reported = { readRows: s.readRows, readBytes: s.readBytes };
  }
}

async function* single(u: OrderedUnit): AsyncIterable<OrderedUnit> {
  yield u;
}

