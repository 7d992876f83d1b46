/** The team's shared folder (`../shared` beside the repository): ClickBench's schema and queries, notes. */
import { resolve } from 'node:path';

/** ClickBench's own files (create.sql, queries.sql, duckdb/…). */
export const CLICKBENCH_DIR = resolve(import.meta.dirname, '../../../shared/clickbench');
