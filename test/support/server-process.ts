/**
 * Start Eddy's real server as a child process (the same command as `npm start`), on 127.0.0.1 and a
 * free port, for tests that need a process to kill or restart.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { resolve } from 'node:path';
import { SERVER_NODE_FLAGS } from '../../src/cli/node-flags.ts';
import { freePort } from './free-port.ts';

export { freePort };

function serverNodeArgs(): string[] {
  return (process.env.EDDY_SERVER_NODE_ARGS ?? '').split(' ').filter((a) => a !== '');
}

const ROOT = resolve(import.meta.dirname, '../..');

/** A running server process. */
export interface ServerProcess {
  readonly url: string;
  readonly port: number;
  readonly child: ChildProcess;
  /** Everything the process printed so far. */
  output(): string;
  /** SIGKILL and wait for exit. */
  kill(): Promise<void>;
  /** SIGTERM and wait for a clean exit; returns the exit code. */
  stop(): Promise<number | null>;
}

/**
 * Start `eddy server` on `dataDir` and wait until /ping answers (bounded by `timeoutMs`). Extra Node
 * flags for the server process (e.g. `--cpu-prof`, which NODE_OPTIONS refuses) come from the
 * EDDY_SERVER_NODE_ARGS environment variable, space-separated.
 */
export async function startServer(dataDir: string, opts: { port?: number; args?: string[]; env?: NodeJS.ProcessEnv; timeoutMs?: number } = {}): Promise<ServerProcess> {
  const port = opts.port ?? await freePort();
  const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, ...serverNodeArgs(), '--import', 'tsx', 'src/cli/main.ts', 'server', '--data-dir', dataDir,
    '--host', '127.0.0.1', '--port', String(port), ...(opts.args ?? [])], {
    cwd: ROOT, env: { ...process.env, ...opts.env }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => { out += d.toString(); });
  child.stderr!.on('data', (d: Buffer) => { out += d.toString(); });
  const exited = new Promise<number | null>((ok) => child.once('exit', (code) => ok(code)));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + (opts.timeoutMs ?? 30_000);
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}:\n${out}`);
    try {
      const r = await fetch(`${url}/ping`);
      if (r.ok) break;
    } catch { /* not up yet */ }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /ping within the time limit:\n${out}`);
    }
    await new Promise((r) => setTimeout(r, 50));
  }
  return {
    url, port, child,
    output: () => out,
    kill: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const t = setTimeout(() => child.kill('SIGKILL'), 20_000);
      const code = await exited;
      clearTimeout(t);
      return code;
    },
  };
}

/** POST a statement (and optional body data) to the server; throws with the server's error text on failure. */
export async function post(url: string, query: string, body?: string, params: Record<string, string> = {}): Promise<string> {
  const qs = new URLSearchParams({ ...params, ...(body !== undefined ? { query } : {}) });
  const r = await fetch(`${url}/?${qs}`, { method: 'POST', body: body ?? query });
  const text = await r.text();
  if (!r.ok) throw new Error(`HTTP ${r.status}: ${text}`);
  return text;
}
