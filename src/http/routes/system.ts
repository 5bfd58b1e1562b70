import type { FastifyInstance } from 'fastify';
import { pingDatabase } from '../../storage/db.ts';
import type { ServerDeps } from '../deps.ts';

/** Liveness/readiness and Prometheus metrics (no token: scraped by infrastructure). */
export function registerSystemRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.get('/healthz', { schema: { tags: ['system'], summary: 'Tình trạng dịch vụ (CSDL, ffmpeg)' } }, async (_req, reply) => {
    let db: 'ok' | string = 'ok';
    try {
      if (!pingDatabase(deps.db)) db = 'unexpected answer';
    } catch (err) {
      db = (err as Error).message;
    }
    const ok = db === 'ok';
    return reply.status(ok ? 200 : 503).send({
      status: ok ? 'ok' : 'degraded',
      db,
      ffmpeg: { path: deps.ffmpeg.path, source: deps.ffmpeg.source, version: deps.ffmpeg.version },
      ingestQueue: deps.ingest.size(),
    });
  });

  app.addHook('onResponse', async (req, reply) => {
    deps.metrics.httpRequests.inc({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('Content-Type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
