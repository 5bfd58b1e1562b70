import type { FastifyInstance } from 'fastify';
import { translate, type Lang } from '../../i18n/messages.ts';
import { createDatabaseCheck } from '../../system/databaseCheck.ts';
import { createDiskSpaceCheck } from '../../system/diskSpaceCheck.ts';
import { createFfmpegCheck } from '../../system/ffmpegCheck.ts';
import { createHealth, type Health, type HealthReport } from '../../system/health.ts';
import type { ServerDeps } from '../deps.ts';

declare module 'fastify' {
  interface FastifyInstance {
    /** The checks behind `/healthz`; `app.health.register(name, check)` adds one. */
    health: Health;
  }
}

/** The checks every daemon has: the database, the ffmpeg found at start-up, and free disk space. */
export function defaultHealthChecks(deps: Pick<ServerDeps, 'db' | 'clock' | 'ffmpeg' | 'config'>) {
  return {
    database: createDatabaseCheck(deps.db),
    ffmpeg: createFfmpegCheck({ path: deps.ffmpeg.path, source: deps.ffmpeg.source, clock: deps.clock }),
    disk: createDiskSpaceCheck({ dirs: [deps.config.audioDir, deps.config.dataDir] }),
  };
}

/** `/healthz`'s body: each check's state and figures, and what is wrong in the client's language. */
export function presentHealth(report: HealthReport, lang: Lang) {
  const problems = report.checks.flatMap(({ result }) =>
    result.ok ? [] : result.problems.map((p) => translate(p.code, lang, p.params)),
  );
  return {
    status: report.ok ? ('ok' as const) : ('degraded' as const),
    ...(!report.ok && { message: translate('health-degraded', lang, { problems: problems.join(' ') }), problems }),
    checks: Object.fromEntries(
      report.checks.map(({ name, result }) => [
        name,
        {
          ...result.details,
          state: result.ok ? ('ok' as const) : ('failing' as const),
          ...(!result.ok && { problems: result.problems.map((p) => translate(p.code, lang, p.params)) }),
        },
      ]),
    ),
  };
}

/**
 * Liveness/readiness and Prometheus metrics (no token: scraped by infrastructure). `/healthz` runs
 * every registered check: 200 when all are ok, 503 "degraded" naming what is wrong.
 */
export function registerSystemRoutes(app: FastifyInstance, deps: ServerDeps): void {
  app.decorate('health', createHealth(defaultHealthChecks(deps)));

  app.get(
    '/healthz',
    { schema: { tags: ['system'], summary: 'Tình trạng dịch vụ (CSDL, ffmpeg, dung lượng đĩa và các kiểm tra khác)' } },
    async (req, reply) => {
      const report = await app.health.run();
      return reply.status(report.ok ? 200 : 503).send({ ...presentHealth(report, req.lang), ingestQueue: deps.ingest.size() });
    },
  );

  app.addHook('onResponse', async (req, reply) => {
    deps.metrics.httpRequests.inc({ method: req.method, route: req.routeOptions.url ?? 'unknown', status: reply.statusCode });
  });

  app.get('/metrics', { schema: { hide: true } }, async (_req, reply) =>
    reply.header('Content-Type', deps.metrics.registry.contentType).send(await deps.metrics.registry.metrics()),
  );
}
