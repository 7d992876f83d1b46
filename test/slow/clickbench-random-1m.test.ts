/**
 * 300 random ClickBench-shaped queries over 1,000,000 generated `hits` rows in 2048-row granules,
 * Eddy against DuckDB (slow suite; see test/support/random-suite.ts): big hash tables, many granules.
 */
import { randomQuerySuite } from '../support/random-suite.ts';

randomQuerySuite({ rows: 1_000_000, dataSeed: 3, firstSeed: 2_000_000, queries: 300, granularity: 2048, perTest: 20 });
