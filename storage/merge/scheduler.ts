/**
 * Runs a table's merges in the background, one at a time. The table supplies `pick()` (choose and
 * claim the next merge, or null) and the scheduler runs jobs until pick() has nothing. A failed job is
 * logged and background merging backs off (1 s doubling to 60 s) so a full disk does not spin.
 */
import type { StorageLogger } from '../wal/wal.ts';

/** A claimed merge, ready to run. */
export interface MergeJob {
  /** Merge and commit; must give up promptly when `signal` aborts. */
  run(signal: AbortSignal): Promise<void>;
}

/** Background merge loop of one table. */
export class MergeScheduler {
  private running: Promise<void> | null = null;
  private controller = new AbortController();
  private paused = 0;
  private stopped = false;
  private backoffMs = 0;
  private retryTimer: NodeJS.Timeout | null = null;

  constructor(private readonly pick: () => MergeJob | null, private readonly logger: StorageLogger,
    private readonly enabled = true) {}

  /** Look for work now (after a flush, an insert of a part, or a finished merge). */
  kick(): void {
    if (!this.enabled || this.stopped || this.paused > 0 || this.running !== null || this.retryTimer !== null) return;
    this.running = this.loop().finally(() => { this.running = null; });
  }

  /** Resolves when no job runs and none is waiting to start (background loop drained). */
  async idle(): Promise<void> {
    while (this.running !== null) await this.running;
  }

  /** Stop starting jobs, let the running one finish; resume() undoes it. Nests. */
  async pause(): Promise<void> {
    this.paused++;
    await this.idle();
  }

  /** Undo one pause() and look for work. */
  resume(): void {
    if (this.paused > 0) this.paused--;
    this.kick();
  }

  /** Abort the running job and stop for good. */
  async stop(): Promise<void> {
    this.stopped = true;
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    this.controller.abort();
    await this.idle();
  }

  private async loop(): Promise<void> {
    while (!this.stopped && this.paused === 0) {
      const job = this.pick();
      if (job === null) return;
      try {
        await job.run(this.controller.signal);
        this.backoffMs = 0;
      } catch (e) {
        if (this.stopped) return;
        this.backoffMs = Math.min(60_000, this.backoffMs === 0 ? 1000 : this.backoffMs * 2);
        this.logger.warn(`background merge failed (retrying in ${this.backoffMs} ms): ${e instanceof Error ? e.message : String(e)}`);
        this.retryTimer = setTimeout(() => { this.retryTimer = null; this.kick(); }, this.backoffMs);
        this.retryTimer.unref();
        return;
      }
    }
  }
}
