import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { redactUrlPasswords } from '../../audit/redact.ts';
import { presentCapAlert } from '../../cap/capPresent.ts';
import { CapFeeds, CapPolicy } from '../../domain/cap.ts';
import { formatInstant } from '../../domain/time.ts';
import { ApiError } from '../../errors.ts';
import { pickLang } from '../../i18n/messages.ts';
import type { Localized } from '../../i18n/words.ts';
import { localizeRefusal, parseIn } from '../../station/problemWords.ts';
import { getCapAlert, listCapAlerts } from '../../storage/capAlerts.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';

/** The XML types a CAP alert may come as (parsed as text for this plugin's routes only). */
const XML_TYPES = ['application/cap+xml', 'application/xml', 'text/xml'];

const ListQuery = z.object({
  limit: z.coerce.number().int().min(1).max(500).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});
const IdParams = z.object({ id: z.string().min(1).max(64) });
/** The word for a 404's `{what}`, in both languages. */
const CAP_ALERT: Localized = { vi: 'cảnh báo CAP', en: 'CAP alert' };

type CapRouteDeps = Pick<ServerDeps, 'db' | 'config' | 'cap' | 'capFeeds'>;

/**
 * CAP 1.2 (issue 10, decisions §6): post an alert (XML), read the alerts with their journeys, and
 * the station's CAP settings: the feeds it polls, the level table and the emergency repeat.
 */
export function registerCapRoutes(app: FastifyInstance, deps: CapRouteDeps): void {
  const tz = deps.config.tz;
  // Embedded audio (derefUri) makes a CAP document a third larger than the audio itself.
  const bodyLimit = Math.ceil((deps.config.maxUploadBytes * 4) / 3) + 1024 * 1024;
  const actorOf = (req: FastifyRequest) => {
    const { user } = sessionOf(req);
    return { id: user.id, username: user.username, role: user.role };
  };
  const lang = (req: FastifyRequest) => pickLang(req.headers['accept-language'], req.query);

  void app.register(async (scope) => {
    scope.addContentTypeParser(XML_TYPES, { parseAs: 'string', bodyLimit }, (_req, body, done) => done(null, body));
    const r = scope.withTypeProvider<ZodTypeProvider>();

    r.post('/api/cap', {
      schema: {
        tags: ['cap'],
        summary: 'Nhận một cảnh báo CAP 1.2 (XML)',
        description:
          'The body is a CAP 1.2 alert (Content-Type application/cap+xml, application/xml or text/xml). 201: it airs (an emergency '
          + 'bulletin, or a library item at priority), or its Update/Cancel took effect; 202: accepted and logged, it airs nowhere '
          + '(`reason`: no-zone, no-geocode, not-actual, no-test-zone, expired, no-info, not-an-alert); 400: not a valid CAP 1.2 alert, '
          + 'each problem at its element path; 422: accepted but nothing could air (no usable audio and no text). The same alert '
          + '(sender, identifier, sent) again gets the first answer with `duplicate: true` and airs nothing.',
        consumes: XML_TYPES,
      },
      bodyLimit,
      config: { access: 'cap:post' },
    }, async (req, reply) => {
      if (typeof req.body !== 'string') throw new ApiError(415, 'cap-not-xml');
      const answer = await deps.cap.receive(req.body, { via: 'api', actor: actorOf(req) });
      if (answer.failure) throw new ApiError(answer.status, answer.failure.code, answer.failure.params, answer.body);
      return reply.status(answer.status).send(answer.body);
    });
  });

  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/cap', {
    schema: { tags: ['cap'], summary: 'Các cảnh báo CAP đã nhận và hành trình của chúng (mới nhất trước)', querystring: ListQuery },
    config: { access: 'cap:read' },
  }, async (req) => {
    const { alerts, total } = listCapAlerts(deps.db, req.query);
    return { total, limit: req.query.limit, offset: req.query.offset, alerts: alerts.map((a) => presentCapAlert(deps.db, a, tz)) };
  });

  r.get('/api/cap/alerts/:id', {
    schema: { tags: ['cap'], summary: 'Một cảnh báo CAP, hành trình và văn bản XML gốc', params: IdParams },
    config: { access: 'cap:read' },
  }, async (req) => {
    const alert = getCapAlert(deps.db, req.params.id);
    if (!alert) throw new ApiError(404, 'not-found', { what: CAP_ALERT, id: req.params.id });
    return presentCapAlert(deps.db, alert, tz, { xml: true });
  });

  const feedsAnswer = () => {
    const status = new Map(deps.capFeeds.status().map((s) => [s.url, s]));
    const at = (ms: number | null) => (ms === null ? null : formatInstant(ms, tz));
    return {
      feeds: deps.cap.settings.get().feeds.map((f) => {
        const s = status.get(f.url);
        return { ...f, url: redactUrlPasswords(f.url), lastPollAt: at(s?.lastPollAt ?? null), lastOkAt: at(s?.lastOkAt ?? null), failures: s?.failures ?? 0, lastError: s?.lastError ?? null };
      }),
    };
  };

  r.get('/api/cap/feeds', {
    schema: { tags: ['cap'], summary: 'Các nguồn cảnh báo CAP đài đang theo dõi' },
    config: { access: 'cap:read' },
  }, async () => feedsAnswer());

  r.put('/api/cap/feeds', {
    schema: {
      tags: ['cap'],
      summary: 'Thay danh sách nguồn cảnh báo CAP ({ feeds: [{ url, everySeconds }] })',
      description: 'Each feed is an Atom feed whose entries link CAP documents, or one CAP document; url must be http(s), everySeconds 10–86400 (default 60). '
        + 'Alerts from the feeds are approved in the name of the admin who saves this list.',
      body: z.union([z.object({ feeds: z.array(z.unknown()).max(20) }), z.array(z.unknown()).max(20)]),
    },
    config: { access: 'cap:manage' },
  }, async (req) => {
    const given = Array.isArray(req.body) ? req.body : req.body.feeds;
    const feeds = localizeRefusal(lang(req), () => parseIn(CapFeeds, given, lang(req), 'body.feeds.'));
    // The poller hears the change (settings.onChange) and polls a new feed at once.
    deps.cap.settings.putFeeds(feeds, actorOf(req));
    return feedsAnswer();
  });

  r.get('/api/cap/policy', {
    schema: { tags: ['cap'], summary: 'Bảng mức độ (khẩn cấp / ưu tiên) theo urgency × severity và cách phát lặp' },
    config: { access: 'cap:read' },
  }, async () => deps.cap.settings.get().policy);

  r.put('/api/cap/policy', {
    schema: {
      tags: ['cap'],
      summary: 'Thay bảng mức độ CAP và cách phát lặp',
      description: '`levels`: { Urgency: { Severity: "emergency" | "priority" } }, cells left out keep the default (Immediate/Expected × '
        + 'Extreme/Severe = emergency, the rest priority). `repeat`: { everyMinutes, onTheHour } for emergency alerts with `expires`, or null to air once.',
      body: z.unknown(),
    },
    config: { access: 'cap:manage' },
  }, async (req) => {
    const policy = localizeRefusal(lang(req), () => parseIn(CapPolicy, req.body, lang(req)));
    return deps.cap.settings.putPolicy(policy, actorOf(req));
  });
}
