/**
 * ClickBench's 43 queries on 1,000,000 generated `hits` rows, Eddy against DuckDB (slow suite;
 * see test/support/clickbench-suite.ts).
 */
import { clickbenchSuite } from '../support/clickbench-suite.ts';

clickbenchSuite(1_000_000, 1, 6);
