/**
 * One running Kafka source: a kafkajs consumer-group member that appends a topic to a table with
 * exactly-once delivery.
 *
 * Exactly-once: every write of a partition's messages is one `append` whose `extra` carries the
 * partition's next offset (see offsets.ts), so rows and offset commit together in Eddy's WAL and
 * part metadata. On every assignment (start, restart, rebalance) each partition resumes at
 * `max(offset stored in Eddy, offset committed in Kafka)`: Eddy's own offset is the truth for the
 * partitions this process stored (a crash between the write and the Kafka commit leaves Kafka behind);
 * Kafka's offset is the truth for partitions another process of the group consumed meanwhile (it
 * commits to Kafka right after each durable write). Messages below that floor are skipped, so a
 * re-delivered batch is never written twice. Kafka offsets are committed after each durable write, for
 * lag monitoring and for hand-over between processes.
 *
 * Bad messages go to the dead-letter table first, with the same offset key in its own `extra`; on
 * re-delivery the ones below the dead-letter table's stored offset are not written again.
 *
 * Backpressure: while the target holds more than `max_unflushed_rows` un-flushed rows (flushes behind;
 * a flush is requested) or more than `max_active_parts` parts (merges behind) the topic is paused; it
 * resumes by itself below half the rows and 80 % of the parts.
 */
import { Kafka, logLevel, type Admin, type Batch, type Consumer, type KafkaMessage, type LogEntry } from 'kafkajs';
import { toEddyError } from '../../src/core/errors.ts';
import type { Decoder } from '../decoders/index.ts';
import { deadLetterBlock } from './dead-letter.ts';
import { decodeMessages, type RawMessage } from './message-decoder.ts';
import { offsetKey, storedOffset } from './offsets.ts';
import { PartitionStats } from './partition-stats.ts';
import type { SourceTables } from './sink.ts';
import type { SourceSettings, SourceSpec } from './source-spec.ts';

/** Where a source is in its life. */
export type SourceState = 'starting' | 'running' | 'backpressure' | 'retrying' | 'paused' | 'stopped';

/** One row of system.kafka_consumers: a partition this process owns (or the source alone, `partition` null). */
export interface KafkaSourceStatus {
  readonly source: string;
  readonly database: string;
  readonly table: string;
  readonly topic: string;
  readonly group: string;
  readonly partition: number | null;
  readonly storedOffset: bigint | null;
  readonly highWatermark: bigint | null;
  readonly lag: bigint | null;
  readonly rowsPerSecond: number;
  readonly rows: number;
  readonly messages: number;
  readonly deadLetters: number;
  readonly state: SourceState;
  readonly lastError: string;
  /** Milliseconds since the epoch (0: none). */
  readonly lastErrorTime: number;
}

/** Where a source logs. */
export interface SourceLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

const BACKPRESSURE_POLL_MS = 100;
const HIGH_WATERMARK_POLL_MS = 5_000;
const RETRY_MIN_MS = 500;
const RETRY_MAX_MS = 10_000;
const DISCONNECT_TIMEOUT_MS = 15_000;

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) { resolve(); return; }
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

async function withTimeout(p: Promise<unknown>, ms: number): Promise<void> {
  let t: NodeJS.Timeout | undefined;
  await Promise.race([p.catch(() => {}), new Promise((r) => { t = setTimeout(r, ms); })]);
  clearTimeout(t);
}

/** A Kafka source consuming into its tables while started. */
export class KafkaSource {
  private readonly stats = new Map<number, PartitionStats>();
  /** Lowest offset still to write, per owned partition (absent: not computed since the assignment). */
  private readonly floors = new Map<number, Promise<bigint>>();
  private kafkaCommitted: Promise<Map<number, bigint>> | null = null;
  private committedIn: Admin | null = null;
  private state: SourceState = 'stopped';
  private lastError = '';
  private lastErrorTime = 0;
  private stopper: AbortController | null = null;
  private loop: Promise<void> | null = null;
  private resumeTimer: NodeJS.Timeout | null = null;
  private watermarkTimer: NodeJS.Timeout | null = null;

  constructor(
    readonly spec: SourceSpec,
    private readonly settings: SourceSettings,
    private readonly decode: Decoder,
    private readonly tables: SourceTables,
    private readonly logger: SourceLogger,
  ) {}

  /** Start consuming in the background (no-op when running). Connection errors are retried with backoff. */
  start(): void {
    if (this.loop) return;
    const stopper = new AbortController();
    this.stopper = stopper;
    this.state = 'starting';
    this.loop = this.supervise(stopper.signal);
  }

  /** Stop consuming: finish the batch in progress, leave the group, disconnect. */
  async stop(finalState: SourceState = 'stopped'): Promise<void> {
    this.stopper?.abort();
    await this.loop;
    this.loop = null;
    this.state = finalState;
    this.stats.clear();
  }

  /** Rows for system.kafka_consumers. */
  status(): KafkaSourceStatus[] {
    const base = {
      source: this.spec.name, database: this.spec.database, table: this.spec.table, topic: this.spec.topic,
      group: this.spec.group, state: this.state, lastError: this.lastError, lastErrorTime: this.lastErrorTime,
    };
    if (this.stats.size === 0) {
      return [{ ...base, partition: null, storedOffset: null, highWatermark: null, lag: null, rowsPerSecond: 0, rows: 0, messages: 0, deadLetters: 0 }];
    }
    const now = Date.now();
    return [...this.stats.entries()].sort((a, b) => a[0] - b[0]).map(([partition, s]) => ({
      ...base, partition,
      storedOffset: s.storedOffset >= 0n ? s.storedOffset : null,
      highWatermark: s.highWatermark >= 0n ? s.highWatermark : null,
      lag: s.storedOffset >= 0n && s.highWatermark >= 0n ? s.lag : null,
      rowsPerSecond: s.rowsPerSecond(now), rows: s.rows, messages: s.messages, deadLetters: s.deadLetters,
    }));
  }

  // ---- lifecycle ----

  private async supervise(signal: AbortSignal): Promise<void> {
    let backoff = RETRY_MIN_MS;
    while (!signal.aborted) {
      const startedAt = Date.now();
      try {
        await this.runConsumer(signal);
      } catch (e) {
        this.noteError(e);
      }
      if (signal.aborted) break;
      this.state = 'retrying';
      if (Date.now() - startedAt > RETRY_MAX_MS) backoff = RETRY_MIN_MS;
      await sleep(backoff, signal);
      backoff = Math.min(RETRY_MAX_MS, backoff * 2);
    }
  }

  /** Connect and consume until stopped or until the consumer crashes for good. */
  private async runConsumer(signal: AbortSignal): Promise<void> {
    const kafka = new Kafka({
      clientId: `eddy-${this.spec.name}`,
      brokers: this.spec.brokers.split(',').map((b) => b.trim()).filter((b) => b.length > 0),
      logLevel: logLevel.ERROR,
      logCreator: () => (entry: LogEntry) => this.logger.warn(`kafka source ${this.spec.name}: ${entry.log.message}`),
      retry: { initialRetryTime: 300, maxRetryTime: 5_000, retries: 8 },
    });
    const s = this.settings;
    const consumer = kafka.consumer({
      groupId: this.spec.group,
      sessionTimeout: s.sessionTimeoutMs,
      heartbeatInterval: Math.max(100, Math.floor(s.sessionTimeoutMs / 10)),
      rebalanceTimeout: Math.max(s.sessionTimeoutMs, 10_000),
      maxWaitTimeInMs: s.maxBatchMs,
      minBytes: s.maxBatchBytes,
      maxBytesPerPartition: s.maxBatchBytes,
      maxBytes: s.maxBatchBytes * 8,
      allowAutoTopicCreation: false,
    });
    const admin = kafka.admin();
    let crashed: (() => void) | undefined;
    const crash = new Promise<void>((resolve) => { crashed = resolve; });
    const onAbort = (): void => crashed?.();
    signal.addEventListener('abort', onAbort, { once: true });
    try {
      consumer.on(consumer.events.GROUP_JOIN, (e) => this.onAssignment(consumer, admin, e.payload.memberAssignment[this.spec.topic] ?? []));
      consumer.on(consumer.events.CRASH, (e) => {
        this.noteError(e.payload.error);
        if (!e.payload.restart) crashed?.();
      });
      await admin.connect();
      await consumer.connect();
      await consumer.subscribe({ topic: this.spec.topic, fromBeginning: s.autoOffsetReset === 'earliest' });
      if (signal.aborted) return;
      await consumer.run({
        autoCommit: false,
        eachBatchAutoResolve: false,
        eachBatch: async ({ batch, resolveOffset, heartbeat, isRunning, isStale }) => {
          await this.onBatch(consumer, batch, resolveOffset, heartbeat, () => isRunning() && !isStale() && !signal.aborted);
        },
      });
      this.state = 'running';
      this.watermarkTimer = setInterval(() => void this.refreshWatermarks(admin), HIGH_WATERMARK_POLL_MS);
      this.watermarkTimer.unref();
      await crash;
    } finally {
      signal.removeEventListener('abort', onAbort);
      if (this.watermarkTimer) clearInterval(this.watermarkTimer);
      if (this.resumeTimer) clearInterval(this.resumeTimer);
      this.watermarkTimer = null;
      this.resumeTimer = null;
      this.committedIn = null;
      await withTimeout(consumer.disconnect(), DISCONNECT_TIMEOUT_MS);
      await withTimeout(admin.disconnect(), DISCONNECT_TIMEOUT_MS);
      this.floors.clear();
    }
  }

  /** A new generation: forget floors, point each owned partition at Eddy's stored offset, fetch Kafka's. */
  private onAssignment(consumer: Consumer, admin: Admin, partitions: readonly number[]): void {
    this.floors.clear();
    for (const p of [...this.stats.keys()]) if (!partitions.includes(p)) this.stats.delete(p);
    let committed: Record<string, string> = {};
    try {
      committed = this.tables.target().committedExtra();
    } catch (e) {
      this.noteError(e);
    }
    for (const p of partitions) {
      if (!this.stats.has(p)) this.stats.set(p, new PartitionStats());
      const own = storedOffset(committed, offsetKey(this.spec.name, this.spec.topic, p));
      this.stats.get(p)!.storedOffset = own;
      // Synchronous, inside the join: the first fetch of the generation already starts there.
      if (own >= 0n) consumer.seek({ topic: this.spec.topic, partition: p, offset: own.toString() });
    }
    this.kafkaCommitted = null;
    this.committedIn = admin;
  }

  /** Offsets the group committed in Kafka, fetched once per generation (again after a failure). */
  private kafkaOffsets(): Promise<Map<number, bigint>> {
    const admin = this.committedIn;
    if (!admin) return Promise.resolve(new Map());
    this.kafkaCommitted ??= admin.fetchOffsets({ groupId: this.spec.group, topics: [this.spec.topic] }).then((res) => {
      const out = new Map<number, bigint>();
      for (const t of res) for (const x of t.partitions) if (/^\d+$/.test(x.offset)) out.set(x.partition, BigInt(x.offset));
      return out;
    }, (e: unknown) => {
      this.kafkaCommitted = null;
      throw e;
    });
    return this.kafkaCommitted;
  }

  /** The lowest offset of `partition` still to write: max(Eddy's stored offset, Kafka's committed offset). */
  private floor(partition: number): Promise<bigint> {
    let f = this.floors.get(partition);
    if (!f) {
      f = (async () => {
        const own = storedOffset(this.tables.target().committedExtra(), offsetKey(this.spec.name, this.spec.topic, partition));
        const kafka = (await this.kafkaOffsets()).get(partition) ?? -1n;
        return own > kafka ? own : kafka;
      })();
      f.catch(() => this.floors.delete(partition));
      this.floors.set(partition, f);
    }
    return f;
  }

  // ---- the write path ----

  private async onBatch(consumer: Consumer, batch: Batch, resolveOffset: (offset: string) => void,
    heartbeat: () => Promise<void>, current: () => boolean): Promise<void> {
    const p = batch.partition;
    if (!current() || batch.messages.length === 0) return;
    const stats = this.stats.get(p) ?? new PartitionStats();
    this.stats.set(p, stats);
    const hw = BigInt(batch.highWatermark);
    if (hw > stats.highWatermark) stats.highWatermark = hw;

    const floor = await this.floor(p);
    const fresh = batch.messages.filter((m) => BigInt(m.offset) >= floor);
    if (fresh.length === 0) {
      const last = BigInt(batch.lastOffset());
      if (last + 1n < floor) consumer.seek({ topic: batch.topic, partition: p, offset: floor.toString() });
      else resolveOffset(last.toString());
      return;
    }
    for (let i = 0; i < fresh.length; i += this.settings.maxBatchMessages) {
      // What is not resolved here is fetched again (after the resume, when overloaded).
      if (!current() || this.overloaded(consumer)) return;
      const chunk = fresh.slice(i, i + this.settings.maxBatchMessages);
      const next = await this.write(p, chunk, stats);
      this.floors.set(p, Promise.resolve(next));
      resolveOffset(chunk[chunk.length - 1]!.offset);
      try {
        await consumer.commitOffsets([{ topic: batch.topic, partition: p, offset: next.toString() }]);
      } catch (e) {
        this.noteError(e); // informational only: Eddy's stored offset is the truth
      }
      await heartbeat();
    }
    if (this.state === 'retrying' || this.state === 'starting') this.state = 'running';
  }

  /** Decode and write one run of messages with its offset; returns the next offset. */
  private async write(partition: number, chunk: readonly KafkaMessage[], stats: PartitionStats): Promise<bigint> {
    const key = offsetKey(this.spec.name, this.spec.topic, partition);
    const next = BigInt(chunk[chunk.length - 1]!.offset) + 1n;
    const extra = { [key]: next.toString() };
    const target = this.tables.target();
    const raw: RawMessage[] = chunk.map((m) => ({ offset: m.offset, value: m.value }));
    const decoded = await decodeMessages(this.decode, raw, target.fields, this.settings.formatSettings);
    let dead = 0;
    if (decoded.bad.length > 0) {
      const dl = this.tables.deadLetter();
      const already = storedOffset(dl.committedExtra(), key);
      const bad = decoded.bad.filter((b) => b.offset >= already);
      if (bad.length > 0) {
        await dl.append([deadLetterBlock(this.spec.name, this.spec.topic, partition, bad, Date.now())], extra);
        dead = bad.length;
      }
      const first = decoded.bad[0]!;
      this.noteError(new Error(`message at ${this.spec.topic}/${partition}@${first.offset}: ${first.error}`));
    }
    await target.append(decoded.blocks, extra);
    stats.record(decoded.rows, chunk.length, dead, next);
    return next;
  }

  /** True (and the topic paused until the table catches up) when flushes or merges of the target fall behind. */
  private overloaded(consumer: Consumer): boolean {
    if (this.resumeTimer) return true;
    const target = this.tables.target();
    const { maxUnflushedRows, maxActiveParts } = this.settings;
    const rowsBehind = target.unflushedRows() >= maxUnflushedRows;
    if (!rowsBehind && target.activeParts() < maxActiveParts) return false;
    consumer.pause([{ topic: this.spec.topic }]);
    this.state = 'backpressure';
    if (rowsBehind) void target.flush().catch((e: unknown) => this.noteError(e));
    const startedAt = Date.now();
    this.resumeTimer = setInterval(() => {
      let behind = false;
      try {
        const t = this.tables.target();
        behind = t.unflushedRows() >= maxUnflushedRows / 2 || t.activeParts() >= maxActiveParts * 0.8;
      } catch (e) {
        this.noteError(e);
      }
      // Re-checked before the next write anyway: after a minute, look again from scratch.
      if (behind && Date.now() - startedAt < 60_000) return;
      if (this.resumeTimer) clearInterval(this.resumeTimer);
      this.resumeTimer = null;
      this.state = 'running';
      consumer.resume([{ topic: this.spec.topic }]);
    }, BACKPRESSURE_POLL_MS);
    this.resumeTimer.unref();
    return true;
  }

  private async refreshWatermarks(admin: Admin): Promise<void> {
    try {
      for (const o of await admin.fetchTopicOffsets(this.spec.topic)) {
        const s = this.stats.get(o.partition);
        if (s) s.highWatermark = BigInt(o.high);
      }
    } catch {
      // the broker may be away; the last known watermark stays
    }
  }

  private noteError(e: unknown): void {
    this.lastError = toEddyError(e).message;
    this.lastErrorTime = Date.now();
  }
}
