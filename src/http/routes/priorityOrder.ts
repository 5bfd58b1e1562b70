import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createPriorityOrder } from '../../scheduling/priorityOrder.ts';
import { sessionOf } from '../auth.ts';
import type { RouteDeps } from '../deps.ts';

const OrderBody = z.object({
  /** Approved priority item ids, first to air first; items left out have no order (they air after these). */
  items: z.array(z.string().min(1).max(64)).max(1000),
});

/** The operator's order of priority items (issue 10 "Priority"): read it, change it. */
export function registerPriorityOrderRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const order = createPriorityOrder({ db: deps.db, clock: deps.clock, tz: deps.config.tz, events: deps.events });

  r.get('/api/priority-order', {
    schema: {
      tags: ['plan'],
      summary: 'Thứ tự phát các tin bài ưu tiên đã duyệt',
      description:
        'The approved priority items in the order several of them air in one window: those with an `order` '
        + 'first (1 first), then the others as the planner takes them (freshest first).',
    },
    config: { access: 'station:read' },
  }, async () => ({ items: order.list() }));

  r.put('/api/priority-order', {
    schema: {
      tags: ['plan'],
      summary: 'Đổi thứ tự phát các tin bài ưu tiên',
      description:
        'Sets the order: `items` get 1, 2, 3… in list order, every other item none. Each id must be an approved '
        + 'priority item, listed once: otherwise a 400 naming the entry (`body.items.N`) and nothing changes. '
        + 'Audited as `priority.order`; the programme is replanned shortly after, as for any station change.',
      body: OrderBody,
    },
    config: { access: 'plan:run' },
  }, async (req) => ({ items: order.set(req.body.items, sessionOf(req).user) }));
}
