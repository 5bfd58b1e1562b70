/**
 * Tables that check the month against rules and report problems: topic-rule compliance, the
 * ceremonial cap, incidents per zone and output, bulletins and relays.
 */
import type { Lang } from './labels.ts';
import {
  COLUMN_LABELS as C, formatDate, formatDayMonth, formatLocalInstant, label, LEVEL_LABELS, OUTCOME_LABELS as O, TEXT, weekNumber,
} from './labels.ts';
import type { MonthlyReport, PeriodCount, RuleCompliance } from './model.ts';
import { toMinutes } from './model.ts';
import { NO_OUTPUT } from './sections.ts';
import type { ReportCell, ReportTable, ReportTableKey } from './tableTypes.ts';
import { dec1, int, pct, text } from './tableTypes.ts';
import { frame } from './tablesFigures.ts';

type Builder = (report: MonthlyReport, lang: Lang) => ReportTable;

/** A rule as words: "3–5 lần/tuần, trong khung giờ cao điểm (từ 18/05/2026 đến 20/05/2026)". */
export function describeRule(rule: Pick<RuleCompliance, 'per' | 'min' | 'max' | 'peakOnly' | 'from' | 'to'>, lang: Lang): string {
  const per = label(rule.per === 'day' ? TEXT.perDay : TEXT.perWeek, lang);
  let target: string;
  if (rule.max !== null && rule.min > 0) target = rule.min === rule.max ? `${rule.min} ${per}` : `${rule.min}–${rule.max} ${per}`;
  else if (rule.max !== null) target = `${label(TEXT.atMost, lang)} ${rule.max} ${per}`;
  else target = `${label(TEXT.atLeast, lang)} ${rule.min} ${per}`;
  if (rule.peakOnly) target += `, ${label(TEXT.peakOnly, lang)}`;
  const range = [
    rule.from ? `${label(TEXT.from, lang)} ${formatDate(rule.from)}` : '',
    rule.to ? `${label(TEXT.to, lang)} ${formatDate(rule.to)}` : '',
  ].filter(Boolean);
  return range.length > 0 ? `${target} (${range.join(' ')})` : target;
}

/** A period as words: "19/05" for a day, "Tuần 19" for a week. */
export function periodLabel(p: PeriodCount, lang: Lang): string {
  return p.period.includes('W') ? label(TEXT.week, lang, { week: weekNumber(p.period) }) : formatDayMonth(p.period);
}

const periodList = (list: PeriodCount[], lang: Lang) => list.map((p) => `${periodLabel(p, lang)} (${p.count})`).join('; ');

const compliance: Builder = (r, lang) => {
  const rows: ReportCell[][] = [];
  for (const t of r.topics) {
    for (const rule of t.rules) {
      const target = describeRule(rule, lang);
      if (rule.byZone.length === 0) {
        rows.push([text(t.name), text(target), text(label(TEXT.noZoneInScope, lang)), int(0), int(0), pct(null), text(''), text('')]);
      }
      for (const z of rule.byZone) {
        rows.push([
          text(t.name), text(target), text(z.name), int(z.met), int(z.required), pct(z.required > 0 ? z.met / z.required : null),
          text(periodList(z.missed, lang)), text(periodList(z.overMax, lang)),
        ]);
      }
    }
  }
  return frame(
    'compliance',
    lang,
    [[label(C.topic, lang), 22], [label(C.target, lang), 28], [label(C.zone, lang), 22], [label(C.periodsMet, lang), 9],
      [label(C.periodsRequired, lang), 9], [label(C.metShare, lang), 12], [label(C.missed, lang), 30], [label(C.overMax, lang), 22]],
    rows,
  );
};

const ceremonial: Builder = (r, lang) => {
  const c = r.ceremonial;
  const yesNo = (b: boolean) => text(label(b ? TEXT.yes : TEXT.no, lang));
  const row = (name: string, s: MonthlyReport['ceremonial']['overall']) => [
    text(name), int(s.ceremonialPlays), int(s.plays), pct(s.playShare), dec1(toMinutes(s.ceremonialMs)), dec1(toMinutes(s.airtimeMs)),
    pct(s.airtimeShare), yesNo(s.flagged),
  ];
  return frame(
    'ceremonial',
    lang,
    [[label(C.zone, lang), 30], [label(C.ceremonialPlays, lang), 12], [label(C.plays, lang), 10], [label(C.playShare, lang), 12],
      [label(C.ceremonialMinutes, lang), 12], [label(C.minutes, lang), 12], [label(C.airtimeShare, lang), 14],
      [label(C.flagged, lang, { max: Math.round(c.maxShare * 1000) / 10 }), 12]],
    [row(label(TEXT.allZones, lang), c.overall), ...c.byZone.map((z) => row(z.name, z))],
    [0],
  );
};

const incidents: Builder = (r, lang) => {
  const rows: ReportCell[][] = [];
  const totals: number[] = [];
  for (const z of r.incidents.byZone) {
    totals.push(rows.length);
    rows.push([text(z.name), text(label(TEXT.wholeZone, lang)), int(z.failed), int(z.interrupted), int(z.preempted), int(z.skipped)]);
    for (const o of z.outputs) {
      const name = o.output === NO_OUTPUT ? label(TEXT.noOutput, lang) : o.output;
      rows.push([text(z.name), text(name), int(o.failed), int(o.interrupted), int(o.preempted), int(null)]);
    }
  }
  const t = r.incidents.totals;
  totals.push(rows.length);
  rows.push([text(label(TEXT.total, lang)), text(''), int(t.failed), int(t.interrupted), int(t.preempted), int(t.skipped)]);
  return frame(
    'incidents',
    lang,
    [[label(C.zone, lang), 28], [label(C.output, lang), 30], [label(O.failed, lang), 10], [label(O.interrupted, lang), 10],
      [label(O.preempted, lang), 12], [label(O.skipped, lang), 10]],
    rows,
    totals,
  );
};

const bulletins: Builder = (r, lang) =>
  frame(
    'bulletins',
    lang,
    [[label(C.level, lang), 12], [label(C.item, lang), 40], [label(C.plays, lang), 10], [label(C.zones, lang), 10],
      [label(C.minutes, lang), 12], [label(C.firstAired, lang), 17], [label(C.lastAired, lang), 17]],
    [...r.bulletins.items, ...r.relays.items].map((b) => [
      text(label(LEVEL_LABELS[b.level], lang)), text(b.title), int(b.plays), int(b.zones), dec1(b.minutes),
      text(formatLocalInstant(b.firstStartedAt)), text(formatLocalInstant(b.lastStartedAt)),
    ]),
  );

/** Builders of the checking tables, by key. */
export const checkTables = { compliance, ceremonial, incidents, bulletins } satisfies Partial<Record<ReportTableKey, Builder>>;
