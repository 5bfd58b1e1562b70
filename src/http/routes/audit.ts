import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { AUDIT_ACTIONS, AUDIT_TARGET_TYPES } from '../../audit/auditLog.ts';
import { AuditQueryString, parseAuditQuery } from '../../audit/auditQuery.ts';
import { presentAuditRow } from '../../audit/presentAudit.ts';
import { listAuditRows } from '../../storage/audit.ts';
import type { ServerDeps } from '../deps.ts';

/** The append-only audit log (decisions §12): read by the admin and reviewers, written by the services. */
export function registerAuditRoutes(app: FastifyInstance, deps: Pick<ServerDeps, 'db' | 'config'>): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = deps.config.tz;

  r.get('/api/audit', {
    schema: {
      tags: ['audit'],
      summary: 'Nhật ký thay đổi: ai, làm gì, khi nào, trước và sau (chỉ ghi thêm)',
      description:
        'Newest first. `from`/`to`: a date YYYY-MM-DD (station day, both included) or an instant with its offset. '
        + '`actor`: a username, a user id, `cli` or `system`. '
        + `\`action\`: one of ${AUDIT_ACTIONS.join(', ')}, or the part before the dot for all of its actions. `
        + `\`target\`: TYPE or TYPE:ID, TYPE one of ${AUDIT_TARGET_TYPES.join(', ')}; \`zone:ID\` also finds the plans, `
        + 'plays and pins that reached the zone. `before`/`after` hold the fields the change touched; passwords and '
        + 'tokens are never kept, stream keys and URL passwords show as "***". A bad filter is a 400 naming it.',
      querystring: AuditQueryString,
    },
    config: { access: 'audit:read' },
  }, async (req) => {
    const query = parseAuditQuery(req.query, tz);
    const { rows, total } = listAuditRows(deps.db, query);
    return { total, limit: query.limit, offset: query.offset, entries: rows.map((row) => presentAuditRow(row, tz)) };
  });
}
