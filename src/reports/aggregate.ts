/**
 * One pass over the month's rows (see monthRowChunks). Each row carries its cell key (zone, window,
 * day) and its item id; both are decoded once per distinct value, the item's facts coming from
 * listItemFacts (or from the row itself when they varied). Per row the work is two map lookups and a
 * few typed-array increments; everything per zone, day, kind, unit and topic is rolled up from cells
 * and facts afterwards (see rollup.ts). Rows on days of owned weeks outside the month only feed the
 * topic-rule counts.
 */
import type { IncidentGroup, ItemFacts, MonthTuple } from '../storage/reportQueries.ts';
import type { RowExtras } from '../storage/monthRowCodec.ts';
import { decodeCellKey, decodeExtras } from '../storage/monthRowCodec.ts';
import { DistinctPairs } from './distinct.ts';
import type { BulletinFigures, CellFigures, FactsFigures, MonthAggregate, TopicDayCounts } from './monthAggregate.ts';
import { parseTopicIds, TopicDays } from './monthAggregate.ts';
import type { PeakResolver } from './peak.ts';
import type { MonthPeriod } from './period.ts';
import { weekdayOfEpochDay } from './period.ts';

/** A cell while the pass runs: also its weekday, scan-range day, peak flag and the zone's rule counts. */
interface CellTally extends CellFigures {
  weekday: number;
  /** Index into the scan range's days. */
  scanDay: number;
  /** -1 until first needed, then 0/1: is the window a peak window of the zone that weekday. */
  peak: number;
  /** The zone's rule counts, by ruled-topic number (shared by the zone's cells). */
  rules: (TopicDayCounts | undefined)[];
}

/** A facts record while the pass runs: also its ruled topics and what the bulletin lists need. */
interface FactsTally extends FactsFigures {
  /** Indices into the ruled-topic list, for rule counts. */
  ruled: number[];
  needsPeak: boolean;
  ceremonial: boolean;
  priority: string;
}

/** A bulletin while the pass runs: the zones as a set. */
type BulletinTally = Omit<BulletinFigures, 'zones'> & { zones: Set<number> };

/** What the month pass needs besides the rows. */
export interface AggregateSetup {
  period: MonthPeriod;
  /** Facts of the items seen in the scan (listItemFacts); an item listed twice varied. */
  itemFacts: readonly ItemFacts[];
  /** Topics with at least one rule, and those with a peakOnly rule. */
  ruledTopics: readonly string[];
  peakTopics: ReadonlySet<string>;
  peak: PeakResolver;
}

/** Folds the month scan into cells, facts, distinct-item bitmaps, rule counts, bulletins and incidents. */
export function aggregateMonth(chunks: Iterable<readonly MonthTuple[]>, setup: AggregateSetup): MonthAggregate {
  const { period, peak } = setup;
  const scanDays = Math.round((period.scanToMs - period.scanFromMs) / 86_400_000) + 2;
  const monthDays = period.days.length;
  const zoneIds: string[] = [];
  const zoneNumbers = new Map<string, number>();
  const zoneRules: (TopicDayCounts | undefined)[][] = [];
  const cells = new Map<string, CellTally>();
  const topicTally = new TopicDays(monthDays);
  const ruledNumbers = new Map(setup.ruledTopics.map((t, i) => [t, i]));
  // Keyed by item id, one map per level: an item aired as a bulletin and as a relay shows in both lists.
  const bulletins = { emergency: new Map<string, BulletinTally>(), priority: new Map<string, BulletinTally>(), relay: new Map<string, BulletinTally>() };
  const incidents = new Map<string, number>();
  const zoneItems = new DistinctPairs(256, 4096);
  const dayItems = new DistinctPairs(monthDays, 4096);
  const itemNumbers = new Map<string, number>();
  let itemCount = 0;

  const zoneNumber = (id: string): number => {
    let n = zoneNumbers.get(id);
    if (n === undefined) {
      n = zoneIds.push(id) - 1;
      zoneNumbers.set(id, n);
      zoneRules.push([]);
    }
    return n;
  };
  const newCell = (key: string): CellTally => {
    const c = decodeCellKey(key);
    const cell: CellTally = {
      zone: zoneNumber(c.zone), window: c.window, weekday: weekdayOfEpochDay(c.day), scanDay: c.day - period.scanFirstDay,
      monthDay: c.day >= period.monthFirstDay && c.day <= period.monthLastDay ? c.day - period.monthFirstDay : -1,
      peak: -1, rules: [], plays: 0, airtimeMs: 0, ceremonialPlays: 0, ceremonialMs: 0,
    };
    cell.rules = zoneRules[cell.zone]!;
    cells.set(key, cell);
    return cell;
  };
  const newFacts = (itemId: string, facts: Omit<ItemFacts, 'itemId'>): FactsTally => {
    const ids = parseTopicIds(facts.topics);
    const ruled = ids.filter((t) => ruledNumbers.has(t));
    return {
      item: -1, itemId, kind: facts.kind, unit: facts.unit, topics: ids.map(topicTally.numberOf),
      ruled: ruled.map((t) => ruledNumbers.get(t)!), needsPeak: ruled.some((t) => setup.peakTopics.has(t)),
      ceremonial: facts.ceremonial === 1, priority: facts.priority, plays: 0, airtimeMs: 0,
    };
  };
  // Items with one set of facts are looked up by id; the rows of the others carry their own facts.
  const variantCount = new Map<string, number>();
  for (const f of setup.itemFacts) variantCount.set(f.itemId, (variantCount.get(f.itemId) ?? 0) + 1);
  const byItem = new Map<string, FactsTally>();
  for (const f of setup.itemFacts) if (variantCount.get(f.itemId) === 1) byItem.set(f.itemId, newFacts(f.itemId, f));
  const byVariant = new Map<string, FactsTally>();
  const variantOf = (itemId: string, own: Omit<ItemFacts, 'itemId'>): FactsTally => {
    const key = `${itemId}\u001f${own.kind}\u001f${own.unit ?? ''}\u001f${own.topics}\u001f${own.ceremonial}\u001f${own.priority}`;
    let f = byVariant.get(key);
    if (!f) byVariant.set(key, (f = newFacts(itemId, own)));
    return f;
  };

  for (const chunk of chunks) {
    // Indexed loops, not destructuring: this body runs a million times per report.
    for (let r = 0; r < chunk.length; r++) {
      const row = chunk[r]!;
      const cellKey = row[0];
      const itemId = row[1];
      const played = row[2];
      const extrasText = row[3];
      const cell = cells.get(cellKey) ?? newCell(cellKey);
      let extras: RowExtras | null = null;
      let f: FactsTally | undefined;
      if (extrasText === null) {
        f = byItem.get(itemId);
      } else {
        extras = decodeExtras(extrasText);
        if (extras.outcome !== null && cell.monthDay >= 0) {
          const key = `${cell.zone}\u001f${extras.outcome}\u001f${extras.outputs}`;
          incidents.set(key, (incidents.get(key) ?? 0) + 1);
        }
        if (!extras.aired) continue;
        f = extras.facts ? variantOf(itemId, extras.facts) : byItem.get(itemId);
      }
      // Both queries read one snapshot (buildMonthlyReport runs them in one transaction).
      if (!f) throw new Error(`item ${itemId} aired but listItemFacts did not return it`);
      const playedMs = played ?? 0;

      if (f.ruled.length > 0) {
        let isPeak = false;
        if (f.needsPeak) {
          if (cell.window === null) isPeak = peak.isPeak(zoneIds[cell.zone]!, null, cell.weekday, extras?.secondOfDay ?? 0, cell.scanDay + period.scanFirstDay);
          else {
            if (cell.peak === -1) cell.peak = peak.isPeak(zoneIds[cell.zone]!, cell.window, cell.weekday, 0, cell.scanDay + period.scanFirstDay) ? 1 : 0;
            isPeak = cell.peak === 1;
          }
        }
        const rules = cell.rules;
        const ruled = f.ruled;
        for (let i = 0; i < ruled.length; i++) {
          const t = ruled[i]!;
          let counts = rules[t];
          if (!counts) {
            counts = { all: new Int32Array(scanDays), peak: new Int32Array(scanDays) };
            rules[t] = counts;
          }
          counts.all[cell.scanDay]! += 1;
          if (isPeak) counts.peak[cell.scanDay]! += 1;
        }
      }
      const day = cell.monthDay;
      if (day < 0) continue;

      if (f.item === -1) f.item = itemNumber(f.itemId);
      cell.plays += 1;
      cell.airtimeMs += playedMs;
      if (f.ceremonial) {
        cell.ceremonialPlays += 1;
        cell.ceremonialMs += playedMs;
      }
      f.plays += 1;
      f.airtimeMs += playedMs;
      zoneItems.add(cell.zone, f.item);
      dayItems.add(day, f.item);
      topicTally.add(f.topics, day, 1, playedMs);
      if (extras) {
        const emergency = f.priority === 'emergency' || extras.source === 'emergency';
        if (emergency) note(bulletins.emergency, f, extras, 'emergency', cell.zone, playedMs);
        else if (f.priority === 'priority') note(bulletins.priority, f, extras, 'priority', cell.zone, playedMs);
        if (extras.source === 'relay') note(bulletins.relay, f, extras, 'relay', cell.zone, playedMs);
      }
    }
  }

  return {
    zoneIds,
    cells: [...cells.values()],
    facts: [...byItem.values(), ...byVariant.values()],
    itemCount,
    zoneItems,
    dayItems,
    topicIds: topicTally.ids,
    topicDays: topicTally.days,
    ruleCounts: (zone, topic) => {
      const z = zoneNumbers.get(zone);
      const t = ruledNumbers.get(topic);
      return z === undefined || t === undefined ? undefined : zoneRules[z]![t];
    },
    bulletins: [...bulletins.emergency.values(), ...bulletins.priority.values()].map(figuresOf),
    relays: [...bulletins.relay.values()].map(figuresOf),
    incidents: [...incidents].map(([key, count]) => {
      const [zone = '', outcome = '', outputs = '[]'] = key.split('\u001f');
      return { zone: zoneIds[Number(zone)]!, outcome: outcome as IncidentGroup['outcome'], outputs, count };
    }),
  };

  function itemNumber(id: string): number {
    // Items are numbered by id, not by facts: an item whose facts changed mid-month is one item.
    let n = itemNumbers.get(id);
    if (n === undefined) {
      n = itemCount++;
      itemNumbers.set(id, n);
    }
    return n;
  }
}

function note(map: Map<string, BulletinTally>, f: FactsTally, row: RowExtras, level: BulletinTally['level'], zone: number, ms: number): void {
  let b = map.get(f.itemId);
  if (!b) {
    b = { itemId: f.itemId, title: row.title, level, plays: 0, airtimeMs: 0, zones: new Set(), firstStartedAt: row.startedAt, lastStartedAt: row.startedAt };
    map.set(f.itemId, b);
  }
  b.plays += 1;
  b.airtimeMs += ms;
  b.zones.add(zone);
  // The first play's title: earliest start, then the row met first (lowest id), as the summaries keep it.
  if (row.startedAt < b.firstStartedAt) {
    b.firstStartedAt = row.startedAt;
    b.title = row.title;
  }
  if (row.startedAt > b.lastStartedAt) b.lastStartedAt = row.startedAt;
}

const figuresOf = (b: BulletinTally): BulletinFigures => ({ ...b, zones: b.zones.size });
