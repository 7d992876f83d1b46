/**
 * The Kafka broker's jars: copied from Maven Central by `mvn dependency:copy-dependencies` (per
 * test/kafka/pom.xml) into a cache directory keyed by the pom's hash, so a changed pom fetches anew
 * and an unchanged one never touches the network again.
 *
 * Cache root: `$EDDY_KAFKA_CACHE`, else `~/.cache/eddy-kafka`. Layout:
 * `<root>/<kafka version>-<pom hash>/libs/*.jar`;
 * the `libs` directory appears (by rename) only once the copy is complete.
 *
 * Run directly to prefetch: `node --import tsx test/kafka/libs.ts`.
 */
import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { mkdir, rename, rm } from 'node:fs/promises';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const POM = join(dirname(fileURLToPath(import.meta.url)), 'pom.xml');

/** maven-dependency-plugin version, pinned so the fetch does not depend on Maven's defaults. */
const DEPENDENCY_PLUGIN = 'org.apache.maven.plugins:maven-dependency-plugin:3.8.1';

/** The directory that holds (or will hold) the broker's jars for the current pom. */
export function kafkaLibsDir(): string {
  const root = process.env['EDDY_KAFKA_CACHE'] ?? join(homedir(), '.cache', 'eddy-kafka');
  const pom = readFileSync(POM);
  const version = /<kafka\.version>([^<]+)<\/kafka\.version>/.exec(pom.toString('utf8'))?.[1] ?? 'unknown';
  const hash = createHash('sha256').update(pom).digest('hex').slice(0, 12);
  return join(root, `${version}-${hash}`, 'libs');
}

/**
 * Make sure the jars are in the cache, fetching them with `mvn` on first use, and return the libs
 * directory (use it as `-cp '<dir>/*'`). Rejects with mvn's output when the fetch fails or when the
 * closure contains a second SLF4J binding.
 */
export async function ensureKafkaLibs(): Promise<string> {
  const libs = kafkaLibsDir();
  if (existsSync(libs)) return libs;
  const staging = `${libs}.tmp-${process.pid}`;
  await rm(staging, { recursive: true, force: true });
  await mkdir(dirname(libs), { recursive: true });
  try {
    await runMaven(['-B', '-q', '-f', POM, `${DEPENDENCY_PLUGIN}:copy-dependencies`,
      '-DincludeScope=runtime', `-DoutputDirectory=${staging}`]);
    const jars = readdirSync(staging);
    const extraBinding = jars.find((j) => /^(logback-|slf4j-(log4j12|simple|nop|jdk14))/.test(j));
    if (extraBinding) throw new Error(`Kafka libs contain a second SLF4J binding: ${extraBinding}`);
    if (!jars.some((j) => j.startsWith('kafka_2.13-'))) throw new Error(`mvn copied no kafka_2.13 jar into ${staging}`);
    await rename(staging, libs).catch(async (err: NodeJS.ErrnoException) => {
      // Another process finished the same fetch first: theirs is as good as ours.
      if (!existsSync(libs)) throw err;
      await rm(staging, { recursive: true, force: true });
    });
  } catch (err) {
    await rm(staging, { recursive: true, force: true });
    throw err;
  }
  return libs;
}

function runMaven(args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('mvn', args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let output = '';
    const keep = (chunk: Buffer): void => { output = (output + chunk.toString()).slice(-8000); };
    child.stdout.on('data', keep);
    child.stderr.on('data', keep);
    child.on('error', (err) => reject(new Error(`cannot run mvn (is Maven installed?): ${err.message}`)));
    child.on('close', (code) => {
      if (code === 0) resolve();
      else reject(new Error(`mvn ${args.join(' ')} exited with ${code}:\n${output}`));
    });
  });
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) {
  const started = Date.now();
  ensureKafkaLibs().then(
    (dir) => console.error(`Kafka libs ready in ${dir} (${((Date.now() - started) / 1000).toFixed(1)} s)`),
    (err: unknown) => { console.error(err); process.exitCode = 1; },
  );
}
