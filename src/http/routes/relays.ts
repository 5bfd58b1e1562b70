import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Relay } from '../../domain/relay.ts';
import type { RelaySettings } from '../../scheduling/relaySettings.ts';
import { sessionOf } from '../auth.ts';

const RelaysBody = z.object({ relays: z.array(Relay).max(200) });

/**
 * The station's relays (tiếp âm, decisions §9): fixed events of the programme, replaced whole by
 * `PUT /api/relays` (like the live mounts); the programme is re-planned around them.
 */
export function registerRelayRoutes(app: FastifyInstance, deps: { relaySettings: RelaySettings }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const settings = deps.relaySettings;

  r.get('/api/relays', {
    schema: { tags: ['relay'], summary: 'Lịch tiếp âm: nguồn, vùng loa, ngày và giờ phát' },
    config: { access: 'station:read' },
  }, async () => ({ relays: settings.relays() }));

  r.put('/api/relays', {
    schema: {
      tags: ['relay'],
      summary: 'Đặt lịch tiếp âm (thay toàn bộ)',
      description:
        'Each relay airs `source` on `zones` (zone or group ids, "*" for all; a member brings its whole group) on `days` '
        + '(1 = Monday … 7 = Sunday) from `start` to `end`, station time, same day. Unknown source or zone, end not after start, '
        + 'two relays overlapping on a zone: 400 naming the field; a fallback item that is not approved: 409.',
      body: RelaysBody,
    },
    config: { access: 'station:edit' },
  }, async (req) => ({ relays: settings.putRelays(req.body.relays, sessionOf(req).user) }));
}
