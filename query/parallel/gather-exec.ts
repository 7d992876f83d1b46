/**
 * GatherExec: runs a plan fragment over a scan's units on several threads and yields what the
 * partitions produce. Part units go to pooled worker threads, which read the parts themselves;
 * in-memory units are read on the main thread meanwhile. The main thread only schedules, merges and
 * yields, so its event loop stays free for the HTTP server.
 *
 * - Aggregate / top-K fragments: each worker starts with a contiguous share of the units (balanced by
 *   rows, so repeated queries find their blocks in the same worker's cache), then steals from the
 *   others' tails when it runs dry; every partition sends its partial result once, at the end.
 * - Aggregates with an exchange (exchange.ts): partial states come back first, then the main thread
 *   either merges them or routes each key-hash bucket to its worker and yields the workers' final rows.
 * - Rows fragments: units are handed out in order within a window, each to the worker that owns its
 *   region of the part (the same worker on every run, for its cache), and their rows are yielded in
 *   unit order, so the output is the single-threaded one.
 *
 * Cancellation, max_execution_time and errors stop every partition; worker counters and memory are
 * added to the query's as units complete.
 */
import type { Batch } from '../../src/core/batch.ts';
import { EddyError, type ErrorName } from '../../src/core/errors.ts';
import type { PartRangeDescriptor, ScanUnit } from '../../src/core/scan.ts';
import type { Field } from '../../src/core/types.ts';
import type { AggregateCall } from '../planner/bound.ts';
import type { ExecContext, PhysicalOperator } from '../physical/operator.ts';
import { yieldToEventLoop } from '../physical/operator.ts';
import { sliceVector, vectorBytes } from '../physical/vectors.ts';
import { planKey } from '../physical/grouping/group-hints.ts';
import { buildFragment, type Fragment } from './fragment.ts';
import { Mailbox } from './mailbox.ts';
import { mergeOnMainThread, packedBuffers, splitPartials, type AggregateExchange } from './exchange.ts';
import { unpackBatch, type PackedBatch } from './pack.ts';
import { PartitionContext } from './partition-context.ts';
import { sharedPool, type WorkerSession } from './pool.ts';
import type { FromWorker, WorkerError } from './protocol.ts';
import { AsyncQueue } from './unit-queue.ts';
import { UnitScanExec, type OrderedUnit } from './unit-scan.ts';
import { recordGroupRatio } from './width-hints.ts';

/** Unit messages a worker may have queued at once (one being read, one waiting). */
const IN_FLIGHT = 2;
/**
 * Aggregate exchange: a worker whose groups exceed this share of its rows read (and the threshold)
 * makes the remaining units shared — partial aggregation would barely reduce them.
 */
const SHARE_RATIO = 0.2;
/** Rows fragments: granules of a part that go to one worker (a full unit of 8192-row granules, ≥ a cache stripe). */
const REGION_GRANULES = 64;
/** How often a waiting gather checks cancellation and the deadline. */
const POLL_MS = 25;
/** Largest batch (in bytes) handed on at once, so that merging it does not stall the event loop. */
const SLICE_BYTES = 1 << 20;

type Event =
  | { readonly k: 'worker'; readonly w: number; readonly m: FromWorker }
  | { readonly k: 'crash'; readonly error: EddyError }
  | { readonly k: 'local'; readonly ordinal: number; readonly batches: readonly Batch[]; readonly sinkRows: number }
  | { readonly k: 'localError'; readonly error: unknown };

/** A partition's partial states in an aggregate exchange: whole, or split by key hash (`w` = -1: the main thread's). */
interface Partial {
  readonly w: number;
  readonly whole: readonly Batch[] | null;
  readonly buckets: readonly (readonly PackedBatch[])[] | null;
}

/** Runs a fragment on worker threads and the main thread. */
export class GatherExec implements PhysicalOperator {
  readonly name = 'Gather';
  readonly children: readonly PhysicalOperator[];

  /**
   * @param units the scan's units in scan order (their index is their ordinal)
   * @param schema the fragment's output (partial states, top-K candidates or rows)
   * @param partition what each partition runs, shown by EXPLAIN (not executed)
   * @param countRowsBeforeLimit set rows_before_limit from the rows the top-K sinks saw
   */
  constructor(readonly fragment: Fragment, readonly units: readonly ScanUnit[], readonly threads: number,
    readonly schema: readonly Field[], partition: PhysicalOperator, readonly countRowsBeforeLimit = false) {
    this.children = [partition];
  }

  execute(ctx: ExecContext): AsyncIterable<Batch> {
    return this.fragment.sink.kind === 'rows' ? this.ordered(ctx) : this.whole(ctx);
  }

  explain(): string {
    const remote = this.units.filter((u) => u.descriptor !== undefined).length;
    const sink = this.fragment.sink;
    const x = sink.kind === 'aggregate' ? sink.exchange : undefined;
    const merge = x === undefined ? '' : `, merge by key hash above ${x.threshold} groups${x.steps.length > 0 ? ` + ${x.steps.map((s) => s.kind).join(', ')}` : ''}` +
      `${x.reduce ? ` + ${x.reduce.kind === 'topK' ? 'TopK' : 'Limit'} ${x.reduce.limit}` : ''}`;
    return `Gather threads: ${this.workerCount()} (units: ${remote} in workers, ${this.units.length - remote} on the main thread${merge})`;
  }

  private workerCount(): number {
    return Math.min(this.threads, this.units.filter((u) => u.descriptor !== undefined).length);
  }

  /** Sessions on the pool's workers, their messages posted to `box`. */
  private open(box: Mailbox<Event>): WorkerSession[] {
    const n = this.workerCount();
    if (n === 0) return [];
    return sharedPool().open(n, this.fragment, (w) => ({
      message: (m) => box.push({ k: 'worker', w, m }),
      crashed: (error) => box.push({ k: 'crash', error }),
    }));
  }

  /** Aggregate and top-K fragments: one result per partition. */
  private async *whole(ctx: ExecContext): AsyncIterable<Batch> {
    const remote: OrderedUnit[] = [];
    const local: OrderedUnit[] = [];
    this.units.forEach((unit, ordinal) => (unit.descriptor ? remote : local).push({ unit, ordinal }));
    const box = new Mailbox<Event>();
    const localCtx = new PartitionContext(ctx.batchRows, ctx);
    const sessions = this.open(box);
    const n = sessions.length;
    const queues = splitByRows(remote, n);
    const inFlight = new Int32Array(n);
    const finished = new Uint8Array(n);
    const owners = sessions.map(() => ({}));
    let pending = n + (local.length > 0 ? 1 : 0);
    let sinkRows = 0;
    const sink = this.fragment.sink;
    const exchange = sink.kind === 'aggregate' ? sink.exchange : undefined;
    const partials: Partial[] = [];
    // Aggregate exchange: once a worker's groups are many for its rows, the units left go to every
    // worker, each aggregating the rows of its key-hash bucket only (no partial states to merge).
    let shared: OrderedUnit[] | null = null;
    // Not for a lone string key: hashing and copying every string in every worker costs more than merging.
    const shareable = sink.kind === 'aggregate' && !(sink.keys.length === 1 && sink.keys[0]!.type.kind === 'String');
    const sharedNext = new Int32Array(n);
    const workerRows = new Float64Array(n);
    // Aggregate exchange: each worker's last reported groups and rows folded (for the width hint).
    const workerGroups = new Float64Array(n);
    const workerFolded = new Float64Array(n);
    const counted = new Set<number>();
    // Each worker first reads a small head of its first unit, alone, so that near-unique keys switch to
    // shared units early: groups aggregated before the switch must be exported and merged again.
    const probe = exchange !== undefined && shareable && n > 1 && !this.fragment.ordinals;
    // probed[w] = 0: worker w reads its head alone until it reports progress.
    const probed = Uint8Array.from(queues, (q, w) => probe && splitHead(q, exchange.threshold, this.units.length + w) ? 0 : 1);
    const feed = (w: number): void => {
      while (inFlight[w]! < (probed[w] === 0 ? 1 : IN_FLIGHT)) {
        if (shared !== null) {
          const u = shared[sharedNext[w]!];
          if (u === undefined) break;
          sharedNext[w]!++;
          sessions[w]!.send([{ descriptor: u.unit.descriptor!, ordinal: u.ordinal, shared: true }]);
        } else {
          const u = queues[w]!.shift() ?? steal(queues);
          if (u === undefined) break;
          sessions[w]!.send([{ descriptor: u.unit.descriptor!, ordinal: u.ordinal }]);
        }
        inFlight[w]!++;
      }
      if (inFlight[w] === 0 && finished[w] === 0) {
        finished[w] = 1;
        sessions[w]!.finish();
      }
    };
    try {
      if (local.length > 0) this.runLocal(local, localCtx, box);
      for (let w = 0; w < n; w++) feed(w);
      while (pending > 0) {
        const ev = await box.next(POLL_MS);
        ctx.check();
        if (ev === undefined) continue;
        switch (ev.k) {
          case 'crash': throw ev.error;
          case 'localError': throw ev.error;
          case 'local':
            pending--;
            sinkRows += ev.sinkRows;
            if (exchange) partials.push({ w: -1, whole: ev.batches, buckets: null });
            else yield* this.emit(ev.batches, ctx);
            break;
          case 'worker': {
            const m = ev.m;
            if (m.t === 'error') throw rebuild(m.error);
            if (m.t === 'progress') {
              inFlight[ev.w]!--;
              probed[ev.w] = 1;
              workerRows[ev.w]! += m.readRows;
              if (m.groups !== undefined) workerGroups[ev.w] = m.groups;
              if (m.folded !== undefined) workerFolded[ev.w] = m.folded;
              // A shared unit is read by every worker: count its rows once.
              if (shared === null || !shared.some((u) => u.ordinal === m.ordinal) || !counted.has(m.ordinal)) {
                if (shared !== null) counted.add(m.ordinal);
                ctx.stats.readRows += m.readRows;
                ctx.stats.readBytes += m.readBytes;
              }
              ctx.trackMemory(owners[ev.w]!, m.memory);
              if (exchange !== undefined && shareable && shared === null && n > 1 && m.groups !== undefined && m.groups > exchange.threshold &&
                m.groups > SHARE_RATIO * workerRows[ev.w]! && !finished.some((x) => x === 1)) {
                shared = queues.flat().sort((a, b) => a.ordinal - b.ordinal);
                for (const q of queues) q.length = 0;
                for (let w = 0; w < n; w++) feed(w);
              }
              feed(ev.w);
            } else if (m.t === 'partial' && sink.kind === 'aggregate') {
              pending--;
              ctx.trackMemory(owners[ev.w]!, m.memory);
              partials.push({ w: ev.w, whole: m.whole?.map((p) => unpackBatch(p, sink.schema)) ?? null, buckets: m.buckets });
            } else if (m.t === 'result') {
              pending--;
              sinkRows += m.sinkRows;
              sessions[ev.w]!.close();
              ctx.trackMemory(owners[ev.w]!, 0);
              yield* this.emit(m.batches.map((p) => unpackBatch(p, this.schema)), ctx);
            }
            break;
          }
        }
      }
      if (exchange && sink.kind === 'aggregate') {
        recordGroupRatio(planKey(this.children[0]!), sum(workerGroups), sum(workerFolded), sum(workerRows));
        yield* this.exchange(exchange, sink.schema, sink.aggregates, partials, sessions, owners, box, ctx);
      } else if (this.countRowsBeforeLimit) ctx.stats.rowsBeforeLimit = sinkRows;
    } finally {
      this.stop(sessions, localCtx, owners, ctx);
    }
  }

  /**
   * The second round of an aggregate exchange (exchange.ts), once every partition has sent its partial
   * states: when any partition split its groups by key hash, route bucket j of every partition to
   * worker j and yield the workers' final rows; else merge everything here.
   */
  private async *exchange(x: AggregateExchange, partialSchema: readonly Field[], aggregates: readonly AggregateCall[],
    partials: readonly Partial[], sessions: readonly WorkerSession[], owners: readonly object[], box: Mailbox<Event>,
    ctx: ExecContext): AsyncIterable<Batch> {
    const n = sessions.length;
    if (!partials.some((p) => p.buckets !== null)) {
      for (const s of sessions) s.merge(null, []);
      const all = partials.flatMap((p) => p.whole ?? []);
      yield* mergeOnMainThread(x, partialSchema, aggregates, all, this.countRowsBeforeLimit).execute(ctx);
      return;
    }
    const nk = x.finalSchema.length - aggregates.length;
    const inbox: PackedBatch[][] = sessions.map(() => []);
    for (const p of partials) {
      const buckets = p.buckets ?? splitPartials(p.whole ?? [], nk, n, p.w, []);
      for (let j = 0; j < n; j++) if (j !== p.w) inbox[j]!.push(...buckets[j]!);
    }
    // Every buffer here is the main thread's own (received or just packed): move them on.
    sessions.forEach((s, j) => {
      const buffers = new Set<ArrayBuffer>();
      packedBuffers(inbox[j]!, buffers);
      s.merge(inbox[j]!, [...buffers]);
    });
    let pending = n;
    let sinkRows = 0;
    while (pending > 0) {
      const ev = await box.next(POLL_MS);
      ctx.check();
      if (ev === undefined) continue;
      if (ev.k === 'crash' || ev.k === 'localError') throw ev.error;
      if (ev.k !== 'worker') continue;
      const m = ev.m;
      if (m.t === 'error') throw rebuild(m.error);
      if (m.t !== 'result') continue;
      pending--;
      sinkRows += m.sinkRows;
      sessions[ev.w]!.close();
      ctx.trackMemory(owners[ev.w]!, 0);
      yield* this.emit(m.batches.map((p) => unpackBatch(p, this.schema)), ctx);
    }
    if (this.countRowsBeforeLimit) ctx.stats.rowsBeforeLimit = sinkRows;
  }

  /** Rows fragments: every unit's rows, in unit order. */
  private async *ordered(ctx: ExecContext): AsyncIterable<Batch> {
    const box = new Mailbox<Event>();
    const localCtx = new PartitionContext(ctx.batchRows, ctx);
    const sessions = this.open(box);
    const n = sessions.length;
    const inFlight = new Int32Array(n);
    const owners = sessions.map(() => ({}));
    const window = Math.max(8, 4 * n);
    const localUnits = new AsyncQueue<OrderedUnit>();
    const ready = new Map<number, readonly Batch[]>();
    let dispatched = 0;
    let emitted = 0;
    const feed = (): void => {
      while (dispatched < this.units.length && dispatched - emitted < window) {
        const unit = this.units[dispatched]!;
        if (unit.descriptor === undefined) {
          localUnits.push({ unit, ordinal: dispatched });
        } else {
          // A unit's worker depends only on where it lies in its part, so units sharing cache stripes
          // (pruning cuts small ones) decode them once, and a repeated query finds them in that
          // worker's column cache (units come back in order anyway: a worker running ahead would wait).
          const w = Math.floor(unit.descriptor.from / REGION_GRANULES) % n;
          if (inFlight[w]! >= IN_FLIGHT) return;
          sessions[w]!.send([{ descriptor: unit.descriptor, ordinal: dispatched }]);
          inFlight[w]!++;
        }
        dispatched++;
      }
      if (dispatched === this.units.length) localUnits.close();
    };
    try {
      this.runLocalPerUnit(localUnits, localCtx, box);
      feed();
      while (emitted < this.units.length) {
        const rows = ready.get(emitted);
        if (rows !== undefined) {
          ready.delete(emitted);
          emitted++;
          feed();
          yield* this.emit(rows, ctx);
          continue;
        }
        const ev = await box.next(POLL_MS);
        ctx.check();
        if (ev === undefined) continue;
        switch (ev.k) {
          case 'crash': throw ev.error;
          case 'localError': throw ev.error;
          case 'local': ready.set(ev.ordinal, ev.batches); break;
          case 'worker': {
            const m = ev.m;
            if (m.t === 'error') throw rebuild(m.error);
            if (m.t === 'progress') {
              inFlight[ev.w]!--;
              ctx.stats.readRows += m.readRows;
              ctx.stats.readBytes += m.readBytes;
              ctx.trackMemory(owners[ev.w]!, m.memory);
              ready.set(m.ordinal, (m.batches ?? []).map((p) => unpackBatch(p, this.schema)));
              feed();
            }
            break;
          }
        }
      }
      for (const s of sessions) { s.finish(); s.close(); }
    } finally {
      this.stop(sessions, localCtx, owners, ctx);
    }
  }

  /** The main thread's share of an aggregate / top-K: the in-memory units, through the same fragment. */
  private runLocal(units: readonly OrderedUnit[], lctx: PartitionContext, box: Mailbox<Event>): void {
    const f = this.fragment;
    const op = buildFragment(f, new UnitScanExec(f.scanSchema, iterate(units), f.filter, f.ordinals));
    void (async () => {
      const out: Batch[] = [];
      for await (const b of op.execute(lctx)) out.push(b);
      box.push({ k: 'local', ordinal: -1, batches: out, sinkRows: lctx.stats.rowsBeforeLimit ?? 0 });
    })().catch((error: unknown) => box.push({ k: 'localError', error }));
  }

  /** The main thread's share of a rows fragment: its units one by one, as they come. */
  private runLocalPerUnit(units: AsyncQueue<OrderedUnit>, lctx: PartitionContext, box: Mailbox<Event>): void {
    const f = this.fragment;
    void (async () => {
      for await (const u of units) {
        const out: Batch[] = [];
        for await (const b of buildFragment(f, new UnitScanExec(f.scanSchema, iterate([u]), f.filter, f.ordinals)).execute(lctx)) out.push(b);
        box.push({ k: 'local', ordinal: u.ordinal, batches: out, sinkRows: 0 });
      }
    })().catch((error: unknown) => box.push({ k: 'localError', error }));
  }

  /**
   * Yield result batches, cut to at most SLICE_BYTES each (partial states such as uniqExact's can hold
   * many values per row, and the consumer merges a batch in one go), letting the event loop run between.
   */
  private async *emit(batches: readonly Batch[], ctx: ExecContext): AsyncIterable<Batch> {
    for (const b of batches) {
      let bytes = 0;
      for (const c of b.columns) bytes += vectorBytes(c);
      const step = Math.max(1, Math.floor(b.length / Math.ceil(bytes / SLICE_BYTES)));
      for (let s = 0; s < b.length; s += step) {
        const e = Math.min(b.length, s + step);
        yield s === 0 && e === b.length ? b : { ...b, columns: b.columns.map((c) => sliceVector(c, s, e)), length: e - s };
        ctx.check();
        await yieldToEventLoop();
      }
    }
  }

  /** End every partition still running and release the memory they reported. */
  private stop(sessions: readonly WorkerSession[], localCtx: PartitionContext, owners: readonly object[], ctx: ExecContext): void {
    for (const s of sessions) s.cancel();
    localCtx.stop();
    for (const o of owners) ctx.trackMemory(o, 0);
  }
}

function sum(xs: Float64Array): number {
  let s = 0;
  for (const x of xs) s += x;
  return s;
}

/** Units in order. */
async function* iterate(units: readonly OrderedUnit[]): AsyncIterable<OrderedUnit> {
  yield* units;
}

/** `units` cut into `n` contiguous runs of about equal rows. */
function splitByRows(units: readonly OrderedUnit[], n: number): OrderedUnit[][] {
  const out: OrderedUnit[][] = Array.from({ length: n }, () => []);
  if (n === 0) return out;
  let total = 0;
  for (const u of units) total += u.unit.rows;
  let acc = 0;
  for (const u of units) {
    const w = Math.min(n - 1, Math.floor((acc * n) / Math.max(1, total)));
    out[w]!.push(u);
    acc += u.unit.rows;
  }
  return out;
}

/** Head rows to aggregate before deciding on shared units, per group of group_by_two_level_threshold. */
const PROBE_ROWS_PER_GROUP = 4;

/**
 * Cut the first unit of `queue` (a part range) in two when it is much longer than a probe of
 * PROBE_ROWS_PER_GROUP · `threshold` rows: the head (ordinal `headOrdinal`, unused by any other unit)
 * goes first, the tail keeps the unit's ordinal. True when it did.
 */
function splitHead(queue: OrderedUnit[], threshold: number, headOrdinal: number): boolean {
  const first = queue[0];
  const d = first?.unit.descriptor;
  if (first === undefined || d === undefined) return false;
  const granules = d.to - d.from;
  const head = Math.ceil((PROBE_ROWS_PER_GROUP * threshold * granules) / Math.max(1, first.unit.rows));
  if (head * 2 > granules) return false;
  const headRows = Math.round((first.unit.rows * head) / granules);
  queue.splice(0, 1,
    { unit: remoteUnit({ ...d, to: d.from + head }, headRows), ordinal: headOrdinal },
    { unit: remoteUnit({ ...d, from: d.from + head }, first.unit.rows - headRows), ordinal: first.ordinal });
  return true;
}

/** A part range only workers read (from its descriptor); `rows` is an estimate used for balancing. */
function remoteUnit(descriptor: PartRangeDescriptor, rows: number): ScanUnit {
  return {
    rows, descriptor,
    read(): AsyncIterable<Batch> { throw new EddyError('LOGICAL_ERROR', 'a remote unit is read by workers only'); },
    describe: () => `part ${descriptor.dir} granules ${descriptor.from}..${descriptor.to - 1}`,
  };
}

/** A unit from the tail of the fullest queue (work stealing), or undefined when all are empty. */
function steal(queues: OrderedUnit[][]): OrderedUnit | undefined {
  let best: OrderedUnit[] | undefined;
  for (const q of queues) if (q.length > 0 && (best === undefined || q.length > best.length)) best = q;
  return best?.pop();
}

/** The main-thread EddyError for a worker's error. */
function rebuild(e: WorkerError): EddyError {
  return new EddyError(e.errorName as ErrorName, e.message);
}
