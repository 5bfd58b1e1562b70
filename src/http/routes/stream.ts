import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { bilingual } from '../../i18n/messages.ts';
import type { HttpMount } from '../../playout/httpMount.ts';

/** What the stream route needs: the mounts of the zones. */
export interface StreamRouteDeps {
  /** The HTTP mount of a zone, or undefined when the zone has none (unknown or no 'http' output). */
  mounts: (zoneId: string) => HttpMount | undefined;
  /** Whether a «Nghe thử» listen pass (?listen=) opens this zone's stream now. */
  admitsListenPass?: (zoneId: string, pass: string) => boolean;
}

// Devices send no Accept-Language and operators read these in device logs: both languages at once.
const Params = z.object({ zone: z.string().min(1).max(64) });
const Query = z.object({
  key: z.string().max(256).optional(),
  listen: z.string().max(256).optional(),
  /** A client that only checks the stream (a test, a bench, an engineer's player): never counted as a receiver. */
  monitor: z.enum(['1', 'true', '0', 'false']).optional(),
});

/**
 * GET /stream/:zone: the Icecast-style MP3 stream that IP loudspeaker devices pull. Each device counts
 * toward a play being heard (decisions §2); a monitor never does: a «Nghe thử» listener (?listen=) and
 * a client asking with ?monitor=1.
 */
export function registerStreamRoutes(app: FastifyInstance, deps: StreamRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/stream/:zone',
    {
      schema: {
        tags: ['stream'],
        summary: 'Luồng MP3 của một tổ dân phố (cho cụm loa IP) / MP3 stream of a zone',
        params: Params,
        querystring: Query,
      },
    },
    async (req, reply) => {
      const mount = deps.mounts(req.params.zone);
      if (!mount) return reply.status(404).send({ statusCode: 404, code: 'no-stream', message: bilingual('no-stream', { id: req.params.zone }) });
      const header = req.headers['x-stream-key'];
      const presented = req.query.key ?? (typeof header === 'string' ? header : undefined);
      const listening = req.query.listen !== undefined && (deps.admitsListenPass?.(req.params.zone, req.query.listen) ?? false);
      if (!listening && !mount.authorize(presented)) return reply.status(403).send({ statusCode: 403, code: 'stream-key', message: bilingual('stream-key') });
      const availability = mount.availability();
      if (availability !== 'open') {
        const code = availability === 'idle' ? 'stream-idle' : 'stream-stopped';
        return reply.status(503).header('Retry-After', '5').send({ statusCode: 503, code, message: bilingual(code) });
      }
      // A «Nghe thử» URL counts as a monitor even with a stale pass that a key let through.
      const monitor = req.query.listen !== undefined || req.query.monitor === '1' || req.query.monitor === 'true';
      // The response outlives the handler: the mount writes frames to the raw socket until it closes.
      reply.hijack();
      mount.attach(reply.raw, req.method === 'HEAD', monitor ? 'monitor' : 'receiver');
    },
  );
}
