/**
 * Decoding on a decode thread. Parsing text is most of an insert's CPU (CSV: ≈4 ms per thousand rows of
 * a 10-column table); on the main thread it would hold every query and acknowledgement waiting while
 * a batch parses. An input of at most {@link INLINE_BYTES} is decoded here (a thread hop would cost
 * more than it saves); a larger one streams to a decode thread over its own MessageChannel:
 *
 *   main → thread: `{ chunk }` (input chunks coalesced into a copy, transferred), then `{ end }`
 *   thread → main: `{ ack }` per MiB taken, `{ block }` per decoded block (buffers transferred), then
 *                  `{ done }` or `{ error }`
 *
 * One thread decodes the whole input in order, so row numbers in errors are those of the input.
 * Memory is bounded: the main side stops reading the input while {@link MAX_IN_FLIGHT} bytes are
 * unacknowledged or two decoded blocks wait for the consumer. Stopping early (the consumer returns or
 * throws) cancels the decode.
 */
import { availableParallelism } from 'node:os';
import { MessageChannel, type MessagePort } from 'node:worker_threads';
import { Settings } from '../../src/core/settings.ts';
import type { Field } from '../../src/core/types.ts';
import { fromThreadError, toThreadError, WorkerJobPool, type ThreadError } from '../../src/core/worker-jobs.ts';
import type { DecodedBlock, Decoder, DecoderSettings } from './decoder.ts';

/** Inputs up to this size are decoded on the calling thread. */
export const INLINE_BYTES = 64 * 1024;
/** Input bytes sent to the decode thread and not yet taken by its decoder. */
const MAX_IN_FLIGHT = 4 * 1024 * 1024;
/** Input bytes per message to the decode thread (less when the input pauses). */
const COALESCE_BYTES = 1024 * 1024;
/** Decoded blocks waiting for the consumer before the input is paused. */
const MAX_WAITING_BLOCKS = 2;

/** A decode as plain data, for the decode thread. */
export interface DecodeJob {
  readonly format: string;
  readonly columns: readonly Field[];
  readonly settings: Readonly<Record<string, string | number | boolean | bigint>>;
  readonly port: MessagePort;
}

/** Messages from the decode thread. */
export type DecodeReply = { ack: number } | { block: DecodedBlock } | { done: true } | { error: ThreadError };

/** Decode threads: one per core (at most four); decodes of concurrent inserts share them. */
const pool = new WorkerJobPool(new URL('./decode-worker.ts', import.meta.url), Math.max(1, Math.min(4, availableParallelism())), 'Decode');

/** `decoder` (the format named `format`), run on a decode thread for inputs larger than {@link INLINE_BYTES}. */
export function offThread(format: string, decoder: Decoder): Decoder {
  return (input, columns, settings) => decodeOffThread(format, decoder, input, columns, settings);
}

async function* decodeOffThread(format: string, decoder: Decoder, input: AsyncIterable<Uint8Array>, columns: readonly Field[],
  settings: DecoderSettings | undefined): AsyncIterable<DecodedBlock> {
  const it = input[Symbol.asyncIterator]();
  const head: Uint8Array[] = [];
  let size = 0;
  while (size <= INLINE_BYTES) {
    const r = await it.next();
    if (r.done) {
      yield* decoder(fromList(head), columns, settings);
      return;
    }
    head.push(r.value);
    size += r.value.length;
  }
  const { port1, port2 } = new MessageChannel();
  const controller = new AbortController();
  const replies: DecodeReply[] = [];
  let wakeConsumer: (() => void) | null = null;
  let wakePump: (() => void) | null = null;
  let inFlight = 0;
  let waitingBlocks = 0;
  let stopped = false;
  const wake = (): void => {
    wakeConsumer?.();
    wakeConsumer = null;
  };
  const resumePump = (): void => {
    wakePump?.();
    wakePump = null;
  };
  const deliver = (m: DecodeReply): void => {
    if ('ack' in m) {
      inFlight -= m.ack;
      resumePump();
      return;
    }
    if ('block' in m) waitingBlocks++;
    replies.push(m);
    wake();
  };
  port1.on('message', deliver);
  const job: DecodeJob = { format, columns, settings: plainSettings(settings), port: port2 };
  // the job's own promise only matters when the thread dies: results come over the port
  pool.run(job, [port2], { signal: controller.signal }).catch((e: unknown) => deliver({ error: toThreadError(e) }));
  // Body chunks (64 KiB from the socket) go out coalesced into messages of up to COALESCE_BYTES: each
  // message wakes the decode thread and each ack the main thread. What has arrived goes out as soon as
  // the input has nothing more ready (a turn of the event loop), so a slow stream is not held back.
  let staged: Uint8Array[] = [];
  let stagedBytes = 0;
  const flush = (): void => {
    if (stagedBytes === 0) return;
    const copy = new Uint8Array(stagedBytes); // a copy: the input's buffers may be views of a pool
    let at = 0;
    for (const c of staged) {
      copy.set(c, at);
      at += c.length;
    }
    staged = [];
    stagedBytes = 0;
    inFlight += copy.length;
    port1.postMessage({ chunk: copy }, [copy.buffer]);
  };
  const stage = (chunk: Uint8Array): void => {
    if (chunk.length === 0) return;
    staged.push(chunk);
    stagedBytes += chunk.length;
    if (stagedBytes >= COALESCE_BYTES) flush();
  };
  const pump = async (): Promise<void> => {
    for (const c of head) stage(c);
    head.length = 0;
    for (;;) {
      while (!stopped && (inFlight > MAX_IN_FLIGHT || waitingBlocks >= MAX_WAITING_BLOCKS)) {
        flush();
        await new Promise<void>((r) => { wakePump = r; });
      }
      if (stopped) return;
      const next = it.next();
      let r = stagedBytes === 0 ? await next : await Promise.race([next, nextTurn()]);
      if (r === NEXT_TURN) {
        flush();
        r = await next;
      }
      if (r.done || stopped) break;
      stage(r.value);
    }
    flush();
    if (!stopped) port1.postMessage({ end: true });
  };
  pump().catch((e: unknown) => {
    controller.abort();
    deliver({ error: toThreadError(e) });
  });
  try {
    for (;;) {
      while (replies.length === 0) await new Promise<void>((r) => { wakeConsumer = r; });
      const m = replies.shift()!;
      if ('block' in m) {
        waitingBlocks--;
        resumePump();
        yield m.block;
      } else if ('done' in m) {
        return;
      } else if ('error' in m) {
        throw fromThreadError(m.error);
      }
    }
  } finally {
    stopped = true;
    resumePump();
    controller.abort();
    port1.close();
    await it.return?.();
  }
}

const NEXT_TURN = Symbol('next turn');

/** Resolves after the current turn of the event loop (I/O that is ready is delivered first). */
function nextTurn(): Promise<typeof NEXT_TURN> {
  return new Promise((r) => setImmediate(r, NEXT_TURN));
}

async function* fromList(chunks: readonly Uint8Array[]): AsyncIterable<Uint8Array> {
  yield* chunks;
}

/** Settings as a record of plain values (what crosses to the thread; decoders ignore unknown names). */
function plainSettings(s: DecoderSettings | undefined): Record<string, string | number | boolean | bigint> {
  const out: Record<string, string | number | boolean | bigint> = {};
  for (const [k, v] of Object.entries(s instanceof Settings ? s.changes() : s ?? {})) {
    if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean' || typeof v === 'bigint') out[k] = v;
  }
  return out;
}
