/**
 * Benchmark result files: small JSON documents under bench/results/, named
 * `<bench>-<YYYY-MM-DD>.json` (a later run on the same day replaces the earlier one), carrying the
 * machine, the command line and the figures.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { availableParallelism, cpus, loadavg, totalmem } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const RESULTS_DIR = fileURLToPath(new URL('../results/', import.meta.url));

/** Today's date as YYYY-MM-DD (UTC). */
export function today(): string {
  return new Date().toISOString().slice(0, 10);
}

/** The machine a run was measured on. */
export function machine(): Record<string, unknown> {
  return {
    cpu: cpus()[0]?.model ?? 'unknown',
    cores: availableParallelism(),
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    node: process.version,
    loadAverage1m: Math.round(loadavg()[0]! * 100) / 100,
  };
}

/** Write `figures` as bench/results/<bench>-<date>.json with the date, machine and command line; returns the path. */
export function writeResults(bench: string, figures: Record<string, unknown>): string {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${bench}-${today()}.json`);
  const command = `node --import tsx bench/${bench}.ts ${process.argv.slice(2).join(' ')}`.trimEnd();
  writeFileSync(path, JSON.stringify({ bench, date: new Date().toISOString(), command, machine: machine(), ...figures }, null, 1) + '\n');
  return path;
}
