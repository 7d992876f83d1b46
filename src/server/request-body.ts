/**
 * The POST body: decompressed per Content-Encoding (gzip, deflate, br, zstd) as a stream, and split
 * into statement and data. When the `query` parameter holds an INSERT, the whole body is its data.
 * When the body holds the statement and it is an INSERT with FORMAT or VALUES, only the header is read
 * as text (parseInsertHeader tells where the data starts); the rest streams on as the insert payload.
 */
import type { Readable } from 'node:stream';
import zlib from 'node:zlib';
import { DecompressStream } from 'zstd-napi';
import { EddyError } from '../core/errors.ts';
import { parseInsertHeader } from '../../query/parser/index.ts';

/** The request body as decoded bytes. */
export function decodedBody(raw: Readable, encoding: string | undefined): AsyncIterable<Uint8Array> {
  const enc = (encoding ?? '').trim().toLowerCase();
  switch (enc) {
    case '': case 'identity': return raw;
    case 'gzip': case 'x-gzip': return raw.pipe(zlib.createGunzip());
    case 'deflate': return raw.pipe(zlib.createInflate());
    case 'br': return raw.pipe(zlib.createBrotliDecompress());
    case 'zstd': return raw.pipe(new DecompressStream());
    default: throw new EddyError('BAD_ARGUMENTS', `Unknown Content-Encoding of the request body: ${enc}`);
  }
}

/** Largest statement text read from a body (max_query_size in ClickHouse terms, generously). */
const MAX_QUERY_BYTES = 64 * 1024 * 1024;

const INSERT_START = /^\s*(?:(?:--[^\n]*\n|\/\*[\s\S]*?\*\/)\s*)*insert\b/i;

/** True when the text starts with INSERT (after comments). */
export function looksLikeInsert(text: string): boolean {
  return INSERT_START.test(text);
}

async function readAll(it: AsyncIterator<Uint8Array>, head: Uint8Array[], size: number): Promise<string> {
  const parts = head;
  for (;;) {
    const r = await it.next();
    if (r.done) break;
    size += r.value.length;
    if (size > MAX_QUERY_BYTES) throw new EddyError('BAD_ARGUMENTS', `Query is too large (more than ${MAX_QUERY_BYTES} bytes)`);
    parts.push(r.value);
  }
  return Buffer.concat(parts).toString('utf8');
}

async function* rest(first: Uint8Array, it: AsyncIterator<Uint8Array>): AsyncIterable<Uint8Array> {
  if (first.length > 0) yield first;
  for (;;) {
    const r = await it.next();
    if (r.done) return;
    yield r.value;
  }
}

/** A statement and its streamed insert data, if any. */
export interface SplitStatement {
  readonly sql: string;
  readonly data?: AsyncIterable<Uint8Array>;
}

/** Combine the `query` parameter and the body as ClickHouse does (`query + "\n" + body`), streaming insert data. */
export async function splitStatement(queryParam: string, body: AsyncIterable<Uint8Array> | null): Promise<SplitStatement> {
  if (!body) return { sql: queryParam };
  const it = body[Symbol.asyncIterator]();
  if (queryParam !== '') {
    if (looksLikeInsert(queryParam)) {
      const ins = parseInsertHeader(queryParam + '\n');
      if (ins && !ins.select) return { sql: queryParam + '\n', data: rest(new Uint8Array(0), it) };
    }
    const text = await readAll(it, [], 0);
    return { sql: text === '' ? queryParam : queryParam + '\n' + text };
  }
  const head: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const r = await it.next();
    if (r.done) return { sql: Buffer.concat(head).toString('utf8') };
    head.push(r.value);
    size += r.value.length;
    const buf = Buffer.concat(head);
    const text = buf.toString('utf8');
    if (!looksLikeInsert(text) || size > MAX_QUERY_BYTES) return { sql: await readAll(it, [buf], size) };
    const ins = parseInsertHeader(text);
    if (ins === null) continue;
    if (ins.select) return { sql: await readAll(it, [buf], size) };
    const cut = Buffer.byteLength(text.slice(0, ins.dataOffset), 'utf8');
    return { sql: buf.subarray(0, cut).toString('utf8'), data: rest(buf.subarray(cut), it) };
  }
}
