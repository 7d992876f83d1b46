/**
 * Live figures of one consumed partition for system.kafka_consumers: stored offset, high watermark,
 * lag, totals and a rows-per-second rate over the last few seconds.
 */

const RATE_WINDOW_MS = 10_000;
const MAX_SAMPLES = 4096;

/** Counters of one partition while this process owns it. */
export class PartitionStats {
  /** Next offset committed with the rows (-1: none yet). */
  storedOffset = -1n;
  /** Log end offset as last reported by the broker (-1: unknown). */
  highWatermark = -1n;
  rows = 0;
  messages = 0;
  deadLetters = 0;
  private readonly samples: [number, number][] = [];

  /** Record a committed write of `rows` rows from `messages` messages, `dead` of them dead-lettered. */
  record(rows: number, messages: number, dead: number, nextOffset: bigint, now = Date.now()): void {
    this.rows += rows;
    this.messages += messages;
    this.deadLetters += dead;
    this.storedOffset = nextOffset;
    if (this.highWatermark < nextOffset) this.highWatermark = nextOffset;
    this.samples.push([now, rows]);
    this.trim(now);
  }

  /** Messages the broker holds beyond the stored offset (0 when either is unknown). */
  get lag(): bigint {
    if (this.highWatermark < 0n || this.storedOffset < 0n) return 0n;
    return this.highWatermark > this.storedOffset ? this.highWatermark - this.storedOffset : 0n;
  }

  /** Rows per second over the last {@link RATE_WINDOW_MS}. */
  rowsPerSecond(now = Date.now()): number {
    this.trim(now);
    let sum = 0;
    for (const [, r] of this.samples) sum += r;
    return sum / (RATE_WINDOW_MS / 1000);
  }

  private trim(now: number): void {
    let drop = 0;
    while (drop < this.samples.length && (this.samples[drop]![0] < now - RATE_WINDOW_MS || this.samples.length - drop > MAX_SAMPLES)) drop++;
    if (drop > 0) this.samples.splice(0, drop);
  }
}
