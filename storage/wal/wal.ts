/**
 * Write-ahead log of one table: a directory of append-only files `wal_<firstSeq>.log`.
 *
 * Record framing (little-endian), 20-byte header then payload:
 * ```
 * u32 payloadLen | u32 crc32(bytes 8 .. end of payload) | u8 type | 3 × u8 zero | u32 seqLo | u32 seqHi | payload
 * ```
 * Every record carries a sequence number, allocated monotonically per table when append() is called.
 *
 * Group commit: appends queue their framed bytes; one writer loop writes everything queued with a
 * single writev + fdatasync and then resolves every append the fsync covered. Appends arriving while an
 * fsync runs form the next group. A failed write/fsync rejects the whole group and cuts the file back
 * to its last durable size, so a failed append is never replayed.
 *
 * Replay on open reads the files in order; a torn or corrupt tail (short header, length past the end,
 * CRC mismatch, non-increasing seq) is cut off with one warning, never a crash.
 *
 * Truncation after a flush is by rotation: rotate() starts a new file and reports the last seq of the
 * closed ones; removeUpTo(seq) deletes closed files whose records all have seq ≤ seq.
 */
import { mkdir, open, readdir, readFile, rm, truncate as truncateFile } from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { join } from 'node:path';
import { EddyError } from '../../src/core/errors.ts';
import { crc32 } from '../codec/crc32.ts';
import { diskError } from '../part/durable.ts';

/** Where the WAL (and the rest of storage) writes its log lines. */
export interface StorageLogger {
  info(msg: string): void;
  warn(msg: string): void;
}

/** One replayed record. */
export interface WalRecord {
  readonly seq: number;
  readonly type: number;
  readonly payload: Uint8Array;
}

/** Options of {@link Wal.open}. */
export interface WalOptions {
  /** Directory holding the WAL files (created if missing). */
  readonly dir: string;
  /** Called for every intact record, in seq order, before open() resolves. */
  readonly onRecord: (record: WalRecord) => void;
  /** Sequence numbers below this are never handed out (e.g. seqs already recorded in parts). */
  readonly minNextSeq?: number;
  readonly logger?: StorageLogger;
}

/** Bytes in a record header. */
export const WAL_HEADER_BYTES = 20;
const MAX_RECORD_BYTES = 0x7fff_0000;
const FILE_RE = /^wal_(\d{16})\.log$/;

interface WalFile { readonly start: number; readonly path: string }
type Pending =
  | { readonly kind: 'append'; readonly bytes: readonly Uint8Array[]; readonly seq: number; readonly resolve: (seq: number) => void; readonly reject: (e: unknown) => void }
  | { readonly kind: 'rotate'; readonly boundary: number; readonly resolve: (seq: number) => void; readonly reject: (e: unknown) => void };

/** The write-ahead log of one table. */
export class Wal {
  private readonly queue: Pending[] = [];
  private running = false;
  private closed = false;
  private idle: Promise<void> = Promise.resolve();
  private markIdle: () => void = () => {};

  private constructor(
    private readonly dir: string,
    private readonly logger: StorageLogger,
    private files: WalFile[],
    private fh: FileHandle,
    private size: number,
    private next: number,
  ) {}

  /** Open (or create) the WAL in `opts.dir`, replaying every intact record through `opts.onRecord`. */
  static async open(opts: WalOptions): Promise<Wal> {
    const logger = opts.logger ?? { info: (m) => console.info(m), warn: (m) => console.warn(m) };
    await mkdir(opts.dir, { recursive: true });
    const files: WalFile[] = [];
    for (const name of await readdir(opts.dir)) {
      const m = FILE_RE.exec(name);
      if (m) files.push({ start: Number(m[1]), path: join(opts.dir, name) });
    }
    files.sort((a, b) => a.start - b.start);
    let next = Math.max(1, opts.minNextSeq ?? 1);
    let lastSize = 0;
    for (const f of files) {
      next = Math.max(next, f.start);
      const r = await replayFile(f.path, next, opts.onRecord, logger);
      next = r.next;
      lastSize = r.size;
    }
    let last = files[files.length - 1];
    const create = last === undefined;
    if (!last) {
      last = { start: next, path: join(opts.dir, fileName(next)) };
      files.push(last);
    }
    const fh = await open(last.path, create ? 'w+' : 'r+');
    if (create) await syncDir(opts.dir);
    return new Wal(opts.dir, logger, files, fh, lastSize, next);
  }

  /** The seq the next append will get. */
  get nextSeq(): number {
    return this.next;
  }

  /** Hand out a seq without logging a record (for rows written straight to parts), keeping seq order. */
  reserveSeq(): number {
    return this.next++;
  }

  /** Number of WAL files (closed ones awaiting removal plus the current one). */
  get fileCount(): number {
    return this.files.length;
  }

  /** Append one record; resolves with its seq once an fsync covers it. Rejects with an EddyError on disk errors. */
  append(type: number, payload: Uint8Array): Promise<number> {
    if (this.closed) return Promise.reject(new EddyError('LOGICAL_ERROR', 'WAL is closed'));
    if (type < 1 || type > 255) throw new EddyError('LOGICAL_ERROR', `bad WAL record type ${type}`);
    if (payload.length > MAX_RECORD_BYTES) {
      return Promise.reject(new EddyError('TOO_MANY_ROWS_OR_BYTES', `WAL record of ${payload.length} bytes is too large`));
    }
    const seq = this.next++;
    const bytes = frame(type, seq, payload);
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ kind: 'append', bytes, seq, resolve, reject });
      this.kick();
    });
  }

  /**
   * Close the current file after everything appended so far is durable and start a new one.
   * Resolves with the last seq handed out before the call: every record up to it is in closed files.
   */
  rotate(): Promise<number> {
    if (this.closed) return Promise.reject(new EddyError('LOGICAL_ERROR', 'WAL is closed'));
    const boundary = this.next - 1;
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ kind: 'rotate', boundary, resolve, reject });
      this.kick();
    });
  }

  /** Delete closed files whose records all have seq ≤ `seq` (their rows are durable elsewhere). */
  async removeUpTo(seq: number): Promise<void> {
    while (this.files.length > 1 && this.files[1]!.start - 1 <= seq) {
      const f = this.files.shift()!;
      await rm(f.path, { force: true });
    }
  }

  /** Wait for pending appends, then close the file. Appends after close() reject. */
  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    await this.idle;
    await this.fh.close();
  }

  private kick(): void {
    if (this.running) return;
    this.running = true;
    this.idle = new Promise((r) => { this.markIdle = r; });
    void this.loop();
  }

  private async loop(): Promise<void> {
    while (this.queue.length > 0) {
      const rot = this.queue.findIndex((p) => p.kind === 'rotate');
      const group = this.queue.splice(0, rot < 0 ? this.queue.length : rot + 1);
      const appends = group.filter((p): p is Extract<Pending, { kind: 'append' }> => p.kind === 'append');
      if (appends.length > 0) {
        try {
          await this.writeAll(appends.flatMap((a) => a.bytes));
          for (const a of appends) a.resolve(a.seq);
        } catch (e) {
          const err = diskError(e, `WAL ${this.files[this.files.length - 1]?.path ?? this.dir}`);
          for (const a of appends) a.reject(err);
        }
      }
      const last = group[group.length - 1];
      if (last?.kind === 'rotate') {
        try {
          await this.startFile(last.boundary + 1);
          last.resolve(last.boundary);
        } catch (e) {
          last.reject(diskError(e, `WAL ${this.dir}`));
        }
      }
    }
    this.running = false;
    this.markIdle();
  }

  private async writeAll(buffers: Uint8Array[]): Promise<void> {
    let total = 0;
    for (const b of buffers) total += b.length;
    try {
      let written = 0;
      while (written < total) {
        const rest = written === 0 ? buffers : [concatFrom(buffers, written)];
        const r = await this.fh.writev(rest, this.size + written);
        if (r.bytesWritten <= 0) throw new EddyError('CANNOT_WRITE_TO_FILE_DESCRIPTOR', 'WAL write made no progress');
        written += r.bytesWritten;
      }
      await this.fh.datasync();
      this.size += total;
    } catch (e) {
      try {
        await this.fh.truncate(this.size);
      } catch (e2) {
        this.logger.warn(`WAL: could not cut ${this.files[this.files.length - 1]?.path} back to ${this.size} bytes after a failed write: ${String(e2)}`);
      }
      throw e;
    }
  }

  private async startFile(start: number): Promise<void> {
    if (this.size === 0) return; // the current file is empty: keep using it
    const path = join(this.dir, fileName(start));
    const fh = await open(path, 'w+');
    await syncDir(this.dir);
    const old = this.fh;
    this.fh = fh;
    this.size = 0;
    this.files.push({ start, path });
    await old.close();
  }
}

function fileName(start: number): string {
  return `wal_${String(start).padStart(16, '0')}.log`;
}

/** A record as header + payload (written with one writev; the payload is not copied). */
function frame(type: number, seq: number, payload: Uint8Array): Uint8Array[] {
  const head = new Uint8Array(WAL_HEADER_BYTES);
  const dv = new DataView(head.buffer);
  dv.setUint32(0, payload.length, true);
  head[8] = type;
  dv.setUint32(12, seq >>> 0, true);
  dv.setUint32(16, Math.floor(seq / 0x1_0000_0000), true);
  dv.setUint32(4, crc32(payload, crc32(head.subarray(8))), true);
  return [head, payload];
}

function concatFrom(buffers: Uint8Array[], skip: number): Uint8Array {
  let total = 0;
  for (const b of buffers) total += b.length;
  const out = new Uint8Array(total - skip);
  let pos = 0;
  let at = 0;
  for (const b of buffers) {
    const from = Math.max(0, skip - at);
    if (from < b.length) { out.set(b.subarray(from), pos); pos += b.length - from; }
    at += b.length;
  }
  return out;
}

async function replayFile(path: string, minSeq: number, onRecord: (r: WalRecord) => void,
  logger: StorageLogger): Promise<{ next: number; size: number }> {
  const buf = await readFile(path);
  const dv = new DataView(buf.buffer, buf.byteOffset, buf.byteLength);
  let p = 0;
  let next = minSeq;
  let problem: string | null = null;
  while (p < buf.length) {
    if (p + WAL_HEADER_BYTES > buf.length) { problem = 'short header'; break; }
    const len = dv.getUint32(p, true);
    if (p + WAL_HEADER_BYTES + len > buf.length) { problem = 'record runs past the end'; break; }
    const crc = dv.getUint32(p + 4, true);
    if (crc32(buf.subarray(p + 8, p + WAL_HEADER_BYTES + len)) !== crc) { problem = 'checksum mismatch'; break; }
    const type = buf[p + 8]!;
    const seq = dv.getUint32(p + 12, true) + dv.getUint32(p + 16, true) * 0x1_0000_0000;
    if (type === 0 || seq < next) { problem = `bad type ${type} or seq ${seq} < ${next}`; break; }
    onRecord({ seq, type, payload: buf.subarray(p + WAL_HEADER_BYTES, p + WAL_HEADER_BYTES + len) });
    next = seq + 1;
    p += WAL_HEADER_BYTES + len;
  }
  if (problem !== null) {
    logger.warn(`WAL: ${path}: ${problem} at byte ${p}; cutting ${buf.length - p} bytes of torn tail`);
    await truncateFile(path, p);
  }
  return { next, size: p };
}

async function syncDir(dir: string): Promise<void> {
  const d = await open(dir, 'r');
  try {
    await d.sync();
  } finally {
    await d.close();
  }
}
