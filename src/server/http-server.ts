/**
 * The ClickHouse-compatible HTTP server (fastify 5): `/ping`, `/`, `/replicas_status`, the query
 * handler on `/` and `/query` (GET read-only, POST), `/metrics` (Prometheus) and a 404 with hints
 * for anything else. Request bodies are not parsed by fastify: the query handler streams them.
 */
import { hostname } from 'node:os';
import Fastify, { type FastifyInstance } from 'fastify';
import type { Database } from '../database.ts';
import { ServerMetrics } from './metrics.ts';
import { handleQuery } from './query-handler.ts';
import { defaultUsers, type Users } from './users.ts';

/** Options for {@link createServer}. */
export interface ServerOptions {
  readonly db: Database;
  /** Users (default: `default` with an empty password). */
  readonly users?: Users;
  /** X-ClickHouse-Server-Display-Name (default: the host name). */
  readonly displayName?: string;
  /** Server time zone reported in X-ClickHouse-Timezone and used for DateTime output (default UTC). */
  readonly timezone?: string;
  /** Idle keep-alive timeout in seconds (default 10; clients need more than 2.5). */
  readonly keepAliveSeconds?: number;
  /** Log requests through fastify's logger. */
  readonly logger?: boolean;
}

const OK = 'Ok.\n';

/** Build the HTTP server; call `listen({host, port})` on the result. */
export function createServer(opts: ServerOptions): FastifyInstance {
  const keepAlive = opts.keepAliveSeconds ?? 10;
  const app = Fastify({ logger: opts.logger ?? false, keepAliveTimeout: keepAlive * 1000, bodyLimit: Number.MAX_SAFE_INTEGER });
  const dbGauges = (opts.db as { metrics?: () => Record<string, number> }).metrics;
  const metrics = new ServerMetrics(dbGauges ? () => dbGauges.call(opts.db) : undefined);
  const ctx = {
    db: opts.db,
    users: opts.users ?? defaultUsers(),
    displayName: opts.displayName ?? hostname(),
    timezone: opts.timezone ?? 'UTC',
    metrics,
  };

  // Leave bodies unread: the query handler streams them (insert data may be gigabytes).
  app.removeAllContentTypeParsers();
  app.addContentTypeParser('*', (_req, _payload, done) => done(null, undefined));

  app.addHook('onSend', async (_req, reply, payload) => {
    reply.header('Keep-Alive', `timeout=${keepAlive}`);
    return payload;
  });

  const ok = async (_req: unknown, reply: { type(t: string): unknown; send(b: string): unknown }) => {
    reply.type('text/html; charset=UTF-8');
    return reply.send(OK);
  };
  app.get('/ping', ok);
  app.get('/replicas_status', ok);

  const query = async (req: import('fastify').FastifyRequest, reply: import('fastify').FastifyReply) => {
    const params = req.query as Record<string, string | string[] | undefined>;
    if ((req.method === 'GET' || req.method === 'HEAD') && Object.keys(params).length === 0 && req.url.split('?')[0] !== '/query') {
      return ok(req, reply);
    }
    reply.hijack();
    reply.raw.setHeader('Keep-Alive', `timeout=${keepAlive}`);
    await handleQuery(ctx, req.raw, reply.raw, params);
  };
  app.route({ method: ['GET', 'POST'], url: '/', handler: query });
  app.route({ method: ['GET', 'POST'], url: '/query', handler: query });

  app.get('/metrics', async (_req, reply) => {
    reply.type(metrics.registry.contentType);
    return metrics.registry.metrics();
  });

  app.setNotFoundHandler(async (req, reply) => {
    reply.code(404).type('text/plain; charset=UTF-8');
    return `There is no handle ${req.url.split('?')[0]}\n\nUse / or /ping for health checks.\nOr /replicas_status for more sophisticated health checks.\n\nSend queries from your program with POST method or GET /?query=...\n\nUse clickhouse-client:\n\nFor interactive data analysis:\n    clickhouse-client\n\nFor batch query processing:\n    clickhouse-client --query='SELECT 1' > result\n    clickhouse-client < query > result\n`;
  });
  return app;
}
