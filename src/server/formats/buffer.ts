/**
 * A growable byte buffer that output formats write into; `take()` hands the bytes over and starts
 * a fresh buffer, so a writer never copies what it already produced.
 */

const encoder = new TextEncoder();

/** Append-only bytes with cheap ASCII and UTF-8 writes. */
export class ByteBuf {
  private buf: Uint8Array;
  private len = 0;

  constructor(private readonly initial = 1 << 16) {
    this.buf = new Uint8Array(initial);
  }

  /** Bytes written since the last take(). */
  get length(): number {
    return this.len;
  }

  /** Make room for `n` more bytes. */
  reserve(n: number): void {
    if (this.len + n <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < this.len + n) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.len));
    this.buf = next;
  }

  /** Append one byte. */
  byte(b: number): void {
    if (this.len === this.buf.length) this.reserve(1);
    this.buf[this.len++] = b;
  }

  /** Append a string known to be ASCII (numbers, punctuation, dates). */
  ascii(s: string): void {
    const n = s.length;
    this.reserve(n);
    const buf = this.buf;
    let p = this.len;
    for (let i = 0; i < n; i++) buf[p++] = s.charCodeAt(i);
    this.len = p;
  }

  /** Append any string as UTF-8. */
  text(s: string): void {
    this.reserve(s.length * 3);
    const r = encoder.encodeInto(s, this.buf.subarray(this.len));
    this.len += r.written;
  }

  /** Append bytes[start, end). */
  bytes(src: Uint8Array, start = 0, end = src.length): void {
    const n = end - start;
    this.reserve(n);
    this.buf.set(src.subarray(start, end), this.len);
    this.len += n;
  }

  /** Return the bytes written so far and start over with an empty buffer. */
  take(): Uint8Array {
    const out = this.buf.subarray(0, this.len);
    this.buf = new Uint8Array(Math.max(this.initial, 64));
    this.len = 0;
    return out;
  }
}
