/**
 * The version Eddy reports to ClickHouse clients (in error texts and version()). It claims a
 * 24.8-like server: recent enough that Grafana enables its ad-hoc filters (≥ 22.7) and clients
 * expect the `(ERROR_NAME)` suffix in errors.
 */

/** The ClickHouse-style version string. */
export const CLICKHOUSE_VERSION = '24.8.1.1';

/** The suffix of error texts: `(version 24.8.1.1 (Eddy))`. */
export const VERSION_SUFFIX = `(version ${CLICKHOUSE_VERSION} (Eddy))`;
