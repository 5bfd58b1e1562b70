import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { formatInstant } from '../../domain/time.ts';
import { ApiError } from '../../errors.ts';
import { sessionOf } from '../auth.ts';
import type { RouteDeps } from '../deps.ts';

/**
 * «Nghe thử»: a short-lived URL of a zone's stream for the admin page's <audio> element, which can
 * send neither a header nor the zone's stream key (that key is for devices, not for browsers).
 */
export function registerListenRoutes(app: FastifyInstance, deps: RouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().post('/api/zones/:id/listen', {
    schema: { tags: ['playout'], summary: 'Đường dẫn nghe thử luồng của một vùng loa (vài phút, gắn với phiên đăng nhập)', params: z.object({ id: Slug }) },
    config: { access: 'station:read' },
  }, async (req) => {
    const zone = req.params.id;
    if (!deps.playout.mount(zone)) throw new ApiError(404, 'no-stream', { id: zone });
    const { pass, expiresAt } = deps.listenPasses.issue(zone, sessionOf(req).tokenId, deps.clock.now());
    return { url: `/stream/${encodeURIComponent(zone)}?listen=${pass}`, expiresAt: formatInstant(expiresAt, deps.config.tz) };
  });
}
