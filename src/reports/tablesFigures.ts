/**
 * Tables of plain figures: summary with the previous month, zones, days, kinds, topics (with weekly
 * minutes), units, planned vs aired. Total rows repeat the report's own totals (distinct items are
 * never summed).
 */
import type { Lang } from './labels.ts';
import {
  COLUMN_LABELS as C, formatDate, formatDayMonth, formatMonth, KIND_LABELS, label, METRIC_LABELS, TABLE_TITLES, TEXT,
  WEEKDAY_LABELS, weekNumber,
} from './labels.ts';
import type { Comparison, MonthlyReport } from './model.ts';
import type { ReportCell, ReportTable, ReportTableKey } from './tableTypes.ts';
import { dec1, int, pct, sheetName, text } from './tableTypes.ts';

type Builder = (report: MonthlyReport, lang: Lang) => ReportTable;

/** Table frame: title and sheet name from the catalogue, columns as [label, width]. */
export function frame(
  key: ReportTableKey,
  lang: Lang,
  columns: [string, number][],
  rows: ReportCell[][],
  totalRows: number[] = [],
): ReportTable {
  const t = TABLE_TITLES[key];
  return {
    key,
    sheetName: sheetName(label(t.sheet, lang)),
    title: label(t.title, lang),
    columns: columns.map(([header, width]) => ({ header, width })),
    rows,
    totalRows,
  };
}

const METRIC_FORMAT: Partial<Record<Comparison['metric'], (v: number | null) => ReportCell>> = {
  minutes: dec1,
  ceremonialPlayShare: pct,
  ceremonialAirtimeShare: pct,
};

const summary: Builder = (r, lang) =>
  frame(
    'summary',
    lang,
    [
      [label(C.metric, lang), 40],
      [label(C.month, lang, { month: formatMonth(r.month) }), 14],
      [label(C.previousMonth, lang, { month: formatMonth(r.previous.month) }), 18],
      [label(C.delta, lang), 12],
      [label(C.change, lang), 12],
    ],
    r.comparison.map((c) => {
      const cell = METRIC_FORMAT[c.metric] ?? int;
      return [text(label(METRIC_LABELS[c.metric], lang)), cell(c.current), cell(c.previous), cell(c.delta), pct(c.change)];
    }),
  );

const zones: Builder = (r, lang) => {
  const rows = r.byZone.map((z) => [text(z.zone), text(z.name), int(z.programmes), int(z.plays), int(z.distinctItems), dec1(z.minutes)]);
  const h = r.headline;
  rows.push([text(''), text(label(TEXT.total, lang)), int(h.programmes), int(h.plays), int(h.distinctItems), dec1(h.minutes)]);
  return frame(
    'zones',
    lang,
    [[label(C.zoneId, lang), 12], [label(C.zone, lang), 30], [label(C.programmes, lang), 14], [label(C.plays, lang), 12],
      [label(C.distinctItems, lang), 12], [label(C.minutes, lang), 14]],
    rows,
    [rows.length - 1],
  );
};

const days: Builder = (r, lang) => {
  const rows = r.byDay.map((d) => [
    text(formatDate(d.date)), text(label(WEEKDAY_LABELS[d.weekday]!, lang)), int(d.programmes), int(d.plays), int(d.distinctItems),
    dec1(d.minutes),
  ]);
  const h = r.headline;
  rows.push([text(label(TEXT.total, lang)), text(''), int(h.programmes), int(h.plays), int(h.distinctItems), dec1(h.minutes)]);
  return frame(
    'days',
    lang,
    [[label(C.date, lang), 12], [label(C.weekday, lang), 10], [label(C.programmes, lang), 14], [label(C.plays, lang), 12],
      [label(C.distinctItems, lang), 12], [label(C.minutes, lang), 14]],
    rows,
    [rows.length - 1],
  );
};

/** A kind's label (an unknown kind shows as stored). */
export function kindLabel(kind: string, lang: Lang): string {
  const l = KIND_LABELS[kind];
  return l ? label(l, lang) : kind;
}

const kinds: Builder = (r, lang) => {
  const rows = r.byKind.map((k) => [text(kindLabel(k.kind, lang)), int(k.plays), int(k.distinctItems), dec1(k.minutes), pct(k.airtimeShare)]);
  const h = r.headline;
  rows.push([text(label(TEXT.total, lang)), int(h.plays), int(h.distinctItems), dec1(h.minutes), pct(h.airtimeMs > 0 ? 1 : 0)]);
  return frame(
    'kinds',
    lang,
    [[label(C.kind, lang), 16], [label(C.plays, lang), 12], [label(C.distinctItems, lang), 12], [label(C.minutes, lang), 14],
      [label(C.airtimeShare, lang), 16]],
    rows,
    [rows.length - 1],
  );
};

const topics: Builder = (r, lang) => {
  const weeks = r.period.weeks.map((w): [string, number] => [
    label(C.weekMinutes, lang, { week: weekNumber(w.week), from: formatDayMonth(w.from), to: formatDayMonth(w.to) }),
    14,
  ]);
  return frame(
    'topics',
    lang,
    [[label(C.topicId, lang), 16], [label(C.topic, lang), 30], [label(C.plays, lang), 10], [label(C.distinctItems, lang), 10],
      [label(C.minutes, lang), 12], ...weeks],
    r.topics.map((t) => [
      text(t.topic), text(t.name), int(t.plays), int(t.distinctItems), dec1(t.minutes), ...t.weeks.map((w) => dec1(w.minutes)),
    ]),
  );
};

const units: Builder = (r, lang) => {
  const rows = r.units.map((u) => [
    text(u.unit ?? label(TEXT.noUnit, lang)), int(u.contributed), int(u.distinctItemsAired), int(u.plays), dec1(u.minutes),
  ]);
  const h = r.headline;
  const contributed = r.units.reduce((n, u) => n + u.contributed, 0);
  rows.push([text(label(TEXT.total, lang)), int(contributed), int(h.distinctItems), int(h.plays), dec1(h.minutes)]);
  return frame(
    'units',
    lang,
    [[label(C.unit, lang), 36], [label(C.contributed, lang), 14], [label(C.itemsAired, lang), 12], [label(C.plays, lang), 10],
      [label(C.minutes, lang), 12]],
    rows,
    [rows.length - 1],
  );
};

const planned: Builder = (r, lang) => {
  const rows = r.planned.zones.map((z) => [
    text(z.name), int(z.plannedSlots), int(z.airedPlays), int(z.diffPlays), dec1(z.plannedMinutes), dec1(z.airedMinutes), dec1(z.diffMinutes),
  ]);
  const t = r.planned.totals;
  rows.push([
    text(label(TEXT.total, lang)), int(t.plannedSlots), int(t.airedPlays), int(t.diffPlays), dec1(t.plannedMinutes), dec1(t.airedMinutes),
    dec1(t.diffMinutes),
  ]);
  return frame(
    'planned',
    lang,
    [[label(C.zone, lang), 30], [label(C.plannedSlots, lang), 12], [label(C.airedPlays, lang), 12], [label(C.diffPlays, lang), 12],
      [label(C.plannedMinutes, lang), 12], [label(C.airedMinutes, lang), 12], [label(C.diffMinutes, lang), 12]],
    rows,
    [rows.length - 1],
  );
};

/** Builders of the figure tables, by key. */
export const figureTables = { summary, zones, days, kinds, topics, units, planned } satisfies Partial<Record<ReportTableKey, Builder>>;
