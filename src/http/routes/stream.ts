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
  /**
   * The registered device whose key this is, when it serves this zone (a device key opens only its
   * own zone's stream): its presence is told of each attempt and of how long a connection stays open.
   */
  admitsDevice?: (zoneId: string, key: string | undefined) => StreamDevice | undefined;
}

/** A device pulling the stream with its own key (src/devices/devicePresence.ts). */
export interface StreamDevice {
  /** It reached Loa (even when the stream turns it away for now). */
  seen(): void;
  /** Its connection is open; the returned function is called when it closes. */
  connected(): () => void;
}

// Devices send no Accept-Language and operators read these in device logs: both languages at once.
const Params = z.object({ zone: z.string().min(1).max(68) });
const Query = z.object({
  key: z.string().max(256).optional(),
  listen: z.string().max(256).optional(),
  /** A client that only checks the stream (a test, a bench, an engineer's player): never counted as a receiver. */
  monitor: z.enum(['1', 'true', '0', 'false']).optional(),
});

/**
 * GET /stream/:zone (also /stream/:zone.mp3): the Icecast-style MP3 stream that IP loudspeaker devices
 * pull. It opens with the zone's shared key or the key of a device registered to the zone; a missing
 * or wrong key, and a zone that does not exist or has no stream, are the same 401 (decisions §1: no
 * answer reveals which zones exist). Each device counts toward a play being heard (decisions §2); a
 * monitor never does: a «Nghe thử» listener (?listen=) and a client asking with ?monitor=1.
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
      // Devices often want a file name: /stream/tdp-1.mp3 is the stream of zone tdp-1.
      const zone = req.params.zone.replace(/\.mp3$/, '');
      const mount = deps.mounts(zone);
      const header = req.headers['x-stream-key'];
      const presented = req.query.key ?? (typeof header === 'string' ? header : undefined);
      const device = mount ? deps.admitsDevice?.(zone, presented) : undefined;
      const listening = req.query.listen !== undefined && (deps.admitsListenPass?.(zone, req.query.listen) ?? false);
      if (!mount || (!listening && !device && !mount.authorize(presented))) {
        return reply.status(401).send({ statusCode: 401, code: 'stream-denied', message: bilingual('stream-denied') });
      }
      device?.seen();
      const availability = mount.availability();
      if (availability !== 'open') {
        const code = availability === 'idle' ? 'stream-idle' : 'stream-stopped';
        return reply.status(503).header('Retry-After', '5').send({ statusCode: 503, code, message: bilingual(code) });
      }
      // A «Nghe thử» URL counts as a monitor even with a stale pass that a key let through.
      const monitor = req.query.listen !== undefined || req.query.monitor === '1' || req.query.monitor === 'true';
      // The response outlives the handler: the mount writes frames to the raw socket until it closes.
      reply.hijack();
      if (device && req.method !== 'HEAD') {
        const closed = device.connected();
        reply.raw.once('close', closed);
      }
      mount.attach(reply.raw, req.method === 'HEAD', monitor ? 'monitor' : 'receiver');
    },
  );
}
