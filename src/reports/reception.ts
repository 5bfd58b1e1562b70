/**
 * The reception section of the monthly report (decisions §2): plays that went out to no receiver,
 * which every other figure leaves out, and plays whose receivers are unknown, which they count. From
 * the summary beside the log when the summaries stand for the month (see monthSource.ts), for the
 * station or one zone, else (rows the summaries cannot place) from the log itself.
 */
import type { Db } from '../storage/db.ts';
import { readReceptionSummary, summariseReception } from '../storage/airtimeReception.ts';
import type { ReceptionGroup } from '../storage/airtimeReception.ts';
import { readZoneReception } from '../storage/reportZoneSummaries.ts';
import type { Lang } from './labels.ts';
import { label, PROSE } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { toMinutes } from './model.ts';
import { summariesCover } from './monthSource.ts';
import type { MonthPeriod } from './period.ts';
import type { Reception, ReceptionZone } from './receptionModel.ts';

/** The month's unheard and unknown plays per zone, in `order`, with totals. */
export function receptionSection(
  db: Db,
  setup: { period: MonthPeriod; zone: string | null; tz: string },
  zoneName: (id: string) => string,
  order: (a: string, b: string) => number,
): Reception {
  const { period, zone, tz } = setup;
  const range = { fromDate: period.from, toDate: period.to };
  // One zone reads its few summary rows too: from the log, it would be every row of the month.
  const groups = !summariesCover(db, period.from, period.to, tz)
    ? summariseReception(db, { fromMs: period.fromMs, toMs: period.toMs, zone })
    : zone === null
      ? readReceptionSummary(db, range)
      : readZoneReception(db, { ...range, zone });
  return foldReception(groups, zoneName, order);
}

/** Folds per-zone groups into the section (pure). */
export function foldReception(
  groups: readonly ReceptionGroup[],
  zoneName: (id: string) => string,
  order: (a: string, b: string) => number,
): Reception {
  const zones = new Map<string, { unheard: [number, number]; unknown: [number, number] }>();
  for (const g of groups) {
    const z = zones.get(g.zone) ?? { unheard: [0, 0], unknown: [0, 0] };
    const slot = g.heard === 'no' ? z.unheard : z.unknown;
    slot[0] += g.plays;
    slot[1] += g.playedMs;
    zones.set(g.zone, z);
  }
  const byZone: ReceptionZone[] = [...zones.keys()].sort(order).map((id) => {
    const z = zones.get(id)!;
    return { zone: id, name: zoneName(id), ...figures(z.unheard, z.unknown) };
  });
  const sum = (f: (z: ReceptionZone) => number) => byZone.reduce((n, z) => n + f(z), 0);
  return {
    totals: figures([sum((z) => z.unheardPlays), sum((z) => z.unheardMs)], [sum((z) => z.unknownPlays), sum((z) => z.unknownMs)]),
    byZone,
  };
}

function figures(unheard: [number, number], unknown: [number, number]): Reception['totals'] {
  return {
    unheardPlays: unheard[0],
    unheardMs: unheard[1],
    unheardMinutes: toMinutes(unheard[1]),
    unknownPlays: unknown[0],
    unknownMs: unknown[1],
    unknownMinutes: toMinutes(unknown[1]),
  };
}

/** The report's sentences about reception (plain text), none when every play was heard. */
export function receptionSentences(r: MonthlyReport, fmt: { int(n: number): string; dec1(n: number): string }, lang: Lang): string[] {
  const t = r.reception.totals;
  const out: string[] = [];
  if (t.unheardPlays > 0) out.push(label(PROSE.unheard, lang, { plays: fmt.int(t.unheardPlays), minutes: fmt.dec1(t.unheardMinutes) }));
  if (t.unknownPlays > 0) out.push(label(PROSE.receiversUnknown, lang, { plays: fmt.int(t.unknownPlays), minutes: fmt.dec1(t.unknownMinutes) }));
  return out;
}
