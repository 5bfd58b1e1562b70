/**
 * Reads of the report summaries (migrations/0005: kept in step with the airtime log and plan_slots by
 * triggers), so the whole-station report never walks the raw rows, plus items contributed per unit.
 * Dates are station-local "YYYY-MM-DD" as the recorder wrote them; whether they agree with the
 * report's time zone is for the caller to judge from readSummaryCoverage. The log itself is read in
 * reportQueries.ts.
 */
import type { Db } from './db.ts';
import type { AiredSummary, IncidentGroup } from './reportQueries.ts';

/** Local dates from `fromDate` to `toDate`, both included. */
export interface DateRange {
  fromDate: string;
  toDate: string;
}

/** `zone_id = @zone AND ` when a range names one zone (the summaries' zone-first indexes then serve it), else nothing. */
const zoneFirst = (range: { zone?: string }): string => (range.zone === undefined ? '' : 'zone_id = @zone AND ');

/** Whether the summaries can stand for the log over a period (see readSummaryCoverage). */
export interface SummaryCoverage {
  /** Some row that started in [fromMs, toMs) carries no local date, so no summary counts it. */
  unplaced: boolean;
  /** The summarised dates of the range, with the first and last instants their rows started at. */
  days: { date: string; firstStartedAt: number; lastStartedAt: number }[];
}

/** [date, zone, window ('' for none), plays, airtime ms, ceremonial plays, ceremonial ms] of aired rows. */
export type CellRow = [string, string, string, number, number, number, number];
/** An item with the facts its rows carried; `unit` is '' for none, `topics` the JSON as carried. */
export interface ItemFactsRow {
  id: number;
  itemId: string;
  kind: string;
  unit: string;
  topics: string;
}
/**
 * [date, zone, window ('' for none), at (0, or the start instant of an unlabelled play), plays] where
 * plays is a JSON object of plays by topic id (see readTopicCells; decodePacked reads it).
 */
export type TopicCellRow = [string, string, string, number, string];
/** An item's bulletin or relay plays on one date. */
export interface BulletinDayRow {
  level: 'emergency' | 'priority' | 'relay';
  itemId: string;
  plays: number;
  airtimeMs: number;
  firstStartedAt: number;
  lastStartedAt: number;
  title: string;
}

/** Planned slots per zone. */
export interface PlannedGroup {
  zone: string;
  slots: number;
  plannedMs: number;
}

/**
 * The coverage of the summaries for rows that started in [fromMs, toMs): whether any such row lacks a
 * local date (the partial index airtime_no_local_date finds it at once), and the instants spanned by
 * each summarised date in [fromDate, toDate] (pass the period widened by a couple of days, so rows
 * another time zone would date just outside it are seen too).
 */
export function readSummaryCoverage(db: Db, range: DateRange & { fromMs: number; toMs: number }): SummaryCoverage {
  const unplaced = db
    .prepare('SELECT 1 AS hit FROM airtime WHERE local_date IS NULL AND started_at >= @fromMs AND started_at < @toMs LIMIT 1')
    .get({ fromMs: range.fromMs, toMs: range.toMs });
  const days = db
    .prepare(
      `SELECT local_date AS date, first_started_at AS firstStartedAt, last_started_at AS lastStartedAt FROM airtime_days
       WHERE local_date >= @fromDate AND local_date <= @toDate`,
    )
    .all({ fromDate: range.fromDate, toDate: range.toDate }) as SummaryCoverage['days'];
  return { unplaced: unplaced !== undefined, days };
}

/** Aired plays per date, zone and window over the dates. */
export function readCells(db: Db, range: DateRange): CellRow[] {
  return db
    .prepare(
      `SELECT local_date, zone_id, window, plays, played_ms, ceremonial_plays, ceremonial_ms FROM airtime_day_cells
       WHERE local_date >= @fromDate AND local_date <= @toDate`,
    )
    .raw(true)
    .all(range) as CellRow[];
}

/**
 * Per date (in the order given), the aired plays per item facts as flat triples [facts id, plays,
 * airtime ms, …]: SQLite packs each date into one string in key order, which costs far less than a
 * row apiece; plus the item facts the triples point to.
 */
export function readDayItems(db: Db, dates: readonly string[]): { days: Float64Array[]; facts: ItemFactsRow[] } {
  const packed = db
    .prepare(
      `SELECT local_date, count(*), group_concat(facts_id || ':' || plays || ':' || played_ms) FROM airtime_day_items
       WHERE local_date >= @fromDate AND local_date <= @toDate GROUP BY local_date`,
    )
    .raw(true)
    .all({ fromDate: dates[0] ?? '', toDate: dates[dates.length - 1] ?? '' }) as [string, number, string][];
  return unpackDayItems(db, dates, packed);
}

/**
 * Day items packed per date ([date, triples, "facts:plays:ms,…"], as the day-item reads select them)
 * unpacked into flat triples per date in the order given, with the item facts they point to.
 */
export function unpackDayItems(db: Db, dates: readonly string[], packed: readonly [string, number, string][]): { days: Float64Array[]; facts: ItemFactsRow[] } {
  const byDate = new Map(packed.map(([date, count, text]) => [date, { count, text }]));
  const ids = new Set<number>();
  const days = dates.map((date) => {
    const day = byDate.get(date);
    const triples = new Float64Array(3 * (day?.count ?? 0));
    let at = 0;
    if (day) {
      decodePacked(day.text, 3, (v) => {
        ids.add(v[0]!);
        triples.set(v, at);
        at += 3;
      });
    }
    return triples;
  });
  return { days, facts: readItemFacts(db, ids) };
}

/** The item facts records with the given ids (those the day-item triples of a read point to). */
function readItemFacts(db: Db, ids: Iterable<number>): ItemFactsRow[] {
  return db
    .prepare(
      `SELECT id, item_id AS itemId, kind, unit, topics FROM airtime_item_facts
       WHERE id IN (SELECT value FROM json_each(@ids))`,
    )
    .all({ ids: JSON.stringify([...ids]) }) as ItemFactsRow[];
}

const PACKED_SEPARATORS = new Set([...'{}":,'].map((c) => c.charCodeAt(0)));
const NUMBER_RE = /-?\d+(?:\.\d+)?(?:e[-+]?\d+)?/gi;

/**
 * Calls `visit` with each group of `width` numbers of a packed summary string, the numbers between
 * the separators { } " : , (what group_concat above and json_group_object in the summaries write),
 * in order. Digits are read in place; a text with any other character (a fraction, a sign: a value
 * some other writer stored) is read with Number() instead, to the same effect. `visit` gets a reused array.
 */
export function decodePacked(text: string, width: number, visit: (values: number[]) => void): void {
  const values = new Array<number>(width).fill(0);
  let k = 0;
  let n = 0;
  let inNumber = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      n = n * 10 + (c - 48);
      inNumber = true;
    } else if (PACKED_SEPARATORS.has(c)) {
      if (!inNumber) continue;
      values[k++] = n;
      if (k === width) {
        visit(values);
        k = 0;
      }
      n = 0;
      inNumber = false;
    } else {
      decodeSlowly(text, width, visit);
      return;
    }
  }
  if (inNumber) {
    values[k++] = n;
    if (k === width) visit(values);
  }
}

function decodeSlowly(text: string, width: number, visit: (values: number[]) => void): void {
  const numbers = (text.match(NUMBER_RE) ?? []).map(Number);
  for (let i = 0; i + width <= numbers.length; i += width) visit(numbers.slice(i, i + width));
}

/** Distinct items aired per zone in a local month ("YYYY-MM"). */
export function countZoneItems(db: Db, month: string): { zone: string; items: number }[] {
  return db
    .prepare('SELECT zone_id AS zone, items FROM airtime_month_zones WHERE local_month = @month')
    .all({ month }) as { zone: string; items: number }[];
}

/**
 * Aired plays per topic per date, zone, window and unlabelled start over the dates, and the topics the
 * ids in their JSON objects stand for.
 */
export function readTopicCells(db: Db, range: DateRange & { zone?: string }): { cells: TopicCellRow[]; topics: Map<number, string> } {
  const cells = db
    .prepare(
      `SELECT local_date, zone_id, window, at, plays FROM airtime_day_topics
       WHERE ${zoneFirst(range)}local_date >= @fromDate AND local_date <= @toDate`,
    )
    .raw(true)
    .all(range) as TopicCellRow[];
  const topics = db.prepare('SELECT id, topic FROM airtime_topics').raw(true).all() as [number, string][];
  return { cells, topics: new Map(topics) };
}

/** Incident rows over the dates (of one zone when the range names it) per zone, outcome and outputs JSON. */
export function listIncidentGroups(db: Db, range: DateRange & { zone?: string }): IncidentGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, outcome, outputs, SUM(rows) AS count FROM airtime_day_incidents
       WHERE ${zoneFirst(range)}local_date >= @fromDate AND local_date <= @toDate GROUP BY zone_id, outcome, outputs`,
    )
    .all(range) as IncidentGroup[];
}

/** Bulletin and relay plays per date and item over the dates. */
export function readBulletinDays(db: Db, range: DateRange): BulletinDayRow[] {
  return db
    .prepare(
      `SELECT level, item_id AS itemId, plays, played_ms AS airtimeMs, first_started_at AS firstStartedAt,
         last_started_at AS lastStartedAt, first_title AS title
       FROM airtime_day_bulletins WHERE local_date >= @fromDate AND local_date <= @toDate`,
    )
    .all(range) as BulletinDayRow[];
}

/** Zones each bulletin or relay aired in during a local month. */
export function countBulletinZones(db: Db, month: string): { level: BulletinDayRow['level']; itemId: string; zones: number }[] {
  return db
    .prepare('SELECT level, item_id AS itemId, zones FROM airtime_month_bulletins WHERE local_month = @month')
    .all({ month }) as { level: BulletinDayRow['level']; itemId: string; zones: number }[];
}

/** The headline aggregates of a local month ("YYYY-MM", the comparison month), one summary row. */
export function summariseMonth(db: Db, month: string): AiredSummary {
  const row = db
    .prepare(
      `SELECT programmes, plays, played_ms AS airtimeMs, items AS distinctItems, zones AS activeZones,
         ceremonial_plays AS ceremonialPlays, ceremonial_ms AS ceremonialMs, emergency_plays AS emergencyPlays,
         priority_plays AS priorityPlays, relay_plays AS relayPlays, failed, interrupted, preempted
       FROM airtime_months WHERE local_month = @month`,
    )
    .get({ month }) as AiredSummary | undefined;
  return row ?? { programmes: 0, plays: 0, airtimeMs: 0, distinctItems: 0, activeZones: 0, ceremonialPlays: 0, ceremonialMs: 0,
    emergencyPlays: 0, priorityPlays: 0, relayPlays: 0, failed: 0, interrupted: 0, preempted: 0 };
}

/** Plan slots per zone whose local date lies in [fromDate, toDate], from the per-date counts. */
export function listPlannedByZone(db: Db, range: DateRange & { zone: string | null }): PlannedGroup[] {
  return db
    .prepare(
      `SELECT zone_id AS zone, SUM(slots) AS slots, SUM(planned_ms) AS plannedMs FROM plan_slot_days
       WHERE date >= @fromDate AND date <= @toDate AND (@zone IS NULL OR zone_id = @zone) GROUP BY zone_id`,
    )
    .all(range) as PlannedGroup[];
}

/** Items created in [fromMs, toMs) per submitting unit (null unit grouped together). */
export function countItemsCreatedByUnit(db: Db, range: { fromMs: number; toMs: number }): { unit: string | null; items: number }[] {
  return db
    .prepare(
      `SELECT NULLIF(TRIM(unit), '') AS unit, COUNT(*) AS items FROM items
       WHERE created_at >= @fromMs AND created_at < @toMs
       GROUP BY NULLIF(TRIM(unit), '')`,
    )
    .all(range) as { unit: string | null; items: number }[];
}
