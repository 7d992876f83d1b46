/**
 * One query's share of work inside a worker thread: opens the parts its units name (through the
 * worker's own column cache), runs the fragment over them and posts progress, rows or the partial
 * result back. Units arrive over time; `finish` ends the input, `cancel` stops the run.
 */
import { toEddyError } from '../../src/core/errors.ts';
import type { Batch } from '../../src/core/batch.ts';
import type { PartReader } from '../../storage/part/reader.ts';
import { openPartCached } from '../../storage/part/open-cached.ts';
import type { ColumnCache } from '../../storage/part/cache.ts';
import { partUnitFromDescriptor } from '../../storage/table/snapshot.ts';
import { buildFragment, type Fragment } from './fragment.ts';
import type { AggregateTable } from '../physical/aggregate-table.ts';
import { emitGroups, type HashAggregateExec } from '../physical/hash-aggregate.ts';
import { keysOverAggregates, topGroups } from '../physical/top-groups.ts';
import { buildReduce, StreamExec, type AggregateExchange } from './exchange.ts';
import { bucketRows, keyBuckets, rowsOfBucket } from './key-buckets.ts';
import { packBatch, packRows, unpackBatch, type PackedBatch } from './pack.ts';
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
  /** Aggregate exchange: resolves with the `merge` message's batches (null: nothing to merge, or cancelled). */
  private readonly merged: Promise<readonly PackedBatch[] | null>;
  private deliver: (batches: readonly PackedBatch[] | null) => void = () => {};
  /** The units as they come (one iterator, consumed in phases by the aggregate exchange). */
  private readonly pending = this.tasks[Symbol.asyncIterator]();
  /** Aggregate exchange: the first unit every worker reads (see UnitTask.shared), and the table being built. */
  private firstShared: UnitTask | null = null;
  private table: AggregateTable | null = null;

  /** `part` is this session's index among the query's `parts` workers. */
  constructor(private readonly q: number, private readonly fragment: Fragment, private readonly cache: ColumnCache,
    private readonly post: PostMessage, private readonly part = 0, private readonly parts = 1) {
    this.ctx = new PartitionContext(fragment.batchRows);
    this.merged = new Promise((resolve) => { this.deliver = resolve; });
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
    this.deliver(null);
  }

  /** Aggregate exchange: the states of this worker's hash share from the other partitions (null: none). */
  merge(batches: readonly PackedBatch[] | null): void {
    this.deliver(batches);
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
    const exchange = f.sink.kind === 'aggregate' && f.sink.exchange !== undefined;
    const op = buildFragment(f, new UnitScanExec(f.scanSchema, this.open(exchange), f.filter, f.ordinals));
    if (f.sink.kind === 'aggregate' && f.sink.exchange !== undefined) {
      await this.runExchange(op as HashAggregateExec, f.sink.exchange);
      return;
    }
    const transfer: ArrayBuffer[] = [];
    const batches: PackedBatch[] = [];
    for await (const b of op.execute(this.ctx)) batches.push(packBatch(b, transfer));
    this.ctx.check();
    this.post({ t: 'result', q: this.q, batches, sinkRows: this.ctx.stats.rowsBeforeLimit ?? 0 }, transfer);
  }

  /**
   * Aggregate with an exchange (exchange.ts): build the table, send its states (whole, or the other
   * workers' hash buckets), merge this worker's bucket of everyone's states into the table when asked,
   * and send the steps' and reduce's output over this worker's share of the groups.
   */
  private async runExchange(agg: HashAggregateExec, x: AggregateExchange): Promise<void> {
    const ctx = this.ctx;
    const owner = {};
    const nk = agg.keys.length;
    const table = agg.table();
    this.table = table;
    await agg.build(ctx, owner, table);
    // Groups 0..mixed-1 may be of any bucket; the later ones (from shared units) are all this worker's.
    const mixed = table.groups;
    if (this.firstShared !== null) {
      // The remaining units go to every worker: fold in only the rows of this worker's bucket.
      const f = this.fragment;
      const rest = buildFragment(f, new UnitScanExec(f.scanSchema, this.openShared(), f.filter, f.ordinals)) as HashAggregateExec;
      await rest.build(ctx, owner, table, (keys, n) => rowsOfBucket(keys, n, this.parts, this.part));
    }
    ctx.check();
    const before = table.groups;
    const transfer: ArrayBuffer[] = [];
    let own: Uint32Array;
    if (before > x.threshold && this.parts === 1) {
      // The only partition: every group stays here (nothing to build, hash or send).
      own = new Uint32Array(mixed);
      for (let g = 0; g < mixed; g++) own[g] = g;
      this.post({ t: 'partial', q: this.q, memory: ctx.memory, whole: null, buckets: [[]] }, transfer);
    } else if (before > x.threshold) {
      const partial = [...table.grouper.keyVectors(0, mixed), ...table.outputs(true, mixed)];
      const buckets = bucketRows(keyBuckets(partial.slice(0, nk), mixed, this.parts), this.parts);
      own = buckets[this.part]!;
      const out = buckets.map((rows, j) => j === this.part || rows.length === 0 ? [] : [packRows(partial, rows, transfer)]);
      this.post({ t: 'partial', q: this.q, memory: ctx.memory, whole: null, buckets: out }, transfer);
    } else {
      const partial = [...table.grouper.keyVectors(0, before), ...table.outputs(true)];
      own = bucketRows(keyBuckets(partial.slice(0, nk), mixed, this.parts), this.parts)[this.part]!;
      const whole = before === 0 ? [] : [packBatch({ schema: agg.schema, columns: partial, length: before, sel: null }, transfer)];
      this.post({ t: 'partial', q: this.q, memory: ctx.memory, whole, buckets: null }, transfer);
    }
    const incoming = await this.merged;
    ctx.check();
    if (incoming === null) return;
    // This worker's groups: its bucket of the mixed ones, the ones from shared units, and every group the merge adds.
    const kept = own.length + before - mixed;
    const mine = new Uint32Array(kept);
    mine.set(own);
    for (let g = mixed, i = own.length; g < before; g++, i++) mine[i] = g;
    own = mine;
    await table.consume(iterate(incoming.map((p) => unpackBatch(p, agg.schema))), null, ctx, owner);
    const rows = new Uint32Array(own.length + table.groups - before);
    rows.set(own);
    for (let g = before, i = own.length; g < table.groups; g++, i++) rows[i] = g;
    const outputs = table.columns(false);
    // ORDER BY aggregates LIMIT: pick the best groups first and build only their keys (the top-K re-ranks them).
    const sortKeys = x.reduce?.kind === 'topK' ? keysOverAggregates(x.steps, x.reduce.keys, nk) : null;
    const best = sortKeys === null ? null : await topGroups(outputs, table.groups, rows, sortKeys, x.reduce!.limit, ctx);
    const groups = new StreamExec(x.finalSchema, emitGroups(table, outputs, x.finalSchema, ctx, best ?? rows));
    const out: PackedBatch[] = [];
    const sent: ArrayBuffer[] = [];
    for await (const b of buildReduce(x, groups, true).execute(ctx)) out.push(packBatch(b, sent));
    if (best !== null) ctx.stats.rowsBeforeLimit = rows.length;
    ctx.check();
    ctx.trackMemory(owner, 0);
    this.post({ t: 'result', q: this.q, batches: out, sinkRows: ctx.stats.rowsBeforeLimit ?? 0 }, sent);
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
  private async *open(stopAtShared = false): AsyncIterable<OrderedUnit> {
    for (;;) {
      const r = await this.pending.next();
      if (r.done === true) return;
      const task = r.value;
      if (stopAtShared && task.shared === true) {
        this.firstShared = task;
        return;
      }
      yield await this.unitOf(task);
      this.progress(task.ordinal, undefined, []);
    }
  }

  /** Aggregate exchange: the shared units (from the first one `open` stopped at). */
  private async *openShared(): AsyncIterable<OrderedUnit> {
    const first = this.firstShared;
    if (first === null) return;
    yield await this.unitOf(first);
    this.progress(first.ordinal, undefined, []);
    yield* this.open();
  }

  private async unitOf(task: UnitTask): Promise<OrderedUnit> {
    this.ctx.check();
    const d = task.descriptor;
    let reader = this.readers.get(d.dir);
    if (reader === undefined) {
      reader = openPartCached(d.dir, this.cache);
      this.readers.set(d.dir, reader);
    }
    return { unit: partUnitFromDescriptor(await reader, d), ordinal: task.ordinal };
  }

  private progress(ordinal: number, batches: PackedBatch[] | undefined, transfer: ArrayBuffer[]): void {
    const s = this.ctx.stats;
    this.post({
      t: 'progress', q: this.q, ordinal, readRows: s.readRows - this.reported.readRows, readBytes: s.readBytes - this.reported.readBytes,
      memory: this.ctx.memory, ...(batches ? { batches } : {}), ...(this.table ? { groups: this.table.groups, folded: this.table.rows } : {}),
    }, transfer);
    this.reported = { readRows: s.readRows, readBytes: s.readBytes };
  }
}

async function* single(u: OrderedUnit): AsyncIterable<OrderedUnit> {
  yield u;
}

async function* iterate(batches: readonly Batch[]): AsyncIterable<Batch> {
  yield* batches;
}

