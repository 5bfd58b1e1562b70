import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { formatInstant } from '../../domain/time.ts';
import { EmergencyRepeat, type EmergencyService, type EmergencyView } from '../../emergency/emergencyTypes.ts';
import { notFound } from '../../errors.ts';
import { THINGS } from '../../i18n/words.ts';
import { sessionOf } from '../auth.ts';

const EmergencyBody = z.object({
  /** An approved (or pending: the trigger approves it) item of the library. */
  itemId: z.string().min(1).max(64).optional(),
  /** Or a text the station's speech engine reads out. */
  text: z.string().trim().min(1).max(5000).optional(),
  title: z.string().trim().min(1).max(200).optional(),
  /** `["*"]` for every zone, or zone and group ids. */
  zones: z.array(z.union([z.literal('*'), Slug])).min(1).max(1000),
  repeat: EmergencyRepeat.optional(),
});

/** Phát khẩn cấp: trigger, list and cancel emergency bulletins (issue 10). */
export function registerEmergencyRoutes(app: FastifyInstance, deps: { emergency: EmergencyService; tz: string }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const iso = (ms: number | null) => (ms === null ? null : formatInstant(ms, deps.tz));
  const present = (e: EmergencyView) => ({
    ...e,
    airings: e.airings.map((a) => ({ start: iso(a.startMs), end: iso(a.endMs) })),
    createdAt: iso(e.createdAt),
    endedAt: iso(e.endedAt),
  });

  r.post('/api/emergency', {
    schema: { tags: ['emergency'], summary: 'Phát khẩn cấp: ngắt chương trình và phát ngay trên các vùng loa (có thể lặp lại)', body: EmergencyBody },
    config: { access: 'emergency:trigger' },
  }, async (req, reply) => {
    const user = sessionOf(req).user;
    const view = await deps.emergency.trigger({ ...req.body, origin: { kind: 'operator' } }, { id: user.id, username: user.username, role: user.role });
    return reply.status(201).send(present(view));
  });

  r.get('/api/emergency', {
    schema: { tags: ['emergency'], summary: 'Các bản tin khẩn cấp đang phát hoặc còn lượt phát lặp lại' },
    config: { access: 'station:read' },
  }, async () => ({ active: deps.emergency.active().map(present) }));

  r.get('/api/emergency/:id', {
    schema: { tags: ['emergency'], summary: 'Một bản tin khẩn cấp', params: z.object({ id: z.string().min(1).max(64) }) },
    config: { access: 'station:read' },
  }, async (req) => {
    const view = deps.emergency.get(req.params.id);
    if (!view) throw notFound(THINGS.emergency, req.params.id);
    return present(view);
  });

  r.delete('/api/emergency/:id', {
    schema: { tags: ['emergency'], summary: 'Huỷ bản tin khẩn cấp; chương trình phát tiếp ngay', params: z.object({ id: z.string().min(1).max(64) }) },
    config: { access: 'emergency:trigger' },
  }, async (req) => {
    const user = sessionOf(req).user;
    return present(await deps.emergency.cancel(req.params.id, { id: user.id, username: user.username, role: user.role }));
  });
}
