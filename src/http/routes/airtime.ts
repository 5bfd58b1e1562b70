import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { addDays, formatInstant, LOCAL_DATE_RE, parseInstant, zonedInstant } from '../../domain/time.ts';
import type { Lang } from '../../i18n/messages.ts';
import { AIRTIME_CSV_COLUMNS, AIRTIME_OUTCOMES, RECEIVERS_UNKNOWN } from '../../i18n/ui/airtime.ts';
import type { Db } from '../../storage/db.ts';
import { listAirtime } from '../../storage/airtimeQueries.ts';
import type { AirtimeRow } from '../../storage/airtime.ts';

/** What the airtime route needs. */
export interface AirtimeRouteDeps {
  db: Db;
  /** Station time zone (Asia/Ho_Chi_Minh): local dates and the instants of the report use it. */
  tz: string;
}

const DateOrInstant = z
  .string()
  .refine((s) => LOCAL_DATE_RE.test(s) || parseInstant(s) !== null, {
    message: 'must be a date YYYY-MM-DD or an ISO 8601 instant with offset, e.g. 2026-05-18T05:30:00+07:00',
  });

/** The querystring; `to` as a date means the whole of that day (up to the next local midnight). */
function querySchema(tz: string) {
  return z
    .object({
      from: DateOrInstant,
      to: DateOrInstant,
      zone: z.string().min(1).max(64).optional(),
      /** One outcome; 'airing' = rows still open. */
      outcome: z.enum(['completed', 'interrupted', 'preempted', 'failed', 'skipped', 'airing']).optional(),
      /**
       * Who got it: 'heard' (≥ 1 receiver), 'unheard' (went out to no receiver), 'unknown' (not counted:
       * logged before Loa counted receivers, still on air, or closed after a crash).
       */
      reception: z.enum(['heard', 'unheard', 'unknown']).optional(),
      /** JSON may come newest first (the admin page); the CSV is always oldest first. */
      order: z.enum(['asc', 'desc']).default('asc'),
      format: z.enum(['json', 'csv']).default('json'),
      /** Language of the CSV's headings and outcome words. */
      lang: z.enum(['vi', 'en']).default('vi'),
      limit: z.coerce.number().int().min(1).max(100_000).optional(),
      offset: z.coerce.number().int().min(0).default(0),
    })
    .superRefine((q, ctx) => {
      const from = boundary(q.from, tz, 'start');
      const to = boundary(q.to, tz, 'end');
      if (from !== null && to !== null && to <= from) {
        ctx.addIssue({ code: 'custom', path: ['to'], message: `must be after from (${q.from})` });
      }
    });
}

/**
 * GET /api/airtime: what actually aired and who got it (receivers, carriers: migrations/0010), filtered
 * by dates, zone, outcome and reception, as JSON or as a CSV (UTF-8 with BOM, headings and outcome
 * words in Vietnamese, or English with lang=en).
 */
export function registerAirtimeRoutes(app: FastifyInstance, deps: AirtimeRouteDeps): void {
  const { db, tz } = deps;
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/airtime',
    {
      config: { access: 'airtime:read' },
      schema: {
        tags: ['airtime'],
        summary: 'Nhật ký phát sóng thực tế / Airtime log',
        querystring: querySchema(tz),
      },
    },
    async (req, reply) => {
      const q = req.query;
      // Both parse: the schema has checked them.
      const fromMs = boundary(q.from, tz, 'start') as number;
      const toMs = boundary(q.to, tz, 'end') as number;
      const csv = q.format === 'csv';
      const order = csv ? 'asc' : q.order;
      const rows = listAirtime(db, { fromMs, toMs, zone: q.zone, outcome: q.outcome, reception: q.reception, order, limit: q.limit, offset: q.offset });
      if (csv) {
        const name = `airtime-${fileStamp(q.from)}-${fileStamp(q.to)}.csv`;
        return reply
          .header('Content-Type', 'text/csv; charset=utf-8')
          .header('Content-Disposition', `attachment; filename="${name}"`)
          .send(toCsv(rows, tz, q.lang));
      }
      return { from: formatInstant(fromMs, tz), to: formatInstant(toMs, tz), count: rows.length, rows: rows.map((r) => toJson(r, tz)) };
    },
  );
}

/** Start or end instant of a query bound (a local date covers its whole day); null when malformed. */
function boundary(text: string, tz: string, side: 'start' | 'end'): number | null {
  if (LOCAL_DATE_RE.test(text)) return zonedInstant(side === 'start' ? text : addDays(text, 1), 0, tz);
  return parseInstant(text);
}

function fileStamp(text: string): string {
  return text.replace(/[^0-9A-Za-z-]/g, '');
}

function toJson(r: AirtimeRow, tz: string) {
  return {
    id: r.id,
    zone: r.zoneId,
    itemId: r.itemId,
    title: r.itemTitle,
    kind: r.itemKind,
    topics: r.topics,
    ceremonial: r.ceremonial,
    unit: r.unit,
    priority: r.priority,
    source: r.source,
    window: r.window,
    plannedStart: r.plannedStart === null ? null : formatInstant(r.plannedStart, tz),
    startedAt: formatInstant(r.startedAt, tz),
    endedAt: r.endedAt === null ? null : formatInstant(r.endedAt, tz),
    playedMs: r.playedMs,
    outcome: r.outcome,
    detail: r.detail,
    outputs: r.outputs,
    /** Receivers that got the play (null: unknown) and the outputs that delivered it to them. */
    receivers: r.receivers,
    carriers: r.carriers,
  };
}

function toCsv(rows: AirtimeRow[], tz: string, lang: Lang): string {
  const lines = [AIRTIME_CSV_COLUMNS.map((c) => csvField(c[lang])).join(',')];
  for (const r of rows) {
    lines.push(
      [
        r.zoneId,
        r.itemId,
        r.itemTitle,
        r.plannedStart === null ? '' : formatInstant(r.plannedStart, tz),
        formatInstant(r.startedAt, tz),
        r.endedAt === null ? '' : formatInstant(r.endedAt, tz),
        r.playedMs === null ? '' : (r.playedMs / 1000).toFixed(1),
        AIRTIME_OUTCOMES[r.outcome ?? 'airing'][lang],
        r.detail ?? '',
        r.outputs.join('; '),
        r.receivers === null ? RECEIVERS_UNKNOWN[lang] : String(r.receivers),
        (r.carriers ?? []).map((c) => `${c.output} (${c.receivers})`).join('; '),
      ]
        .map(csvField)
        .join(','),
    );
  }
  // The BOM makes Excel read the file as UTF-8, so Vietnamese diacritics survive a double-click.
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}

/** RFC 4180 quoting, plus a leading apostrophe on text a spreadsheet would run as a formula. */
function csvField(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) && !/^-?\d/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}
