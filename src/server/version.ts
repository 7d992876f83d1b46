/**
 * The version Eddy reports to ClickHouse clients; the constant lives in src/core/version.ts so that
 * version() in query/ can share it.
 */
import { CLICKHOUSE_VERSION } from '../core/version.ts';

export { CLICKHOUSE_VERSION } from '../core/version.ts';

/** The suffix of error texts: `(version 24.8.1.1 (Eddy))`. */
export const VERSION_SUFFIX = `(version ${CLICKHOUSE_VERSION} (Eddy))`;
