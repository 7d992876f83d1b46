/**
 * A mailbox: callbacks (worker messages, the main thread's own partition) post events; one consumer
 * takes them in order, waiting at most a given time so it can check cancellation and deadlines while
 * nothing arrives.
 */

/** Events posted by many, taken by one. */
export class Mailbox<T> {
  private readonly events: T[] = [];
  private head = 0;
  private wake: (() => void) | null = null;

  /** Post an event. */
  push(e: T): void {
    this.events.push(e);
    const w = this.wake;
    this.wake = null;
    w?.();
  }

  /** The next event, or undefined when none came within `timeoutMs`. */
  async next(timeoutMs: number): Promise<T | undefined> {
    if (this.head === this.events.length) {
      await new Promise<void>((resolve) => {
        const timer = setTimeout(() => { this.wake = null; resolve(); }, timeoutMs);
        this.wake = () => { clearTimeout(timer); resolve(); };
      });
    }
    if (this.head === this.events.length) return undefined;
    const e = this.events[this.head++]!;
    if (this.head === this.events.length) { this.events.length = 0; this.head = 0; }
    return e;
  }
}
