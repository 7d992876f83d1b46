/**
 * The version Eddy reports to ClickHouse clients (in error texts and version()). It claims a
 * 24.8-like server: recent enough that Grafana enables its ad-hoc filters (≥ 22.7) and clients
 * expect the `(ERROR_NAME)` suffix in errors. Kept here, in core, so that query functions and the
 * server share one constant.
 */

/** The ClickHouse-style version string. */
export const CLICKHOUSE_VERSION = '24.8.1.1';

/** The revision number matching {@link CLICKHOUSE_VERSION} (ClickHouse's revision() / TCP protocol revision). */
export const CLICKHOUSE_REVISION = 54472;
