import { availableParallelism } from 'node:os';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { canSeeItem } from '../../access/roles.ts';
import { formatInstant } from '../../domain/time.ts';
import { listProcessingItems } from '../../storage/items.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';

/**
 * The ingest queue as the dashboard shows it (read-only): how many jobs run and wait, and the items
 * still being processed. A job is an item in `processing` (see library/ingestQueue.ts), so the list
 * comes from the items table; a submitter sees only their unit's items, as everywhere else.
 */
export function registerIngestRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'db' | 'ingest' | 'config'>): void {
  const concurrency = deps.config.ingestConcurrency || availableParallelism();
  app.withTypeProvider<ZodTypeProvider>().get('/api/ingest', {
    schema: { tags: ['items'], summary: 'Hàng đợi xử lý âm thanh: số việc đang chạy, đang chờ, và các tin bài đang xử lý' },
    config: { access: 'items:read' },
  }, async (req) => {
    const jobs = deps.ingest.size();
    // The queue runs up to `concurrency` jobs at once; the rest wait their turn.
    const running = Math.min(jobs, concurrency);
    const user = sessionOf(req).user;
    const items = listProcessingItems(deps.db)
      .filter((i) => canSeeItem(user, i))
      .map((i) => ({
        id: i.id,
        title: i.title,
        unit: i.unit,
        originalName: i.originalName,
        /** When it entered processing (upload, or replaced audio). */
        since: formatInstant(i.updatedAt, deps.config.tz),
      }));
    return { running, waiting: jobs - running, concurrency, items };
  });
}
