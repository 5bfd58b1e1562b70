/** The monthly report over HTTP: JSON, CSV (one table), XLSX (every table) or printable HTML. */
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { Slug } from '../../domain/item.ts';
import { buildMonthlyReport } from '../../reports/buildMonthlyReport.ts';
import { MONTH_RE } from '../../reports/model.ts';
import { renderMonthlyReport } from '../../reports/renderReport.ts';
import { REPORT_TABLES } from '../../reports/tables.ts';
import type { Db } from '../../storage/db.ts';

/**
 * What the report routes need; the server wires it (auth wraps the routes there, and sets the
 * fastify-type-provider-zod validator compiler the query schema needs).
 */
export interface ReportRouteDeps {
  db: Db;
  /** Station time zone, e.g. "Asia/Ho_Chi_Minh". */
  tz: string;
  /** Printed in the HTML letterhead and the workbook properties. */
  stationName: string;
  clock: Clock;
}

/** Query of GET /api/reports/monthly. */
export const MonthlyReportQuery = z.object({
  month: z.string().regex(MONTH_RE, 'must be a month YYYY-MM with MM from 01 to 12'),
  zone: Slug.optional(),
  format: z.enum(['json', 'csv', 'xlsx', 'html']).default('json'),
  /** The CSV table (XLSX carries every table, HTML all of them). */
  table: z.enum(REPORT_TABLES).default('summary'),
  lang: z.enum(['vi', 'en']).default('vi'),
});

/**
 * GET /api/reports/monthly?month=YYYY-MM[&zone=][&format=json|csv|xlsx|html][&table=][&lang=]:
 * the monthly report from the airtime log. 400 names the bad query field; 404 for an unknown zone.
 */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/reports/monthly',
    {
      config: { access: 'reports:read' },
      // The print view is one self-contained document with its own <style> and SVG charts: it may
      // style itself inline, and may load and run nothing at all.
      helmet: { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ['data:'], frameAncestors: ["'none'"] } } },
      schema: {
        tags: ['reports'],
        summary: 'Báo cáo kết quả tuyên truyền tháng (từ nhật ký phát sóng)',
        querystring: MonthlyReportQuery,
      },
    },
    async (req, reply) => {
      const q = req.query;
      // Unknown zone / bad month: ReportRequestError is an ApiError (404 / 400) for the error handler.
      const report = buildMonthlyReport(deps.db, { month: q.month, zone: q.zone, tz: deps.tz, generatedAt: deps.clock.now() });
      const out = await renderMonthlyReport(report, { format: q.format, table: q.table, lang: q.lang, stationName: deps.stationName, zone: q.zone });
      const disposition = q.format === 'json' || q.format === 'html' ? 'inline' : 'attachment';
      return reply
        .header('cache-control', 'no-store')
        .header('content-disposition', `${disposition}; filename="${out.filename}"`)
        .type(out.contentType)
        .send(out.body);
    },
  );
}
