/**
 * The configurations the .slt corpus runs under: results must be the same in all of them
 * (DuckDB's test/configs, e.g. force_storage_restart.json, are the model).
 * Choose with SLT_CONFIG=name[,name...]; all run by default.
 */
import type { OpenOptions, SettingsMap } from '../../src/database.ts';

/** One way to run the corpus. */
export interface SltConfig {
  readonly name: string;
  /** Settings passed with every statement (and as server defaults). */
  readonly settings?: SettingsMap;
  /** Extra options for Database.open. */
  readonly open?: Omit<OpenOptions, 'dataDir' | 'settings'>;
  /** Run after every statement and query: flush segments into parts, or close and reopen the database. */
  readonly afterEach?: 'flush' | 'restart';
}

/** Every configuration, the default first. */
export const CONFIGS: readonly SltConfig[] = [
  { name: 'default' },
  { name: 'tiny_blocks', settings: { max_block_size: 7 } },
  { name: 'tiny_segments', open: { flush: { maxRows: 3 } } },
  { name: 'tiny_granules', open: { granularity: 2, flush: { maxRows: 5 } } },
  { name: 'flush_each', afterEach: 'flush' },
  { name: 'restart_each', afterEach: 'restart' },
];

/** The configurations named in `spec` (comma-separated; empty or undefined = all). Unknown names throw. */
export function selectConfigs(spec: string | undefined): SltConfig[] {
  if (spec === undefined || spec.trim() === '') return [...CONFIGS];
  return spec.split(',').map((s) => s.trim()).filter(Boolean).map((name) => {
    const c = CONFIGS.find((x) => x.name === name);
    if (!c) throw new Error(`unknown SLT_CONFIG '${name}'; known: ${CONFIGS.map((x) => x.name).join(', ')}`);
    return c;
  });
}
