import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import type { Readable } from 'node:stream';
import { z } from 'zod';
import { createAuditLog } from '../../audit/auditLog.ts';
import type { Clock } from '../../clock.ts';
import { Slug } from '../../domain/item.ts';
import type { Zone } from '../../domain/station.ts';
import { isTargetProblem, resolveTargets } from '../../emergency/targets.ts';
import { ApiError } from '../../errors.ts';
import type { LiveService } from '../../live/liveService.ts';
import { takeSourceConnections } from '../../live/sourceConnection.ts';
import type { Db } from '../../storage/db.ts';
import { listLiveMounts, replaceLiveMounts } from '../../storage/liveMounts.ts';
import { sessionOf } from '../auth.ts';
import { registerLiveBroadcastRoutes } from './liveBroadcast.ts';

const MountsBody = z.object({
  mounts: z.array(z.object({
    mount: Slug,
    zones: z.array(z.union([z.literal('*'), Slug])).min(1).max(1000),
    level: z.enum(['priority', 'emergency']),
  })).max(100),
});

export interface LiveRouteDeps {
  db: Db;
  clock: Clock;
  live: LiveService;
  zones: () => Zone[];
}

/**
 * Live broadcast: the station's live mounts (`GET/PUT /api/live/mounts`) and the source clients'
 * entrance, `PUT /live/<mount>` (or Icecast's own SOURCE method) with Basic username:token, as a
 * source client talks to Icecast; the rest of the connection is the audio, read until the client stops;
 * and the admin page's microphone (liveBroadcast.ts).
 */
export function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const audit = createAuditLog({ db: deps.db, clock: deps.clock });
  registerLiveBroadcastRoutes(app, { live: deps.live });

  r.get('/api/live/mounts', {
    schema: { tags: ['live'], summary: 'Các điểm phát trực tiếp (mount) và Tổ dân phố, mức phát của từng điểm' },
    config: { access: 'station:read' },
  }, async () => ({ mounts: listLiveMounts(deps.db) }));

  r.put('/api/live/mounts', {
    schema: { tags: ['live'], summary: 'Đặt các điểm phát trực tiếp (thay toàn bộ)', body: MountsBody },
    config: { access: 'station:edit' },
  }, async (req) => {
    const { mounts } = req.body;
    mounts.forEach((m, i) => {
      if (mounts.findIndex((o) => o.mount === m.mount) !== i) throw new ApiError(400, 'validation-failed', { details: `body.mounts[${i}].mount: listed twice` }, [{ field: `body.mounts[${i}].mount`, problem: 'listed twice' }]);
      const targets = resolveTargets(deps.zones(), m.zones);
      if (isTargetProblem(targets)) throw new ApiError(400, 'unknown-zone', { id: targets.id }, [{ field: `body.mounts[${i}].zones` }]);
    });
    const user = sessionOf(req).user;
    const before = listLiveMounts(deps.db);
    deps.db.transaction(() => {
      replaceLiveMounts(deps.db, mounts, user.id, deps.clock.now());
      audit.record(user, 'live.mounts', { type: 'live' }, { mounts: before }, { mounts });
    })();
    return { mounts: listLiveMounts(deps.db) };
  });

  const accept = (headers: Record<string, string | string[] | undefined>, mount: string) => {
    const user = deps.live.sourceUser(headers.authorization as string | undefined);
    if (!user) throw new ApiError(401, 'live-unauthorized', {}, undefined, { 'WWW-Authenticate': 'Basic realm="Loa live"' });
    return deps.live.open(mount, user, headers['content-type'] as string | undefined);
  };
  // Source clients stream audio with no HTTP body framing: their connections are taken before the
  // HTTP server parses them (sourceConnection.ts).
  const sources = takeSourceConnections(app.server, {
    accept: (req) => accept(req.headers, decodeURIComponent(/^\/live\/([^/?#]+)/.exec(req.path)?.[1] ?? '')),
  });
  app.addHook('preClose', (done) => (sources.closeAll(), done()));
  // A client with a framed body (Content-Length or chunked) on a connection already open for other
  // requests reaches the HTTP server: the same broadcast, its body read as it comes.
  if (!app.supportedMethods.includes('SOURCE')) app.addHttpMethod('SOURCE', { hasBody: true });
  void app.register(async (scope) => {
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_req, payload, done) => done(null, payload));
    scope.route({
      method: ['PUT', 'SOURCE'],
      url: '/live/:mount',
      schema: { hide: true },
      bodyLimit: Number.MAX_SAFE_INTEGER,
      handler: async (req, reply) => reply.send(await accept(req.headers, (req.params as { mount: string }).mount).broadcast(req.body as Readable)),
    });
  });
}
