/**
 * A lean HTTP client for benchmarks against Eddy's ClickHouse interface: node:http over keep-alive
 * connections (one per concurrent request, up to `maxSockets`), statements in the URL when a body
 * carries data (a buffer or a stream), errors raised with the server's text, every request bounded by a timeout.
 */
import { Agent, request } from 'node:http';
import type { Readable } from 'node:stream';

/** Settings and other URL parameters of one request. */
export type Params = Readonly<Record<string, string>>;

/** A client bound to one server. */
export class EddyClient {
  private readonly agent: Agent;

  /** `url` is the server's base URL (`http://127.0.0.1:PORT`); `timeoutMs` bounds each request. */
  constructor(private readonly url: string, maxSockets: number, private readonly timeoutMs = 600_000) {
    this.agent = new Agent({ keepAlive: true, maxSockets });
  }

  /** Run `sql` (sent as the body) and resolve with the response text. */
  query(sql: string, params: Params = {}): Promise<string> {
    return this.send('/', params, sql);
  }

  /** Run `INSERT … FORMAT …` given as `sql` with `data` as the request body. */
  insert(sql: string, data: Uint8Array | string, params: Params = {}): Promise<string> {
    return this.send('/', { ...params, query: sql }, data);
  }

  /** Run `INSERT … FORMAT …` given as `sql` with the bytes of `data` streamed as the request body. */
  insertStream(sql: string, data: Readable, params: Params = {}): Promise<string> {
    return this.send('/', { ...params, query: sql }, data);
  }

  /** GET /ping; resolves when the server answered `Ok.`. */
  async ping(): Promise<void> {
    const text = await this.send('/ping', {}, undefined);
    if (text !== 'Ok.\n') throw new Error(`/ping answered ${JSON.stringify(text)}`);
  }

  /** Close the idle connections. */
  close(): void {
    this.agent.destroy();
  }

  private send(path: string, params: Params, body: Uint8Array | string | Readable | undefined): Promise<string> {
    const qs = new URLSearchParams(params).toString();
    return new Promise((resolve, reject) => {
      const req = request(`${this.url}${path}${qs ? `?${qs}` : ''}`, { method: body === undefined ? 'GET' : 'POST', agent: this.agent, timeout: this.timeoutMs }, (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          if ((res.statusCode ?? 500) >= 300 || res.headers['x-clickhouse-exception-code'] !== undefined) {
            reject(new Error(`HTTP ${res.statusCode}: ${text.trim().slice(0, 500)}`));
          } else resolve(text);
        });
      });
      req.on('timeout', () => req.destroy(new Error(`request timed out after ${this.timeoutMs} ms`)));
      req.on('error', reject);
      if (body === undefined || typeof body === 'string' || body instanceof Uint8Array) req.end(body);
      else {
        body.on('error', (err) => req.destroy(err));
        body.pipe(req);
      }
    });
  }
}
