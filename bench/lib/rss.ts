/**
 * Peak resident memory of another process (the server under test), sampled from /proc/<pid>/status
 * on a timer; reads nothing where /proc is missing.
 */
import { readFileSync } from 'node:fs';

/** Samples a process's resident set size until stopped. */
export class RssSampler {
  private peakKiB = 0;
  private readonly timer: NodeJS.Timeout;

  /** Start sampling `pid` every `intervalMs` milliseconds. */
  constructor(private readonly pid: number, intervalMs = 200) {
    this.sample();
    this.timer = setInterval(() => this.sample(), intervalMs);
    this.timer.unref();
  }

  /** Stop sampling; returns the peak seen, in MiB (0 when it could not be read). */
  stop(): number {
    clearInterval(this.timer);
    this.sample();
    return Math.round(this.peakKiB / 1024);
  }

  private sample(): void {
    try {
      const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${this.pid}/status`, 'utf8'));
      if (m) this.peakKiB = Math.max(this.peakKiB, Number(m[1]));
    } catch {
      // the process is gone or /proc is not there
    }
  }
}
