/**
 * The dead-letter table of a source: one row per message that could not be decoded, with where it
 * came from, its raw bytes and the decoder's error, so consumption goes on and nothing is lost.
 */
import { T } from '../../src/core/types.ts';
import { flatVector, stringVector, utf8, type Vector } from '../../src/core/vector.ts';
import type { DecodedBlock } from '../decoders/index.ts';

/** Columns of a dead-letter table (name, ClickHouse type), in order. */
export const DEAD_LETTER_COLUMNS: readonly (readonly [string, string])[] = [
  ['source', 'String'], ['topic', 'String'], ['partition', 'UInt32'], ['offset', 'UInt64'],
  ['raw', 'String'], ['error', 'String'], ['ts', 'DateTime'],
];

/** The dead-letter table's ORDER BY. */
export const DEAD_LETTER_ORDER_BY: readonly string[] = ['topic', 'partition', 'offset'];

/** A message that failed to decode. */
export interface BadMessage {
  readonly offset: bigint;
  readonly raw: Uint8Array;
  readonly error: string;
}

function strings(values: readonly Uint8Array[]): Vector {
  const offsets = new Int32Array(values.length + 1);
  let total = 0;
  values.forEach((v, i) => { total += v.length; offsets[i + 1] = total; });
  const bytes = new Uint8Array(total);
  values.forEach((v, i) => bytes.set(v, offsets[i]!));
  return stringVector(T.String, offsets, bytes);
}

/** One block of dead-letter rows (columns as {@link DEAD_LETTER_COLUMNS}), stamped with `nowMs`. */
export function deadLetterBlock(source: string, topic: string, partition: number, bad: readonly BadMessage[], nowMs: number): DecodedBlock {
  const n = bad.length;
  const src = utf8(source);
  const top = utf8(topic);
  const columns: Vector[] = [
    strings(bad.map(() => src)),
    strings(bad.map(() => top)),
    flatVector(T.UInt32, new Uint32Array(n).fill(partition)),
    flatVector(T.UInt64, BigUint64Array.from(bad, (b) => b.offset)),
    strings(bad.map((b) => b.raw)),
    strings(bad.map((b) => utf8(b.error))),
    flatVector(T.DateTime, new Uint32Array(n).fill(Math.floor(nowMs / 1000))),
  ];
  return { columns, rowCount: n };
}
