/**
 * Entry of a decode thread (see off-thread.ts): for each job, run the format's decoder over the chunks
 * arriving on the job's port, acknowledge each chunk as the decoder takes it, send every block back
 * (buffers transferred), then `done` or the decoder's error.
 */
import type { MessagePort } from 'node:worker_threads';
import { EddyError } from '../../src/core/errors.ts';
import { handOverVector } from '../../src/core/hand-over.ts';
import { serveJobs, toThreadError } from '../../src/core/worker-jobs.ts';
import { inlineDecoder } from './index.ts';
import type { DecodeJob, DecodeReply } from './off-thread.ts';

serveJobs(async (job: DecodeJob, ctx) => {
  const port = job.port;
  const post = (m: DecodeReply, transfer: ArrayBuffer[] = []): void => port.postMessage(m, transfer);
  try {
    for await (const b of inlineDecoder(job.format)(portInput(port, ctx.signal, post), job.columns, job.settings)) {
      const transfer = new Set<ArrayBuffer>();
      const columns = b.columns.map((c) => handOverVector(c, transfer));
      post({ block: { columns, rowCount: b.rowCount } }, [...transfer]);
    }
    post({ done: true });
  } catch (e) {
    post({ error: toThreadError(e) });
  } finally {
    port.close();
  }
  return { result: null };
});

/**
 * Bytes taken per ack. The sender pauses only above 4 MiB unacknowledged, so at most this much of it is
 * bytes already decoded; an ack per chunk, each waking the main thread, cost the decode thread a tenth
 * of its time.
 */
const ACK_BYTES = 1 << 20;

/** The chunks sent on `port` until `end`, acknowledged as they are taken; throws ABORTED when cancelled. */
async function* portInput(port: MessagePort, signal: AbortSignal, post: (m: DecodeReply) => void): AsyncIterable<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let ended = false;
  let wake: (() => void) | null = null;
  let taken = 0; // bytes taken since the last ack
  const notify = (): void => { wake?.(); wake = null; };
  port.on('message', (m: { chunk: Uint8Array } | { end: true }) => {
    if ('chunk' in m) chunks.push(m.chunk);
    else ended = true;
    notify();
  });
  signal.addEventListener('abort', notify, { once: true });
  for (;;) {
    if (signal.aborted) throw new EddyError('ABORTED', 'decode cancelled');
    const c = chunks.shift();
    if (c !== undefined) {
      taken += c.length;
      if (taken >= ACK_BYTES) {
        post({ ack: taken });
        taken = 0;
      }
      yield c;
    } else if (ended) {
      return;
    } else {
      await new Promise<void>((r) => { wake = r; });
    }
  }
}
