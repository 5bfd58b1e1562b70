import { z } from 'zod';

/** The CAP 1.2 enumerations Loa reads (OASIS CAP 1.2, §3.2). */
export const CAP_STATUSES = ['Actual', 'Exercise', 'System', 'Test', 'Draft'] as const;
export const CAP_MSG_TYPES = ['Alert', 'Update', 'Cancel', 'Ack', 'Error'] as const;
export const CAP_SCOPES = ['Public', 'Restricted', 'Private'] as const;
export const CAP_CATEGORIES = ['Geo', 'Met', 'Safety', 'Security', 'Rescue', 'Fire', 'Health', 'Env', 'Transport', 'Infra', 'CBRNE', 'Other'] as const;
export const CAP_RESPONSE_TYPES = ['Shelter', 'Evacuate', 'Prepare', 'Execute', 'Avoid', 'Monitor', 'Assess', 'AllClear', 'None'] as const;
export const CAP_URGENCIES = ['Immediate', 'Expected', 'Future', 'Past', 'Unknown'] as const;
export const CAP_SEVERITIES = ['Extreme', 'Severe', 'Moderate', 'Minor', 'Unknown'] as const;
export const CAP_CERTAINTIES = ['Observed', 'Likely', 'Possible', 'Unlikely', 'Unknown'] as const;

export type CapUrgency = (typeof CAP_URGENCIES)[number];
export type CapSeverity = (typeof CAP_SEVERITIES)[number];

/** How an alert airs: ahead of normal items in the programme, or at once as an emergency bulletin. */
export const AlertLevel = z.enum(['priority', 'emergency']);
export type AlertLevel = z.infer<typeof AlertLevel>;

/** urgency × severity → level, every cell filled. */
export type CapLevelTable = Record<CapUrgency, Record<CapSeverity, AlertLevel>>;

/** The default (issue 10): Immediate or Expected urgency with Extreme or Severe severity is an emergency, the rest priority. */
export function defaultLevelTable(): CapLevelTable {
  const row = (urgent: boolean) =>
    Object.fromEntries(CAP_SEVERITIES.map((s) => [s, urgent && (s === 'Extreme' || s === 'Severe') ? 'emergency' : 'priority'])) as Record<CapSeverity, AlertLevel>;
  return Object.fromEntries(CAP_URGENCIES.map((u) => [u, row(u === 'Immediate' || u === 'Expected')])) as CapLevelTable;
}

/**
 * The level table as a setting: any cells may be given, the others keep the default's value, so
 * `{ Future: { Extreme: emergency } }` changes one cell.
 */
export const CapLevels = z
  .partialRecord(z.enum(CAP_URGENCIES), z.partialRecord(z.enum(CAP_SEVERITIES), AlertLevel))
  .transform((given): CapLevelTable => {
    const table = defaultLevelTable();
    for (const u of CAP_URGENCIES) Object.assign(table[u], given[u] ?? {});
    return table;
  });

const isHttpUrl = (s: string) => {
  try {
    const url = new URL(s);
    return (url.protocol === 'http:' || url.protocol === 'https:') && url.hostname !== '';
  } catch {
    return false;
  }
};

/** An http(s) URL (a feed, a resource): other schemes are never fetched. */
export const HttpUrl = z.string().trim().max(2000).refine(isHttpUrl, { message: 'must be an http:// or https:// URL' });

/** A CAP feed the station polls: an Atom feed whose entries link CAP documents, or one CAP document. */
export const CapFeed = z.object({
  url: HttpUrl,
  everySeconds: z.number().int().min(10).max(86_400).default(60),
});
export type CapFeed = z.infer<typeof CapFeed>;

export const CapFeeds = z
  .array(CapFeed)
  .max(20)
  .refine((feeds) => new Set(feeds.map((f) => f.url)).size === feeds.length, { message: 'a feed is listed twice' });

/**
 * How an emergency-level alert with an `expires` repeats until then (disaster practice: every
 * 2 hours on the hour); null airs it once. Without `expires` it airs once whatever this says.
 */
export const CapRepeat = z
  .object({
    everyMinutes: z.number().int().min(5).max(24 * 60).default(120),
    onTheHour: z.boolean().default(true),
  })
  .refine((r) => !r.onTheHour || r.everyMinutes % 60 === 0, { message: 'with onTheHour, everyMinutes must be a multiple of 60', path: ['everyMinutes'] });

/** What a station decides about CAP besides its feeds: the level table and the emergency repeat. */
export const CapPolicy = z.object({
  levels: CapLevels.default(defaultLevelTable),
  repeat: CapRepeat.nullable().default({ everyMinutes: 120, onTheHour: true }),
});
export type CapPolicy = z.infer<typeof CapPolicy>;

/** The station's CAP settings as stored. */
export interface CapSettings {
  feeds: CapFeed[];
  policy: CapPolicy;
}
