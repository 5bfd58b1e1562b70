import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { Policy, Topic, Zone } from '../../domain/station.ts';
import { ApiError } from '../../errors.ts';
import { pickLang, type Lang } from '../../i18n/messages.ts';
import { keepHiddenSecrets, presentZone } from '../../station/zoneSecrets.ts';
import { localizeRefusal, parseIn } from '../../station/problemWords.ts';
import type { StationService } from '../../station/stationService.ts';
import { sessionOf } from '../auth.ts';

const IdParams = z.object({ id: Slug });
const langOf = (req: { headers: { 'accept-language'?: string }; query: unknown }): Lang => pickLang(req.headers['accept-language'], req.query);

/** Zones (Tổ dân phố), topics with frequency rules, and the station policy. */
export function registerStationRoutes(app: FastifyInstance, station: StationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const read = { access: 'station:read' } as const;
  const edit = { access: 'station:edit' } as const;

  r.get('/api/zones', { schema: { tags: ['station'], summary: 'Danh sách vùng loa (Tổ dân phố)' }, config: read }, async () => ({ zones: station.zones().map(presentZone) }));
  r.get('/api/zones/:id', { schema: { tags: ['station'], params: IdParams }, config: read }, async (req) => {
    const zone = station.zones().find((z) => z.id === req.params.id);
    if (!zone) throw new ApiError(404, 'unknown-zone', { id: req.params.id });
    return presentZone(zone);
  });
  r.put('/api/zones/:id', {
    schema: { tags: ['station'], summary: 'Tạo hoặc thay vùng loa', params: IdParams, body: z.unknown() },
    config: edit,
  }, async (req) => {
    const lang = langOf(req);
    const stored = station.zones().find((z) => z.id === req.params.id);
    const saved = localizeRefusal(lang, () => station.putZone(parseWithId(Zone, keepHiddenSecrets(req.body, stored), req.params.id, lang), sessionOf(req).user));
    return presentZone(saved);
  });
  r.delete('/api/zones/:id', { schema: { tags: ['station'], params: IdParams }, config: edit }, async (req, reply) => {
    station.removeZone(req.params.id, sessionOf(req).user);
    return reply.status(204).send();
  });

  r.get('/api/topics', { schema: { tags: ['station'], summary: 'Danh sách chủ đề' }, config: read }, async () => ({ topics: station.topics() }));
  r.get('/api/topics/:id', { schema: { tags: ['station'], params: IdParams }, config: read }, async (req) => {
    const topic = station.topics().find((t) => t.id === req.params.id);
    if (!topic) throw new ApiError(404, 'unknown-topic', { id: req.params.id });
    return topic;
  });
  r.put('/api/topics/:id', {
    schema: { tags: ['station'], summary: 'Tạo hoặc thay chủ đề và chỉ tiêu tần suất', params: IdParams, body: z.unknown() },
    config: edit,
  }, async (req) => {
    const lang = langOf(req);
    return localizeRefusal(lang, () => station.putTopic(parseWithId(Topic, req.body, req.params.id, lang), sessionOf(req).user));
  });
  r.delete('/api/topics/:id', { schema: { tags: ['station'], params: IdParams }, config: edit }, async (req, reply) => {
    station.removeTopic(req.params.id, sessionOf(req).user);
    return reply.status(204).send();
  });

  r.get('/api/policy', { schema: { tags: ['station'], summary: 'Chính sách lập lịch' }, config: read }, async () => station.policy());
  // Parsed here rather than by the route schema so that each refused field reads in the caller's language.
  r.put('/api/policy', { schema: { tags: ['station'], summary: 'Thay chính sách lập lịch', body: z.unknown() }, config: edit }, async (req) => {
    const lang = langOf(req);
    return localizeRefusal(lang, () => station.putPolicy(parseIn(Policy, req.body, lang), sessionOf(req).user));
  });
}

/**
 * Validates a PUT body whose id comes from the URL. Zone and Topic have cross-field refinements, so
 * they are parsed here (not by the route schema) to report every issue with its field path.
 */
function parseWithId<T extends z.ZodType>(schema: T, body: unknown, id: string, lang: Lang): z.infer<T> {
  const obj = body && typeof body === 'object' ? (body as Record<string, unknown>) : {};
  if (obj.id !== undefined && obj.id !== id) {
    const problem = lang === 'vi' ? `«${String(obj.id)}» khác mã trên đường dẫn «${id}»` : `"${String(obj.id)}" differs from the URL id "${id}"`;
    throw new ApiError(400, 'validation-failed', { details: `body.id: ${problem}` }, [{ field: 'body.id', problem }]);
  }
  return parseIn(schema, { ...obj, id }, lang);
}
