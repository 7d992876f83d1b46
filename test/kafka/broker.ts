/**
 * A real Apache Kafka broker for integration tests, run as a child JVM from Maven Central jars
 * (no Docker): a single KRaft node on 127.0.0.1 with free ports, data in a fresh temp directory.
 *
 * ```ts
 * const kafka = await startKafka();          // or reuses $KAFKA_BROKERS when set
 * const client = new Kafka({ brokers: [kafka.brokers] });
 * ...
 * await kafka.stop();
 * ```
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { closeSync, openSync, readFileSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Kafka, logLevel } from 'kafkajs';
import { log4jProperties, serverProperties } from './config.ts';
import { freePort } from '../support/free-port.ts';
import { ensureKafkaLibs } from './libs.ts';

/** A running broker (or an external one named by `KAFKA_BROKERS`). */
export interface KafkaBroker {
  /** `host:port` list for kafkajs's `brokers` option (comma-separated when several). */
  readonly brokers: string;
  /** Stop the broker and delete its data; a no-op for an external broker. Safe to call twice. */
  stop(): Promise<void>;
  /**
   * Stop the JVM (SIGTERM, or SIGKILL with `kill`) and start it again on the same ports and data;
   * resolves once it answers again. Absent for an external broker.
   */
  restart?(opts?: { kill?: boolean }): Promise<void>;
}

/** Knobs of {@link startKafka}; the defaults suit a 2-core machine. */
export interface StartKafkaOptions {
  /** JVM max heap in MiB (default 512). */
  readonly heapMb?: number;
  /** How long to wait for the broker to answer, in ms (default 90 000). */
  readonly startTimeoutMs?: number;
  /** How long `stop()` waits after SIGTERM before SIGKILL, in ms (default 10 000). */
  readonly stopTimeoutMs?: number;
  /** Start a broker of this caller's own even when `KAFKA_BROKERS` names one (e.g. to restart it). */
  readonly own?: boolean;
}

const MAIN_CLASS = 'kafka.Kafka';
const STORAGE_TOOL = 'kafka.tools.StorageTool';
const WARMUP_GROUP = 'eddy-kafka-warmup';

/**
 * Start a broker, or use the one in `KAFKA_BROKERS` when that variable is set. Fetches the jars on
 * first use (see libs.ts), formats a fresh KRaft log directory, starts the JVM and resolves once a
 * kafkajs admin client can list topics and find a group coordinator. Rejects with the tail of the
 * broker log on failure.
 */
export async function startKafka(options: StartKafkaOptions = {}): Promise<KafkaBroker> {
  const external = process.env['KAFKA_BROKERS'];
  if (external && !options.own) return { brokers: external, stop: async () => {} };

  const heapMb = options.heapMb ?? 512;
  const startTimeoutMs = options.startTimeoutMs ?? 90_000;
  const stopTimeoutMs = options.stopTimeoutMs ?? 10_000;

  const libs = await ensureKafkaLibs();
  const dir = await mkdtemp(join(tmpdir(), 'eddy-kafka-'));
  const port = await freePort();
  let controllerPort = await freePort();
  while (controllerPort === port) controllerPort = await freePort();
  const propsFile = join(dir, 'server.properties');
  const log4jFile = join(dir, 'log4j.properties');
  const logFile = join(dir, 'broker.log');
  await writeFile(propsFile, serverProperties({ port, controllerPort, dataDir: join(dir, 'data') }));
  await writeFile(log4jFile, log4jProperties());
  const classpath = join(libs, '*'); // expanded by the JVM, not the shell
  const common = [`-Dlog4j.configuration=file:${log4jFile}`, `-Dkafka.logs.dir=${join(dir, 'logs')}`,
    '-Djava.awt.headless=true', '-cp', classpath];

  try {
    await runToCompletion(javaBin(), ['-Xmx256m', '-XX:TieredStopAtLevel=1', '-XX:+UseSerialGC', ...common,
      STORAGE_TOOL, 'format', '-t', clusterId(), '-c', propsFile], logFile);
  } catch (err) {
    const message = `${(err as Error).message}\n${logTail(logFile)}`;
    await rm(dir, { recursive: true, force: true });
    throw new Error(message);
  }

  const launch = (): { child: ChildProcess; exited: Promise<number | null> } => {
    const log = openSync(logFile, 'a');
    const proc = spawn(javaBin(), [`-Xmx${heapMb}m`, '-XX:+UseG1GC', '-XX:MaxGCPauseMillis=20',
      '-XX:ParallelGCThreads=1', '-XX:ConcGCThreads=1', ...common, MAIN_CLASS, propsFile],
    { stdio: ['ignore', log, log] });
    closeSync(log);
    return { child: proc, exited: new Promise<number | null>((resolve) => proc.on('exit', (code) => resolve(code))) };
  };
  let { child, exited } = launch();
  // Never leave an orphaned JVM behind when the test process exits without calling stop().
  const killOnExit = (): void => { child.kill('SIGKILL'); };
  process.on('exit', killOnExit);

  const brokers = `127.0.0.1:${port}`;
  let stopped: Promise<void> | null = null;
  const stop = (): Promise<void> => {
    stopped ??= (async () => {
      await terminate(child, exited, stopTimeoutMs);
      process.off('exit', killOnExit);
      await rm(dir, { recursive: true, force: true });
    })();
    return stopped;
  };

  try {
    await waitUntilReady(brokers, exited, startTimeoutMs);
  } catch (err) {
    const message = `Kafka broker did not start: ${(err as Error).message}\n${logTail(logFile)}`;
    await stop();
    throw new Error(message);
  }
  const restart = async (opts: { kill?: boolean } = {}): Promise<void> => {
    if (stopped) throw new Error('the broker was stopped');
    if (opts.kill) {
      child.kill('SIGKILL');
      await exited;
    } else {
      await terminate(child, exited, stopTimeoutMs);
    }
    ({ child, exited } = launch());
    try {
      await waitUntilReady(brokers, exited, startTimeoutMs);
    } catch (err) {
      throw new Error(`Kafka broker did not restart: ${(err as Error).message}\n${logTail(logFile)}`);
    }
  };
  return { brokers, stop, restart };
}

function javaBin(): string {
  const home = process.env['JAVA_HOME'];
  return home ? join(home, 'bin', 'java') : 'java';
}

/** A random 16-byte KRaft cluster id in url-safe base64, as `kafka-storage random-uuid` prints it. */
function clusterId(): string {
  for (;;) {
    const id = randomBytes(16).toString('base64url');
    if (!id.startsWith('-')) return id; // a leading dash would read as a command-line flag
  }
}

function runToCompletion(cmd: string, args: string[], logFile: string): Promise<void> {
  const log = openSync(logFile, 'a');
  const child = spawn(cmd, args, { stdio: ['ignore', log, log] });
  closeSync(log);
  return new Promise((resolve, reject) => {
    child.on('error', (err) => reject(new Error(`cannot run ${cmd}: ${err.message}`)));
    child.on('exit', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`${args.includes(STORAGE_TOOL) ? 'kafka-storage format' : cmd} exited with ${code}`));
    });
  });
}

async function waitUntilReady(brokers: string, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let processExit: number | null | undefined;
  void exited.then((code) => { processExit = code; });
  let lastError = 'no attempt made';
  while (Date.now() < deadline) {
    if (processExit !== undefined) throw new Error(`the JVM exited with code ${processExit}`);
    const admin = new Kafka({
      clientId: 'eddy-kafka-probe', brokers: [brokers], logLevel: logLevel.NOTHING,
      connectionTimeout: 1000, requestTimeout: 2000, retry: { retries: 0 },
    }).admin();
    try {
      await admin.connect();
      await admin.listTopics();
      // Creates __consumer_offsets now, so the first consumer group of a test does not wait for it.
      await admin.describeGroups([WARMUP_GROUP]);
      return;
    } catch (err) {
      lastError = (err as Error).message;
    } finally {
      await admin.disconnect().catch(() => {});
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`no answer from ${brokers} within ${timeoutMs} ms (last error: ${lastError})`);
}

async function terminate(child: ChildProcess, exited: Promise<number | null>, timeoutMs: number): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  let timer: NodeJS.Timeout | undefined;
  const timedOut = new Promise<'timeout'>((r) => { timer = setTimeout(() => r('timeout'), timeoutMs); });
  const outcome = await Promise.race([exited, timedOut]);
  clearTimeout(timer);
  if (outcome === 'timeout') {
    child.kill('SIGKILL');
    await exited;
  }
}

function logTail(logFile: string, lines = 40): string {
  try {
    const text = readFileSync(logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
    return `--- last lines of ${logFile} ---\n${text}`;
  } catch {
    return `(no broker log at ${logFile})`;
  }
}
