/**
 * Decode a run of Kafka messages into table rows through the same decoders HTTP inserts use. The run is
 * decoded in one pass (each message becomes one or more lines of the format; JSONEachRow also accepts a
 * message holding a JSON array of objects); when that fails, each message is decoded on its own so the
 * bad ones are isolated and the good ones kept.
 */
import type { Field } from '../../src/core/types.ts';
import { toEddyError } from '../../src/core/errors.ts';
import type { DecodedBlock, Decoder } from '../decoders/index.ts';
import type { BadMessage } from './dead-letter.ts';

/** The part of a Kafka message the decoder needs. */
export interface RawMessage {
  readonly offset: string;
  readonly value: Uint8Array | null;
}

/** Rows decoded from a run of messages, and the messages that failed. */
export interface DecodedMessages {
  readonly blocks: DecodedBlock[];
  readonly rows: number;
  readonly bad: BadMessage[];
}

const NEWLINE = 0x0a;

/** Concatenate message values, each ending in exactly one newline (so a message never runs into the next). */
function joinValues(messages: readonly RawMessage[]): Uint8Array {
  let size = 0;
  for (const m of messages) if (m.value && m.value.length > 0) size += m.value.length + 1;
  const out = new Uint8Array(size);
  let p = 0;
  for (const m of messages) {
    const v = m.value;
    if (!v || v.length === 0) continue;
    out.set(v, p);
    p += v.length;
    if (v[v.length - 1] !== NEWLINE) out[p++] = NEWLINE;
  }
  return out.subarray(0, p);
}

async function* once(bytes: Uint8Array): AsyncIterable<Uint8Array> {
  if (bytes.length > 0) yield bytes;
}

async function decodeAll(decode: Decoder, bytes: Uint8Array, fields: readonly Field[],
  settings: Readonly<Record<string, unknown>>): Promise<DecodedBlock[]> {
  const blocks: DecodedBlock[] = [];
  for await (const b of decode(once(bytes), fields, settings)) if (b.rowCount > 0) blocks.push(b);
  return blocks;
}

const countRows = (blocks: readonly DecodedBlock[]): number => blocks.reduce((s, b) => s + b.rowCount, 0);

/**
 * Decode `messages` (in offset order) into blocks of `fields`. Empty and null (tombstone) messages
 * yield no rows. Never throws for bad input: undecodable messages come back in `bad`.
 */
export async function decodeMessages(decode: Decoder, messages: readonly RawMessage[], fields: readonly Field[],
  settings: Readonly<Record<string, unknown>>): Promise<DecodedMessages> {
  try {
    const blocks = await decodeAll(decode, joinValues(messages), fields, settings);
    return { blocks, rows: countRows(blocks), bad: [] };
  } catch {
    // fall through: find the bad messages one by one
  }
  const blocks: DecodedBlock[] = [];
  const bad: BadMessage[] = [];
  for (const m of messages) {
    try {
      blocks.push(...await decodeAll(decode, joinValues([m]), fields, settings));
    } catch (e) {
      bad.push({ offset: BigInt(m.offset), raw: m.value ?? new Uint8Array(0), error: toEddyError(e).message });
    }
  }
  return { blocks, rows: countRows(blocks), bad };
}
