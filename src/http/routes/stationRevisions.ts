import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { pickLang } from '../../i18n/messages.ts';
import type { StationService } from '../../station/stationService.ts';

const RevisionQuery = z.object({
  limit: z.coerce.number().int().min(1).max(200).default(50),
  before: z.coerce.number().int().min(1).max(Number.MAX_SAFE_INTEGER).optional(),
  lang: z.enum(['vi', 'en']).optional(),
});

/** The record of station settings revisions (migrations/0020): what judged the plays of each period. */
export function registerStationRevisionRoutes(app: FastifyInstance, station: StationService): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.get('/api/station/revisions', {
    schema: {
      tags: ['station'],
      summary: 'Các phiên bản cài đặt đài: ai đổi, khi nào, đổi gì',
      description:
        'Newest first. Each change of zones, topics or the policy (one for a whole YAML import) is a revision; '
        + 'airtime rows and the monthly report refer to the revision in force when a play aired. Revision 0 is '
        + 'the settings when revisions began. `limit` (1–200, default 50) revisions before revision `before`; '
        + '`next` is the `before` of the next page (null: no more).',
      querystring: RevisionQuery,
    },
    config: { access: 'station:read' },
  }, async (req) => {
    const lang = req.query.lang ?? pickLang(req.headers['accept-language'], req.query);
    return station.revisions({ limit: req.query.limit, ...(req.query.before !== undefined && { before: req.query.before }) }, lang);
  });
}
