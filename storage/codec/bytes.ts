/**
 * A growable little-endian byte buffer and its reader. Typed arrays are written 8-byte aligned
 * (relative to the buffer start), so a reader over a buffer that starts 8-byte aligned can return
 * zero-copy typed-array views.
 */
import { EddyError } from '../../src/core/errors.ts';
import type { TypedArray } from '../../src/core/types.ts';

if (new Uint8Array(new Uint16Array([1]).buffer)[0] !== 1) {
  throw new EddyError('NOT_IMPLEMENTED', 'Eddy storage requires a little-endian platform');
}

/** Appends scalars and typed arrays to a growing buffer. */
export class ByteWriter {
  private buf: Uint8Array;
  private view: DataView;
  /** Bytes written so far. */
  length = 0;

  constructor(initialCapacity = 1024) {
    this.buf = new Uint8Array(Math.max(16, initialCapacity));
    this.view = new DataView(this.buf.buffer);
  }

  private ensure(extra: number): void {
    const need = this.length + extra;
    if (need <= this.buf.length) return;
    let cap = this.buf.length * 2;
    while (cap < need) cap *= 2;
    const next = new Uint8Array(cap);
    next.set(this.buf.subarray(0, this.length));
    this.buf = next;
    this.view = new DataView(next.buffer);
  }

  /** Append one byte. */
  u8(v: number): void {
    this.ensure(1);
    this.buf[this.length++] = v;
  }

  /** Append an unsigned 32-bit integer. */
  u32(v: number): void {
    this.ensure(4);
    this.view.setUint32(this.length, v, true);
    this.length += 4;
  }

  /** Append a signed 32-bit integer. */
  i32(v: number): void {
    this.ensure(4);
    this.view.setInt32(this.length, v, true);
    this.length += 4;
  }

  /** Pad with zeros to a multiple of `n` bytes. */
  align(n: number): void {
    const pad = (n - (this.length % n)) % n;
    this.ensure(pad);
    this.buf.fill(0, this.length, this.length + pad);
    this.length += pad;
  }

  /** Append the bytes of a typed array, 8-byte aligned. */
  array(a: TypedArray): void {
    this.align(8);
    this.bytes(new Uint8Array(a.buffer, a.byteOffset, a.byteLength));
  }

  /** Append raw bytes (unaligned). */
  bytes(b: Uint8Array): void {
    this.ensure(b.length);
    this.buf.set(b, this.length);
    this.length += b.length;
  }

  /** The written bytes (a view; copy before writing more if you keep it). */
  finish(): Uint8Array {
    return this.buf.subarray(0, this.length);
  }
}

/** Typed-array constructors the reader can view. */
type ViewCtor<T> = { new (buffer: ArrayBufferLike, byteOffset: number, length: number): T; readonly BYTES_PER_ELEMENT: number };

/** Reads what a {@link ByteWriter} wrote; every read is bounds-checked (CORRUPTED_DATA on overrun). */
export class ByteReader {
  private readonly view: DataView;
  /** Current read position. */
  pos = 0;

  /** `buf` must start 8-byte aligned in its ArrayBuffer for zero-copy array views. */
  constructor(readonly buf: Uint8Array) {
    if (buf.byteOffset % 8 !== 0) throw new EddyError('LOGICAL_ERROR', 'ByteReader needs an 8-byte aligned buffer');
    this.view = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  }

  private need(n: number): void {
    if (n < 0 || this.pos + n > this.buf.length) {
      throw new EddyError('CORRUPTED_DATA', `Block truncated: need ${n} bytes at ${this.pos} of ${this.buf.length}`);
    }
  }

  /** Read one byte. */
  u8(): number {
    this.need(1);
    return this.buf[this.pos++]!;
  }

  /** Read an unsigned 32-bit integer. */
  u32(): number {
    this.need(4);
    const v = this.view.getUint32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Read a signed 32-bit integer. */
  i32(): number {
    this.need(4);
    const v = this.view.getInt32(this.pos, true);
    this.pos += 4;
    return v;
  }

  /** Skip padding to a multiple of `n` bytes. */
  align(n: number): void {
    this.pos += (n - (this.pos % n)) % n;
  }

  /** A zero-copy view of `count` elements written by {@link ByteWriter.array}. */
  array<T>(ctor: ViewCtor<T>, count: number): T {
    this.align(8);
    const n = count * ctor.BYTES_PER_ELEMENT;
    this.need(n);
    const a = new ctor(this.buf.buffer, this.buf.byteOffset + this.pos, count);
    this.pos += n;
    return a;
  }

  /** A zero-copy view of `n` raw bytes. */
  bytes(n: number): Uint8Array {
    this.need(n);
    const b = this.buf.subarray(this.pos, this.pos + n);
    this.pos += n;
    return b;
  }
}
