/**
 * ClickBench's 43 queries on 100,000 generated `hits` rows, Eddy against DuckDB
 * (see test/support/clickbench-suite.ts; the 1M-row version is test/slow/clickbench-1m.test.ts).
 */
import { clickbenchSuite } from '../support/clickbench-suite.ts';

clickbenchSuite(100_000, 1);
