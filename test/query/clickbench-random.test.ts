/**
 * 500 random ClickBench-shaped queries over 50,000 generated `hits` rows in 512-row granules, Eddy
 * against DuckDB (test/support/random-suite.ts; the 1M-row version is in test/slow).
 */
import { randomQuerySuite } from '../support/random-suite.ts';

randomQuerySuite({ rows: 50_000, dataSeed: 7, firstSeed: 1_000_000, queries: 500, granularity: 512 });
