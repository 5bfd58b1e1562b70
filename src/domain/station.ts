import { z } from 'zod';
import { LOCAL_DATE_RE, isLocalDate, parseTimeOfDay } from './time.ts';
import { Slug } from './item.ts';

export const TimeOfDay = z
  .string()
  .refine((s) => parseTimeOfDay(s) !== null, { message: 'must be a time HH:MM or HH:MM:SS between 00:00 and 24:00' });

export const LocalDate = z
  .string()
  .regex(LOCAL_DATE_RE, 'must be a date YYYY-MM-DD')
  .refine(isLocalDate, { message: 'is not a date of the calendar (that month has fewer days)' });

/** A broadcast window of a zone on some weekdays (Mon = 1 … Sun = 7), in station time. */
export const Window = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1).max(7),
    start: TimeOfDay,
    end: TimeOfDay,
    peak: z.boolean().default(false),
  })
  .superRefine((w, ctx) => {
    const s = parseTimeOfDay(w.start);
    const e = parseTimeOfDay(w.end);
    if (s !== null && e !== null && e <= s) {
      ctx.addIssue({ code: 'custom', path: ['end'], message: `end ${w.end} must be after start ${w.start}` });
    }
    if (new Set(w.days).size !== w.days.length) {
      ctx.addIssue({ code: 'custom', path: ['days'], message: 'a weekday is listed twice' });
    }
  });
export type Window = z.infer<typeof Window>;

/** Where a zone's audio goes (drivers live in playout/). */
export const Output = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('http'),
    key: z.string().min(8).max(128).optional(),
    idle: z.enum(['silence', 'close']).default('silence'),
  }),
  z.object({
    type: z.literal('icecast'),
    url: z.string().regex(/^icecast:\/\/[^\s]+$/, 'must be icecast://user:pass@host:port/mount'),
    name: z.string().max(200).optional(),
  }),
  z.object({
    type: z.literal('rtp'),
    address: z.string().min(1),
    port: z.number().int().min(1).max(65535),
    ttl: z.number().int().min(1).max(255).default(16),
    codec: z.enum(['pcmu', 'pcma', 'mp3']).default('pcmu'),
  }),
]);
export type Output = z.infer<typeof Output>;

/**
 * An area code a CAP alert's `geocode` value names (a ward's administrative code, a warning
 * service's area id…): compared with each geocode value exactly, ignoring case.
 */
export const AreaCode = z
  .string()
  .trim()
  .min(1)
  .max(50)
  .regex(/^[^\s,]+$/, 'an area code has no spaces or commas');

/**
 * Zones carry `areaCodes` (a list); the former single `areaCode` is still accepted on input as a
 * one-element list (decisions §7). Both at once must agree.
 */
function acceptSingleAreaCode(input: unknown, ctx: z.core.$RefinementCtx): unknown {
  if (!input || typeof input !== 'object' || Array.isArray(input) || !('areaCode' in input)) return input;
  const { areaCode, ...rest } = input as Record<string, unknown>;
  const single = areaCode === null || areaCode === '' ? [] : [areaCode];
  if (rest.areaCodes === undefined) return { ...rest, areaCodes: single };
  const listed = Array.isArray(rest.areaCodes) ? rest.areaCodes : [];
  if (single.length && !listed.includes(single[0])) {
    ctx.addIssue({ code: 'custom', path: ['areaCode'], message: 'areaCode is not among areaCodes: give the list only' });
  }
  return rest;
}

/** One loudspeaker zone (a Tổ dân phố or thôn). */
const ZoneFields = z
  .object({
    id: Slug,
    name: z.string().trim().min(1).max(200),
    /** The CAP area codes this zone answers to (an alert whose geocode names one airs here). */
    areaCodes: z
      .array(AreaCode)
      .max(50)
      .default([])
      .refine((codes) => new Set(codes.map((c) => c.toLowerCase())).size === codes.length, { message: 'an area code is listed twice' }),
    /** Whether CAP alerts with status Exercise or Test air here (they never air anywhere else). */
    testAlerts: z.boolean().default(false),
    group: Slug.nullable().default(null),
    windows: z.array(Window).max(50).default([]),
    outputs: z.array(Output).max(20).default([{ type: 'http', idle: 'silence' }]),
    enabled: z.boolean().default(true),
  })
  .superRefine((zone, ctx) => {
    zone.windows.forEach((a, i) => {
      zone.windows.forEach((b, j) => {
        if (j <= i || !a.days.some((d) => b.days.includes(d))) return;
        const as = parseTimeOfDay(a.start)!, ae = parseTimeOfDay(a.end)!;
        const bs = parseTimeOfDay(b.start)!, be = parseTimeOfDay(b.end)!;
        if (as < be && bs < ae) {
          ctx.addIssue({
            code: 'custom',
            path: ['windows', j],
            message: `window ${b.start}–${b.end} overlaps window ${a.start}–${a.end} on a shared weekday`,
          });
        }
      });
    });
  });
export const Zone = z.preprocess(acceptSingleAreaCode, ZoneFields);
export type Zone = z.infer<typeof Zone>;

/** A frequency target of a topic: between min and max plays per day or ISO week, per zone. */
export const TopicRule = z
  .object({
    per: z.enum(['day', 'week']),
    min: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .default(0)
      .describe('Plays owed per period (a week the rule dates cut owes ceil(min × days / 7)); with peakOnly, only plays in peak windows count toward it'),
    max: z
      .number()
      .int()
      .min(0)
      .max(1000)
      .nullable()
      .default(null)
      .describe('At most this many plays per period, counting every play of the topic in any window (peakOnly does not change it)'),
    peakOnly: z.boolean().default(false).describe('The min must be met inside peak windows (the max still counts every window)'),
    from: LocalDate.nullable().default(null),
    to: LocalDate.nullable().default(null),
    zones: z.array(Slug).nullable().default(null),
  })
  .superRefine((r, ctx) => {
    if (r.max !== null && r.min > r.max) {
      ctx.addIssue({ code: 'custom', path: ['min'], message: `min ${r.min} is greater than max ${r.max}` });
    }
    if (r.from && r.to && r.to < r.from) {
      ctx.addIssue({ code: 'custom', path: ['to'], message: `to ${r.to} is before from ${r.from}` });
    }
  });
export type TopicRule = z.infer<typeof TopicRule>;

/** A topic (chủ đề / chuyên mục) with its frequency rules. */
export const Topic = z.object({
  id: Slug,
  name: z.string().trim().min(1).max(200),
  rules: z.array(TopicRule).max(20).default([]),
});
export type Topic = z.infer<typeof Topic>;

const DEFAULT_PLAN_SHARE = 0.12;

/** Station-wide planning policy. */
export const Policy = z
  .object({
    /** The hard cap: ceremonial plays, airtime and distinct items stay strictly below it (seed 000: 15%). */
    ceremonialMaxShare: z.number().gt(0).max(1).default(0.15),
    /**
     * What the planner aims under, so that what airs stays under the cap after failed or preempted
     * plays (decisions §8); at most ceremonialMaxShare.
     */
    ceremonialPlanShare: z.number().gt(0).max(1).optional(),
    maxPlaysPerItemPerDay: z.number().int().min(1).max(50).default(2),
    minRepeatGapMinutes: z.number().int().min(0).max(1440).default(120),
    gapBetweenItemsMs: z.number().int().min(0).max(60_000).default(0),
    horizonDays: z.number().int().min(1).max(62).default(7),
    openingJingle: z.string().nullable().default(null),
    closingJingle: z.string().nullable().default(null),
  })
  .superRefine((p, ctx) => {
    if (p.ceremonialPlanShare !== undefined && p.ceremonialPlanShare > p.ceremonialMaxShare) {
      ctx.addIssue({
        code: 'custom',
        path: ['ceremonialPlanShare'],
        message: `ceremonialPlanShare ${p.ceremonialPlanShare} is above ceremonialMaxShare ${p.ceremonialMaxShare}`,
      });
    }
  })
  // Unset: 12%, or the cap itself when a station sets a cap below 12%.
  .transform((p) => ({ ...p, ceremonialPlanShare: p.ceremonialPlanShare ?? Math.min(DEFAULT_PLAN_SHARE, p.ceremonialMaxShare) }));
export type Policy = z.infer<typeof Policy>;

/** Everything the planner needs to know about the station. */
export interface Station {
  tz: string;
  zones: Zone[];
  topics: Topic[];
  policy: Policy;
}
