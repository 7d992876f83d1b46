/**
 * Eddy as the system under test of the ClickBench runner: start `eddy server` as a child process on
 * a free port, wait for `/ping`, send queries and TabSeparated inserts over the ClickHouse HTTP
 * interface, stop it (SIGTERM, then SIGKILL).
 */
import { spawn } from 'node:child_process';
import { createReadStream, openSync, closeSync, readFileSync } from 'node:fs';
import { request } from 'node:http';
import { fileURLToPath } from 'node:url';
import { SERVER_NODE_FLAGS } from '../../src/cli/node-flags.ts';
import { freePort } from '../../test/support/free-port.ts';

const MAIN = fileURLToPath(new URL('../../src/cli/main.ts', import.meta.url));

/** A running Eddy server. */
export interface EddyServer {
  /** Base URL, e.g. `http://127.0.0.1:41234/`. */
  readonly url: string;
  /** Stop the server (SIGTERM, SIGKILL after 20 s). */
  stop(): Promise<void>;
}

/** Start `eddy server --data-dir <dataDir>` on a free port, logging to `logFile`; resolves once `/ping` answers. */
export async function startEddyServer(dataDir: string, logFile: string, timeoutMs = 60_000): Promise<EddyServer> {
  const port = await freePort();
  const log = openSync(logFile, 'a');
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, '--import', 'tsx', MAIN, 'server', '--data-dir', dataDir, '--host', '127.0.0.1', '--port', String(port)],
    { stdio: ['ignore', log, log] });
  closeSync(log);
  const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
  let exitCode: number | null | undefined;
  void exited.then((code) => { exitCode = code; });
  const url = `http://127.0.0.1:${port}/`;
  const stop = async (): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 20_000);
    await exited;
    clearTimeout(timer);
  };
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (exitCode !== undefined) throw new Error(`eddy server exited with ${exitCode}:\n${tail(logFile)}`);
    try {
      const res = await fetch(`${url}ping`);
      if (res.ok && (await res.text()) === 'Ok.\n') return { url, stop };
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      await stop();
      throw new Error(`eddy server did not answer /ping within ${timeoutMs} ms:\n${tail(logFile)}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
}

/** A query result: column types (ClickHouse spelling) and rows of text cells. */
export interface EddyResult {
  readonly types: string[];
  readonly rows: string[][];
}

/**
 * Run a statement; resolves with its result read as TabSeparatedWithNamesAndTypes (empty for DDL).
 * Rejects when it takes longer than `timeoutMs`.
 */
export async function eddyQuery(url: string, sql: string, timeoutMs = 600_000): Promise<EddyResult> {
  const res = await fetch(`${url}?default_format=TabSeparatedWithNamesAndTypes`,
    { method: 'POST', body: sql, signal: AbortSignal.timeout(timeoutMs) });
  const text = await res.text();
  if (!res.ok || res.headers.has('x-clickhouse-exception-code')) throw new Error(`Eddy: ${text.trim()}`);
  const lines = parseTsv(text);
  return { types: lines[1] ?? [], rows: lines.slice(2) };
}

/**
 * Stream the TabSeparated file at `path` into `table` with `INSERT … FORMAT TabSeparated`;
 * `onProgress` hears the bytes sent so far.
 */
export function eddyInsertTsv(url: string, table: string, path: string, onProgress?: (bytes: number) => void): Promise<void> {
  const query = new URLSearchParams({ query: `INSERT INTO ${table} FORMAT TabSeparated` });
  return new Promise((resolve, reject) => {
    const req = request(`${url}?${query}`, { method: 'POST', headers: { 'Content-Type': 'text/tab-separated-values' } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300 || res.headers['x-clickhouse-exception-code'] !== undefined) reject(new Error(`Eddy insert: ${body.trim()}`));
        else resolve();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    const file = createReadStream(path, { highWaterMark: 1 << 20 });
    file.on('error', (err) => req.destroy(err));
    if (onProgress) file.on('data', () => onProgress(file.bytesRead));
    file.pipe(req);
  });
}

/**
 * Run a statement whose answer may take longer than fetch's 300 s header timeout (OPTIMIZE of a large
 * table): a plain HTTP request with no time limit.
 */
export function eddyExecLong(url: string, sql: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method: 'POST' }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const body = Buffer.concat(chunks).toString('utf8');
        if ((res.statusCode ?? 500) >= 300 || res.headers['x-clickhouse-exception-code'] !== undefined) reject(new Error(`Eddy: ${body.trim()}`));
        else resolve();
      });
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(sql);
  });
}

/** Rows of TabSeparated text, with ClickHouse escapes undone (`\N` stays as the two characters). */
export function parseTsv(text: string): string[][] {
  if (text === '') return [];
  const lines = text.endsWith('\n') ? text.slice(0, -1).split('\n') : text.split('\n');
  return lines.map((line) => line.split('\t').map(unescapeField));
}

const UNESCAPE: Record<string, string> = { t: '\t', n: '\n', r: '\r', b: '\b', f: '\f', '0': '\0', '\\': '\\', "'": "'", N: '\\N' };

function unescapeField(field: string): string {
  if (!field.includes('\\')) return field;
  return field.replace(/\\(.)/g, (_, c: string) => UNESCAPE[c] ?? c);
}

function tail(file: string): string {
  try {
    return readFileSync(file, 'utf8').trimEnd().split('\n').slice(-30).join('\n');
  } catch {
    return '(no log)';
  }
}
