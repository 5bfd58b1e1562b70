/**
 * The monthly report over HTTP: the report (JSON, CSV of one table, XLSX, the printable HTML, DOCX)
 * and the report as a document (its draft, finalize, reissue). Thin handlers: the logic is in
 * src/reports/reportDocuments.ts.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Clock } from '../../clock.ts';
import { Slug } from '../../domain/item.ts';
import { ApiError } from '../../errors.ts';
import { MONTH_RE } from '../../reports/model.ts';
import { DraftPatch } from '../../reports/narrative.ts';
import { createReportDocuments, type Actor } from '../../reports/reportDocuments.ts';
import { REPORT_FORMATS, renderMonthlyReport } from '../../reports/renderReport.ts';
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
  /** Printed in the HTML and DOCX letterhead and the workbook properties. */
  stationName: string;
  clock: Clock;
}

const Month = z.string().regex(MONTH_RE, 'must be a month YYYY-MM with MM from 01 to 12');
const Lang = z.enum(['vi', 'en']);

/** Query of GET /api/reports/monthly. */
export const MonthlyReportQuery = z.object({
  month: Month,
  zone: Slug.optional(),
  format: z.enum(REPORT_FORMATS).default('json'),
  /** The CSV table (XLSX carries every table, HTML and DOCX all of them). */
  table: z.enum(REPORT_TABLES).default('summary'),
  /** The report's language: Vietnamese unless asked (errors still follow Accept-Language when absent). */
  lang: Lang.optional(),
  /** A finalized version; the newest one (or the live draft) when absent. */
  version: z.coerce.number().int().min(1).max(10_000).optional(),
});

const MonthParams = z.object({ month: Month });
/** The report's scope (one zone, or the whole station) and the language of the suggestions. */
const ScopeQuery = z.object({ zone: Slug.optional(), lang: Lang.optional() });
/** A bodiless POST (no JSON at all) reads as null: it reissues without a reason. */
const ReissueBody = z.strictObject({ reason: z.string().trim().max(500).optional() }).nullish();

// The print view is one self-contained document with its own <style> and SVG charts: it may style
// itself inline, and may load and run nothing at all.
const PRINT_VIEW_CSP = { contentSecurityPolicy: { useDefaults: false, directives: { defaultSrc: ["'none'"], styleSrc: ["'unsafe-inline'"], imgSrc: ['data:'], frameAncestors: ["'none'"] } } };

/** Who is calling (every route here needs a signed-in user; the access hook has made sure). */
function actorOf(req: FastifyRequest): Actor {
  const user = req.session?.user;
  if (!user) throw new ApiError(401, 'unauthorized');
  return { id: user.id, name: user.username };
}

/**
 * GET /api/reports/monthly?month=YYYY-MM[&zone=][&format=json|csv|xlsx|html|docx][&table=][&lang=][&version=N]:
 * the monthly report, the newest finalized version once there is one. 400 names the bad field (a month
 * in the future too); 404 for an unknown zone or version.
 * GET|PUT /api/reports/monthly/:month/draft[?zone=]: the words of the report and the suggested difficulties.
 * POST /api/reports/monthly/:month/finalize[?zone=], …/reissue {reason?}: freeze the report as sent.
 */
export function registerReportRoutes(app: FastifyInstance, deps: ReportRouteDeps): void {
  const documents = createReportDocuments(deps);
  const r = app.withTypeProvider<ZodTypeProvider>();
  const scope = (month: string, zone: string | undefined) => ({ month, zone: zone ?? null });
  const langOf = (req: FastifyRequest, asked: 'vi' | 'en' | undefined) => asked ?? req.lang ?? 'vi';

  r.get('/api/reports/monthly', {
    config: { access: 'reports:read' },
    helmet: PRINT_VIEW_CSP,
    schema: { tags: ['reports'], summary: 'Báo cáo kết quả tuyên truyền tháng (từ nhật ký phát sóng; bản đã hoàn thành nếu có)', querystring: MonthlyReportQuery },
  }, async (req, reply) => {
    const q = req.query;
    const { report, document } = documents.read(scope(q.month, q.zone), q.version);
    const out = await renderMonthlyReport(report, {
      format: q.format, table: q.table, lang: q.lang ?? 'vi', stationName: deps.stationName, zone: q.zone, document,
    });
    const disposition = q.format === 'json' || q.format === 'html' ? 'inline' : 'attachment';
    return reply
      .header('cache-control', 'no-store')
      .header('content-disposition', `${disposition}; filename="${out.filename}"`)
      .type(out.contentType)
      .send(out.body);
  });

  r.get('/api/reports/monthly/:month/draft', {
    config: { access: 'reports:read' },
    schema: { tags: ['reports'], summary: 'Dự thảo lời văn của báo cáo tháng và khó khăn gợi ý từ số liệu', params: MonthParams, querystring: ScopeQuery },
  }, async (req) => documents.draft(scope(req.params.month, req.query.zone), langOf(req, req.query.lang)));

  r.put('/api/reports/monthly/:month/draft', {
    config: { access: 'reports:draft' },
    schema: {
      tags: ['reports'],
      summary: 'Lưu dự thảo báo cáo tháng (các trường gửi lên thay giá trị cũ, trường không gửi giữ nguyên)',
      params: MonthParams,
      querystring: ScopeQuery,
      body: DraftPatch,
    },
  }, async (req) => documents.saveDraft(scope(req.params.month, req.query.zone), req.body, actorOf(req), langOf(req, req.query.lang)));

  r.post('/api/reports/monthly/:month/finalize', {
    config: { access: 'reports:finalize' },
    schema: { tags: ['reports'], summary: 'Hoàn thành báo cáo tháng: lưu cố định số liệu và lời văn như khi gửi', params: MonthParams, querystring: ScopeQuery },
  }, async (req, reply) => reply.status(201).send(documents.finalize(scope(req.params.month, req.query.zone), actorOf(req))));

  r.post('/api/reports/monthly/:month/reissue', {
    config: { access: 'reports:finalize' },
    schema: {
      tags: ['reports'],
      summary: 'Phát hành lại báo cáo tháng: phiên bản mới với số liệu hiện tại, giữ các phiên bản cũ',
      params: MonthParams,
      querystring: ScopeQuery,
      body: ReissueBody,
    },
  }, async (req, reply) => {
    const reason = req.body?.reason ? req.body.reason : null;
    return reply.status(201).send(documents.reissue(scope(req.params.month, req.query.zone), actorOf(req), reason));
  });
}
