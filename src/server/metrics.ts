/**
 * Prometheus metrics for GET /metrics: counters the HTTP layer updates (queries, errors, inserted
 * rows and bytes, result rows) and gauges read from the database at scrape time.
 */
import client from 'prom-client';

/** Live figures the database exposes (Database.metrics()). */
export type GaugeSource = () => Readonly<Record<string, number>>;

/** The server's metrics registry and the counters it updates. */
export class ServerMetrics {
  readonly registry = new client.Registry();
  readonly queries: client.Counter<'kind'>;
  readonly errors: client.Counter<'code'>;
  readonly insertedRows: client.Counter;
  readonly insertedBytes: client.Counter;
  readonly resultRows: client.Counter;
  readonly duration: client.Histogram<'kind'>;

  constructor(gauges?: GaugeSource) {
    const registers = [this.registry];
    this.queries = new client.Counter({ name: 'eddy_queries_total', help: 'Statements run, by kind (select/insert/other).', labelNames: ['kind'], registers });
    this.errors = new client.Counter({ name: 'eddy_query_errors_total', help: 'Statements that failed, by error name.', labelNames: ['code'], registers });
    this.insertedRows = new client.Counter({ name: 'eddy_inserted_rows_total', help: 'Rows written by INSERTs.', registers });
    this.insertedBytes = new client.Counter({ name: 'eddy_inserted_bytes_total', help: 'Uncompressed bytes written by INSERTs.', registers });
    this.resultRows = new client.Counter({ name: 'eddy_result_rows_total', help: 'Rows sent to clients.', registers });
    this.duration = new client.Histogram({
      name: 'eddy_query_duration_seconds', help: 'Statement wall time.', labelNames: ['kind'], registers,
      buckets: [0.001, 0.005, 0.01, 0.05, 0.1, 0.5, 1, 5, 30],
    });
    if (gauges) {
      const names = Object.keys(gauges());
      for (const n of names) {
        const metric = n.replace(/[A-Z]/g, (c) => '_' + c.toLowerCase());
        new client.Gauge({
          name: `eddy_${metric}`, help: `Database gauge ${n}.`, registers,
          collect() { this.set(gauges()[n] ?? 0); },
        });
      }
    }
    client.collectDefaultMetrics({ register: this.registry, prefix: 'eddy_process_' });
  }
}
