/**
 * The ClickHouse query handler (`GET|POST /?…`, `/query?…`): authentication, URL parameters
 * (reserved names, `param_<name>`, settings), the statement and its streamed insert data, execution,
 * the formatted result streamed as batches arrive (or buffered up to buffer_size / wait_end_of_query
 * so the summary is complete and late errors still get a proper status), response compression, and
 * errors in ClickHouse's text with X-ClickHouse-Exception-Code.
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Transform } from 'node:stream';
import type { Database, ExecuteResult, QueryProgress } from '../database.ts';
import { activeRows, type Batch } from '../core/batch.ts';
import { EddyError } from '../core/errors.ts';
import { HTTP_RESERVED_PARAMS, Settings, parseSettingValue, type SettingValue } from '../core/settings.ts';
import { describeError, errorText } from './http-errors.ts';
import { outputFormat } from './formats/registry.ts';
import { decodedBody, splitStatement } from './request-body.ts';
import { chooseEncoding } from './response-encoding.ts';
import type { ServerMetrics } from './metrics.ts';
import { authenticate, checkSettingChanges, type Users } from './users.ts';

/** What the handler needs from the server. */
export interface QueryHandlerContext {
  readonly db: Database;
  readonly users: Users;
  readonly displayName: string;
  readonly timezone: string;
  readonly metrics: ServerMetrics;
}

type Params = Readonly<Record<string, string | string[] | undefined>>;

function param(p: Params, name: string): string | undefined {
  const v = p[name];
  return Array.isArray(v) ? v[v.length - 1] : v;
}

function header(req: IncomingMessage, name: string): string | undefined {
  const v = req.headers[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Credentials from Basic auth, X-ClickHouse-User/Key headers or user/password parameters; mixing them fails. */
function credentials(req: IncomingMessage, p: Params): { user: string; password: string } {
  const auth = header(req, 'authorization');
  const hUser = header(req, 'x-clickhouse-user');
  const hKey = header(req, 'x-clickhouse-key');
  const pUser = param(p, 'user');
  const pPass = param(p, 'password');
  const basic = auth !== undefined && /^basic /i.test(auth);
  const viaHeaders = hUser !== undefined || hKey !== undefined;
  const viaParams = pUser !== undefined || pPass !== undefined;
  if ((basic ? 1 : 0) + (viaHeaders ? 1 : 0) + (viaParams ? 1 : 0) > 1) {
    throw new EddyError('AUTHENTICATION_FAILED',
      'Invalid authentication: it is not allowed to use Authorization HTTP header and authentication via parameters simultaneously');
  }
  if (basic) {
    const decoded = Buffer.from(auth!.slice(6).trim(), 'base64').toString('utf8');
    const i = decoded.indexOf(':');
    return i < 0 ? { user: decoded, password: '' } : { user: decoded.slice(0, i), password: decoded.slice(i + 1) };
  }
  if (viaHeaders) return { user: hUser ?? 'default', password: hKey ?? '' };
  if (viaParams) return { user: pUser ?? 'default', password: pPass ?? '' };
  return { user: 'default', password: '' };
}

/** Settings set by URL parameters (every name not reserved and not `param_*`), validated. */
function urlSettings(p: Params): Record<string, SettingValue> {
  const out: Record<string, SettingValue> = {};
  for (const name of Object.keys(p)) {
    if (name === '' || HTTP_RESERVED_PARAMS.has(name) || name.startsWith('param_')) continue;
    if (name === 'wait_end_of_query' || name === 'buffer_size') continue;
    out[name] = parseSettingValue(name, param(p, name) ?? '');
  }
  for (const name of ['wait_end_of_query', 'buffer_size']) {
    const v = param(p, name);
    if (v !== undefined) out[name] = parseSettingValue(name, v);
  }
  return out;
}

function queryParams(p: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const name of Object.keys(p)) if (name.startsWith('param_')) out[name.slice(6)] = param(p, name) ?? '';
  return out;
}

function summaryOf(progress: QueryProgress, resultBytes: number, elapsedNs: bigint): string {
  return JSON.stringify({
    read_rows: String(progress.readRows),
    read_bytes: String(progress.readBytes),
    written_rows: String(progress.writtenRows),
    written_bytes: String(progress.writtenBytes),
    total_rows_to_read: String(progress.readRows),
    result_rows: String(progress.resultRows),
    result_bytes: String(resultBytes),
    elapsed_ns: String(elapsedNs),
  });
}

/** Writes the response body: buffered until `limit` bytes, then streamed (optionally compressed). */
class BodySink {
  private parts: Uint8Array[] = [];
  private buffered = 0;
  private started = false;
  private compressor: Transform | null = null;
  /** Uncompressed bytes written. */
  bytes = 0;

  constructor(private readonly res: ServerResponse, private readonly limit: number,
    private readonly encoding: ReturnType<typeof chooseEncoding>, private readonly startHeaders: () => void) {}

  get headersSent(): boolean {
    return this.started;
  }

  async write(chunk: Uint8Array): Promise<void> {
    if (chunk.length === 0) return;
    this.bytes += chunk.length;
    if (!this.started) {
      this.parts.push(chunk);
      this.buffered += chunk.length;
      if (this.buffered <= this.limit) return;
      this.begin();
      const parts = this.parts;
      this.parts = [];
      for (const p of parts) await this.push(p);
      return;
    }
    await this.push(chunk);
  }

  private begin(): void {
    this.started = true;
    this.startHeaders();
    if (this.encoding) this.res.setHeader('Content-Encoding', this.encoding.name);
    this.res.flushHeaders();
    if (this.encoding) {
      this.compressor = this.encoding.create();
      this.compressor.pipe(this.res);
    }
  }

  private async push(chunk: Uint8Array): Promise<void> {
    const target = this.compressor ?? this.res;
    if (target.write(chunk)) return;
    if (this.res.destroyed) return;
    await new Promise<void>((resolve) => {
      const done = (): void => { target.off('drain', done); this.res.off('close', done); resolve(); };
      target.once('drain', done);
      this.res.once('close', done);
    });
  }

  /** Finish: send what is buffered (with Content-Length when not compressed) or end the stream. */
  async end(): Promise<void> {
    if (!this.started) {
      this.started = true;
      this.startHeaders();
      const body = Buffer.concat(this.parts);
      this.parts = [];
      if (this.encoding && body.length > 0) {
        this.res.setHeader('Content-Encoding', this.encoding.name);
        this.compressor = this.encoding.create();
        this.compressor.pipe(this.res);
        this.compressor.end(body);
        return;
      }
      this.res.setHeader('Content-Length', body.length);
      this.res.end(body);
      return;
    }
    if (this.compressor) this.compressor.end();
    else this.res.end();
  }

  /** An error after the body started: append its text and end. */
  fail(text: string): void {
    const target = this.compressor ?? this.res;
    target.end(text);
  }
}

/** Handle one query request on the raw Node request/response. */
export async function handleQuery(ctx: QueryHandlerContext, req: IncomingMessage, res: ServerResponse, p: Params): Promise<void> {
  const started = process.hrtime.bigint();
  const queryId = param(p, 'query_id') || header(req, 'x-clickhouse-query-id') || randomUUID();
  const baseHeaders = (): void => {
    res.setHeader('X-ClickHouse-Server-Display-Name', ctx.displayName);
    res.setHeader('X-ClickHouse-Query-Id', queryId);
    res.setHeader('X-ClickHouse-Timezone', ctx.timezone);
  };
  const controller = new AbortController();
  const onClose = (): void => { if (!res.writableFinished) controller.abort(new EddyError('QUERY_WAS_CANCELLED', 'Client disconnected')); };
  res.on('close', onClose);
  let sink: BodySink | null = null;
  let kind = 'other';
  let timer: NodeJS.Timeout | undefined;
  let timedOut = false;
  try {
    const { user: userName, password } = credentials(req, p);
    const user = authenticate(ctx.users, userName, password);
    const changes = urlSettings(p);
    const isGet = req.method !== 'POST';
    const readonly = Math.max(user.readonly, isGet && user.readonly === 0 ? 2 : 0);
    checkSettingChanges(user, user.readonly, changes);
    const settingsMap: Record<string, SettingValue> = { ...user.settings, ...changes };
    if (readonly > 0 && !(typeof settingsMap.readonly === 'number' && settingsMap.readonly > readonly)) settingsMap.readonly = readonly;
    const settings = new Settings(settingsMap);

    const body = req.method === 'POST' ? decodedBody(req, header(req, 'content-encoding')) : null;
    const { sql, data } = await splitStatement(param(p, 'query') ?? '', body);
    if (sql.trim() === '') throw new EddyError('SYNTAX_ERROR', 'Empty query');
    kind = /^\s*insert\b/i.test(sql) ? 'insert' : /^\s*(select|with)\b/i.test(sql) ? 'select' : 'other';
    ctx.metrics.queries.inc({ kind });

    const maxTime = settings.num('max_execution_time');
    if (maxTime > 0) {
      timer = setTimeout(() => {
        timedOut = true;
        controller.abort(new EddyError('TIMEOUT_EXCEEDED', `Timeout exceeded: elapsed ${maxTime} seconds, maximum: ${maxTime}`));
      }, maxTime * 1000);
    }
    const formatName = header(req, 'x-clickhouse-format') || param(p, 'default_format') || 'TabSeparated';
    const database = header(req, 'x-clickhouse-database') || param(p, 'database') || user.database || 'default';
    let result: ExecuteResult;
    try {
      result = await ctx.db.execute({
        sql, ...(data ? { data } : {}), database, queryId, params: queryParams(p), settings: settingsMap,
        signal: controller.signal, user: user.name, defaultFormat: formatName,
      });
    } catch (e) {
      if (data) for await (const _ of data) { /* drain the rest of the body so the connection can be reused */ }
      throw e;
    }

    if (settings.bool('add_http_cors_header') && req.headers.origin) res.setHeader('Access-Control-Allow-Origin', '*');
    const useCompression = settings.bool('enable_http_compression');
    const encoding = useCompression ? chooseEncoding(header(req, 'accept-encoding'), settings.num('http_zlib_compression_level')) : null;
    const waitEnd = settings.bool('wait_end_of_query') || settings.bool('http_wait_end_of_query');
    const limit = waitEnd ? Infinity : Math.max(settings.num('buffer_size'), settings.num('http_response_buffer_size'));

    if (result.kind === 'done') {
      ctx.metrics.insertedRows.inc(result.progress.writtenRows);
      ctx.metrics.insertedBytes.inc(result.progress.writtenBytes);
      res.statusCode = 200;
      baseHeaders();
      res.setHeader('X-ClickHouse-Summary', summaryOf(result.progress, 0, process.hrtime.bigint() - started));
      res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
      res.setHeader('Content-Length', 0);
      res.end();
      return;
    }

    const format = outputFormat(result.format ?? formatName);
    const writer = format.create(result.schema, { settings, timezone: ctx.timezone });
    const progress = result.progress;
    let rows = 0;
    const s: BodySink = new BodySink(res, limit, encoding, () => {
      res.statusCode = 200;
      baseHeaders();
      res.setHeader('Content-Type', format.contentType);
      res.setHeader('X-ClickHouse-Format', format.name);
      res.setHeader('X-ClickHouse-Summary', summaryOf({ ...progress, resultRows: rows }, s.bytes, process.hrtime.bigint() - started));
    });
    sink = s;
    const maxRows = settings.num('max_result_rows');
    const maxBytes = settings.num('max_result_bytes');
    const breakOnOverflow = settings.str('result_overflow_mode') === 'break';
    await s.write(writer.header());
    for await (const b of result.batches) {
      let batch: Batch = b;
      const n = activeRows(b);
      if (maxRows > 0 && rows + n > maxRows) {
        if (!breakOnOverflow) {
          throw new EddyError('TOO_MANY_ROWS_OR_BYTES', `Limit for result exceeded, max rows: ${maxRows}, current rows: ${rows + n}`);
        }
        batch = truncateBatch(b, maxRows - rows);
      }
      rows += activeRows(batch);
      await s.write(writer.batch(batch));
      if (maxBytes > 0 && s.bytes > maxBytes && !breakOnOverflow) {
        throw new EddyError('TOO_MANY_ROWS_OR_BYTES', `Limit for result exceeded, max bytes: ${maxBytes}, current bytes: ${s.bytes}`);
      }
      if ((maxRows > 0 && rows >= maxRows) || (maxBytes > 0 && s.bytes > maxBytes)) break;
    }
    await s.write(writer.footer({
      rows,
      ...(progress.rowsBeforeLimit !== undefined ? { rowsBeforeLimit: progress.rowsBeforeLimit } : {}),
      elapsedSeconds: Number(process.hrtime.bigint() - started) / 1e9,
      rowsRead: progress.readRows,
      bytesRead: progress.readBytes,
    }));
    ctx.metrics.resultRows.inc(rows);
    await s.end();
  } catch (err) {
    const { error, status } = describeError(timedOut ? new EddyError('TIMEOUT_EXCEEDED', `Timeout exceeded: maximum execution time reached`) : err);
    ctx.metrics.errors.inc({ code: error.errorName });
    if (res.destroyed) return;
    const text = errorText(error);
    if (sink?.headersSent || res.headersSent) {
      sink ? sink.fail(text) : res.end(text);
      return;
    }
    res.statusCode = status;
    for (const h of ['Content-Encoding', 'Content-Length', 'X-ClickHouse-Format', 'X-ClickHouse-Summary']) res.removeHeader(h);
    baseHeaders();
    res.setHeader('X-ClickHouse-Exception-Code', String(error.code));
    res.setHeader('Content-Type', 'text/plain; charset=UTF-8');
    if (error.errorName === 'AUTHENTICATION_FAILED' && status === 401) res.setHeader('WWW-Authenticate', 'Basic realm="ClickHouse server HTTP API"');
    res.end(text);
  } finally {
    if (timer) clearTimeout(timer);
    res.off('close', onClose);
    ctx.metrics.duration.observe({ kind }, Number(process.hrtime.bigint() - started) / 1e9);
  }
}

/** The first `n` active rows of a batch. */
function truncateBatch(b: Batch, n: number): Batch {
  if (b.sel !== null) return { ...b, sel: b.sel.subarray(0, n) };
  const sel = new Uint32Array(n);
  for (let i = 0; i < n; i++) sel[i] = i;
  return { ...b, sel };
}
