/**
 * An async queue: producers push items as they arrive (scan units sent to a worker over time), one
 * consumer iterates them and finishes once the queue is closed and drained.
 */

/** Items pushed over time, iterated once. */
export class AsyncQueue<T> implements AsyncIterable<T> {
  private readonly items: T[] = [];
  private closed = false;
  private wake: (() => void) | null = null;

  /** Add an item. */
  push(item: T): void {
    this.items.push(item);
    this.signal();
  }

  /** No more items: the iteration ends once the queued ones are consumed. */
  close(): void {
    this.closed = true;
    this.signal();
  }

  async *[Symbol.asyncIterator](): AsyncIterator<T> {
    let next = 0;
    for (;;) {
      if (next < this.items.length) {
        const item = this.items[next]!;
        this.items[next++] = undefined as T; // let the consumed item go
        if (next === this.items.length) { this.items.length = 0; next = 0; }
        yield item;
        continue;
      }
      if (this.closed) return;
      await new Promise<void>((resolve) => { this.wake = resolve; });
    }
  }

  private signal(): void {
    const w = this.wake;
    this.wake = null;
    w?.();
  }
}
