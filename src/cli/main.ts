/**
 * The `eddy` command line:
 *   eddy server [--data-dir ./data] [--host 127.0.0.1] [--port 8123] [--config users.json]
 *   eddy query "SQL" [--host 127.0.0.1] [--port 8123] [--format PrettyCompact] [--user U] [--password P]
 *   eddy local --data-dir DIR --query "SQL" [--format PrettyCompact]
 */
import { Database } from '../database.ts';
import { Settings } from '../core/settings.ts';
import { toEddyError } from '../core/errors.ts';
import { createServer } from '../server/http-server.ts';
import { outputFormat } from '../server/formats/registry.ts';
import { errorText } from '../server/http-errors.ts';
import { loadUsers } from '../server/users.ts';
import { sharedPool, threadsFor } from '../../query/parallel/pool.ts';
import { missingServerNodeFlags } from './node-flags.ts';

const USAGE = `Usage:
  eddy server [--data-dir ./data] [--host 127.0.0.1] [--port 8123] [--config users.json]
              [--flush-max-rows N] [--flush-max-bytes N] [--flush-max-age-ms N]
  eddy query "SQL" [--host 127.0.0.1] [--port 8123] [--format PrettyCompact] [--user U] [--password P]
  eddy local --data-dir DIR --query "SQL" [--format PrettyCompact]
`;

/** Split `--name value` options from positional arguments. */
function parseArgs(args: readonly string[]): { positional: string[]; opts: Record<string, string> } {
  const positional: string[] = [];
  const opts: Record<string, string> = {};
  for (let i = 0; i < args.length; i++) {
    const a = args[i]!;
    if (a.startsWith('--')) {
      const eq = a.indexOf('=');
      if (eq > 0) opts[a.slice(2, eq)] = a.slice(eq + 1);
      else opts[a.slice(2)] = args[++i] ?? '';
    } else positional.push(a);
  }
  return { positional, opts };
}

/** Database log lines go to stderr so that stdout holds only results. */
const stderrLogger = {
  info: (msg: string): void => { process.stderr.write(msg + '\n'); },
  warn: (msg: string): void => { process.stderr.write(msg + '\n'); },
};

/** A non-negative integer option, or undefined when absent; exits with a clear message when malformed. */
function intOption(opts: Record<string, string>, name: string): number | undefined {
  const raw = opts[name];
  if (raw === undefined) return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) {
    process.stderr.write(`--${name} needs a non-negative integer, got '${raw}'\n`);
    process.exit(2);
  }
  return n;
}

/** Segment flush thresholds from --flush-max-rows / --flush-max-bytes / --flush-max-age-ms. */
function flushOptions(opts: Record<string, string>): { maxRows?: number; maxBytes?: number; maxAgeMs?: number } | undefined {
  const maxRows = intOption(opts, 'flush-max-rows');
  const maxBytes = intOption(opts, 'flush-max-bytes');
  const maxAgeMs = intOption(opts, 'flush-max-age-ms');
  if (maxRows === undefined && maxBytes === undefined && maxAgeMs === undefined) return undefined;
  return { ...(maxRows !== undefined ? { maxRows } : {}), ...(maxBytes !== undefined ? { maxBytes } : {}), ...(maxAgeMs !== undefined ? { maxAgeMs } : {}) };
}

async function server(opts: Record<string, string>): Promise<void> {
  const host = opts.host ?? '127.0.0.1';
  const port = intOption(opts, 'port') ?? 8123;
  const flush = flushOptions(opts);
  const missing = missingServerNodeFlags();
  if (missing.length > 0) {
    stderrLogger.warn(`Started without node ${missing.join(' ')}: expect frequent full garbage collections under load ` +
      `(use \`npm start\`, the eddy command, or \`node ${missing.join(' ')} --import tsx src/cli/main.ts server\`).`);
  }
  // Query workers load their modules while the database opens; /ping answers once both are done, so a
  // first query does not pay for the workers' start-up.
  const workersReady = sharedPool().prestart(threadsFor(0));
  const db = await Database.open({ dataDir: opts['data-dir'] ?? './data', logger: stderrLogger, ...(flush ? { flush } : {}) });
  const users = opts.config ? await loadUsers(opts.config) : undefined;
  const app = createServer({ db, ...(users ? { users } : {}) });
  await workersReady;
  await app.listen({ host, port });
  process.stdout.write(`Eddy is listening on http://${host}:${port}/ (data: ${db.dataDir})\n`);
  let stopping = false;
  const stop = async (): Promise<void> => {
    if (stopping) return;
    stopping = true;
    await app.close();
    await db.close();
    process.exit(0);
  };
  process.on('SIGTERM', () => void stop());
  process.on('SIGINT', () => void stop());
}

async function query(sql: string, opts: Record<string, string>): Promise<number> {
  const base = `http://${opts.host ?? '127.0.0.1'}:${opts.port ?? 8123}/`;
  const params = new URLSearchParams({ default_format: opts.format ?? 'PrettyCompact' });
  const headers: Record<string, string> = {};
  if (opts.user !== undefined) {
    headers.Authorization = `Basic ${Buffer.from(`${opts.user}:${opts.password ?? ''}`).toString('base64')}`;
  }
  const started = Date.now();
  const progress = setInterval(() => {
    if (process.stderr.isTTY) process.stderr.write(`\rRunning for ${((Date.now() - started) / 1000).toFixed(1)} s...`);
  }, 1000);
  try {
    const res = await fetch(`${base}?${params}`, { method: 'POST', body: sql, headers });
    if (!res.ok || res.headers.get('x-clickhouse-exception-code')) {
      process.stderr.write(await res.text());
      return 1;
    }
    for await (const chunk of res.body ?? []) process.stdout.write(chunk as Uint8Array);
    return 0;
  } finally {
    clearInterval(progress);
    if (process.stderr.isTTY && Date.now() - started >= 1000) process.stderr.write('\r\x1b[K');
  }
}

async function local(opts: Record<string, string>): Promise<number> {
  const dataDir = opts['data-dir'];
  const sql = opts.query;
  if (!dataDir || !sql) {
    process.stderr.write(USAGE);
    return 2;
  }
  const db = await Database.open({ dataDir, logger: stderrLogger, startSources: false });
  try {
    const started = process.hrtime.bigint();
    const r = await db.execute({ sql });
    if (r.kind === 'done') return 0;
    const settings = new Settings();
    const w = outputFormat(r.format ?? opts.format ?? 'PrettyCompact').create(r.schema, { settings, timezone: 'UTC' });
    process.stdout.write(w.header());
    let rows = 0;
    for await (const b of r.batches) {
      rows += b.sel === null ? b.length : b.sel.length;
      process.stdout.write(w.batch(b));
    }
    process.stdout.write(w.footer({
      rows, elapsedSeconds: Number(process.hrtime.bigint() - started) / 1e9, rowsRead: r.progress.readRows, bytesRead: r.progress.readBytes,
      ...(r.progress.rowsBeforeLimit !== undefined ? { rowsBeforeLimit: r.progress.rowsBeforeLimit } : {}),
    }));
    return 0;
  } catch (e) {
    process.stderr.write(errorText(toEddyError(e)));
    return 1;
  } finally {
    await db.close();
  }
}

/** Options each command accepts. */
const OPTIONS: Record<string, readonly string[]> = {
  server: ['data-dir', 'host', 'port', 'config', 'flush-max-rows', 'flush-max-bytes', 'flush-max-age-ms'],
  query: ['host', 'port', 'format', 'user', 'password', 'query'],
  local: ['data-dir', 'query', 'format'],
};

/** Run the command line; resolves to the exit code (the server keeps running instead). */
export async function main(argv: readonly string[]): Promise<number | null> {
  const [command, ...rest] = argv;
  const { positional, opts } = parseArgs(rest);
  const unknown = Object.keys(opts).filter((o) => !(OPTIONS[command ?? ''] ?? []).includes(o));
  if (unknown.length > 0 && command !== undefined && command in OPTIONS) {
    process.stderr.write(`Unknown option${unknown.length > 1 ? 's' : ''} for 'eddy ${command}': ${unknown.map((o) => `--${o}`).join(', ')}\n${USAGE}`);
    return 2;
  }
  switch (command) {
    case 'server':
      await server(opts);
      return null;
    case 'query': {
      const sql = positional.join(' ') || opts.query;
      if (!sql) { process.stderr.write(USAGE); return 2; }
      return query(sql, opts);
    }
    case 'local':
      return local(opts);
    default:
      process.stderr.write(USAGE);
      return command === undefined || command === 'help' || command === '--help' ? 0 : 2;
  }
}

const code = await main(process.argv.slice(2));
if (code !== null) process.exitCode = code;
