import websocket from '@fastify/websocket';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { ApiError } from '../../errors.ts';
import { refuseSocket, serveMicrophone } from '../../live/micConnection.ts';
import type { LiveService } from '../../live/liveService.ts';
import type { MicRequest } from '../../live/liveTickets.ts';
import { sessionOf } from '../auth.ts';

const SessionBody = z.object({
  zones: z.array(z.union([z.literal('*'), Slug])).min(1).max(1000),
  level: z.enum(['priority', 'emergency']),
  format: z.enum(['webm', 'ogg']).default('webm'),
});

const BroadcastQuery = z.object({
  ticket: z.string().min(1).max(200),
  lang: z.enum(['vi', 'en']).optional(),
});

/** The largest message the page may send: MediaRecorder's chunks of 100 ms of Opus are a few kB. */
const MAX_MESSAGE_BYTES = 1024 * 1024;

/**
 * A browser sends Origin on every WebSocket handshake: a page of another site (which the session
 * cookie would follow) is refused. Clients that are not browsers send none; their token and the
 * ticket are their proof.
 */
function refuseForeignOrigin(req: FastifyRequest): void {
  const origin = req.headers.origin;
  if (origin === undefined) return;
  let host: string | null = null;
  try {
    host = new URL(origin).host;
  } catch {
    // 'null' (a sandboxed page, a file) or garbage: not this daemon's page
  }
  if (host !== req.host) throw new ApiError(403, 'live-origin-refused', { origin: String(origin).slice(0, 200) });
}

/**
 * «Phát trực tiếp» from the admin page's microphone (issue 11): `POST /api/live/sessions` checks the
 * zones, level and that no live source holds them, and answers a one-time ticket; then
 * `GET /api/live/broadcast?ticket=` upgraded to a WebSocket (same cookie or bearer, same origin)
 * carries the recording's chunks (MediaRecorder, WebM/Opus) to the one live broadcaster; the
 * protocol is in src/live/micConnection.ts.
 */
export function registerLiveBroadcastRoutes(app: FastifyInstance, deps: { live: LiveService }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();

  r.post('/api/live/sessions', {
    schema: {
      tags: ['live'],
      summary: 'Bắt đầu phát trực tiếp từ micrô của trang quản trị: kiểm tra Tổ dân phố, mức phát; trả về vé dùng một lần để mở WebSocket /api/live/broadcast?ticket=',
      body: SessionBody,
    },
    config: { access: 'live:broadcast' },
  }, async (req, reply) => {
    const { ticket, expiresAt, reached } = deps.live.issueMicTicket(sessionOf(req).user, req.body);
    reply.code(201);
    return {
      ticket, expiresAt: new Date(expiresAt).toISOString(), zones: reached, level: req.body.level,
      url: `/api/live/broadcast?ticket=${encodeURIComponent(ticket)}`,
    };
  });

  void app.register(async (scope) => {
    // Only this scope's routes take upgrades; the plugin answers upgrades to any other path with a close.
    await scope.register(websocket, {
      options: { maxPayload: MAX_MESSAGE_BYTES },
      // A stopping daemon ends every microphone's broadcast at once (its recording is kept), rather
      // than waiting on close handshakes a dead client would never answer.
      preClose(done) {
        for (const client of this.websocketServer.clients) client.terminate();
        done();
      },
    });
    const requests = new WeakMap<FastifyRequest, MicRequest>();
    scope.withTypeProvider<ZodTypeProvider>().get('/api/live/broadcast', {
      websocket: true,
      schema: { querystring: BroadcastQuery },
      config: { access: 'live:broadcast' },
      // Refused before the upgrade, with an HTTP status: a foreign page, a missing, used or someone else's ticket.
      preHandler: async (req) => {
        refuseForeignOrigin(req);
        requests.set(req, deps.live.redeemMicTicket(req.query.ticket, sessionOf(req).user));
      },
    }, (socket, req) => {
      const request = requests.get(req);
      if (!request) return void socket.close(1011);
      try {
        serveMicrophone(socket, deps.live.openMicrophone(sessionOf(req).user, request), req.lang, req.log);
      } catch (err) {
        // Upgraded already: the page reads why (zones taken since the ticket, a zone removed) on the socket.
        refuseSocket(socket, err, req.lang, req.log);
      }
    });
  });
}
