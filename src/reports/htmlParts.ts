/**
 * Pieces of the HTML report: number formatting in the reader's locale, a report table as an HTML
 * table that cannot overflow the page, the prose paragraphs, and the two charts.
 */
import type { Lang } from './labels.ts';
import { formatDayMonth, formatMonth, label, METRIC_LABELS, PROSE, TEXT, weekNumber } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { escapeXml, horizontalBarChart } from './svgCharts.ts';
import { describeRule } from './tablesChecks.ts';
import type { CellFormat, ReportCell, ReportTable } from './tableTypes.ts';

/** Formats numbers the way the report's language writes them ("1.234,5" and "17,4%" in Vietnamese). */
export interface NumberFormats {
  int(n: number): string;
  dec1(n: number): string;
  pct(n: number): string;
  cell(c: ReportCell): string;
}

/** Number formats for a language. */
export function numberFormats(lang: Lang): NumberFormats {
  const locale = lang === 'vi' ? 'vi-VN' : 'en-GB';
  const int = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const dec1 = new Intl.NumberFormat(locale, { minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const pct = new Intl.NumberFormat(locale, { style: 'percent', minimumFractionDigits: 1, maximumFractionDigits: 1 });
  const by: Record<Exclude<CellFormat, 'text'>, Intl.NumberFormat> = { int, dec1, pct };
  return {
    int: (n) => int.format(n),
    dec1: (n) => dec1.format(n),
    pct: (n) => pct.format(n),
    cell: (c) => (c.value === null ? '' : typeof c.value === 'string' || c.format === 'text' ? String(c.value) : by[c.format].format(c.value)),
  };
}

/** Escapes text for HTML. */
export const esc = escapeXml;

/** A report table as HTML: fixed layout with column widths in %, cells that wrap anywhere. */
export function tableHtml(t: ReportTable, fmt: NumberFormats): string {
  const total = t.columns.reduce((n, c) => n + c.width, 0);
  const cols = t.columns.map((c) => `<col style="width:${((c.width / total) * 100).toFixed(2)}%">`).join('');
  const head = t.columns.map((c) => `<th scope="col">${esc(c.header)}</th>`).join('');
  const totals = new Set(t.totalRows);
  const body = t.rows
    .map((row, i) => {
      const cells = row.map((c) => `<td${c.format === 'text' ? '' : ' class="num"'}>${esc(fmt.cell(c))}</td>`).join('');
      return `<tr${totals.has(i) ? ' class="total"' : ''}>${cells}</tr>`;
    })
    .join('\n');
  return `<table class="data" data-table="${t.key}"><colgroup>${cols}</colgroup><thead><tr>${head}</tr></thead><tbody>\n${body}\n</tbody></table>`;
}

/** Fills a PROSE sentence (plain text: the HTML and DOCX renderers each escape it their own way). */
function say(key: keyof typeof PROSE, lang: Lang, params: Record<string, string | number> = {}): string {
  return label(PROSE[key], lang, params);
}

/** The lead paragraphs of the results (plain text): headline, bulletins, ceremonial share, incidents, comparison. */
export function leadParagraphs(r: MonthlyReport, fmt: NumberFormats, lang: Lang): string[] {
  const h = r.headline;
  const c = r.ceremonial;
  const out = [
    say('lead', lang, {
      programmes: fmt.int(h.programmes), plays: fmt.int(h.plays), distinct: fmt.int(h.distinctItems), minutes: fmt.dec1(h.minutes),
      zones: fmt.int(h.activeZones),
    }),
    say('bulletins', lang, {
      emergency: fmt.int(h.emergencyPlays), priority: fmt.int(h.priorityPlays), relay: fmt.int(h.relayPlays), relayMinutes: fmt.dec1(r.relays.minutes),
    }),
  ];
  let cer = say(c.overall.flagged ? 'ceremonialOver' : 'ceremonialUnder', lang, {
    plays: fmt.pct(c.overall.playShare), airtime: fmt.pct(c.overall.airtimeShare), max: fmt.pct(c.maxShare),
  });
  const flagged = c.byZone.filter((z) => z.flagged);
  if (flagged.length > 0 && r.zone === null) {
    const list = flagged.map((z) => label(PROSE.shareOfZone, lang, { name: z.name, plays: fmt.pct(z.playShare), airtime: fmt.pct(z.airtimeShare) }));
    cer += ` ${say('ceremonialZones', lang, { list: list.join('; ') })}`;
  }
  out.push(cer);
  for (const t of r.topics) {
    if (t.rules.length === 0) continue;
    const list = t.rules.map((rule) =>
      label(PROSE.complianceRule, lang, { met: fmt.int(rule.met), required: fmt.int(rule.required), target: describeRule(rule, lang) }),
    );
    out.push(say('complianceTopic', lang, { topic: t.name, list: list.join('; ') }));
  }
  const i = r.incidents.totals;
  out.push(say('incidents', lang, { failed: fmt.int(i.failed), interrupted: fmt.int(i.interrupted), preempted: fmt.int(i.preempted), skipped: fmt.int(i.skipped) }));
  const compared = r.comparison.filter((x) => ['programmes', 'plays', 'distinctItems', 'minutes'].includes(x.metric)).map((x) => {
    const f = x.metric === 'minutes' ? fmt.dec1 : fmt.int;
    const delta = `${x.delta > 0 ? '+' : ''}${f(x.delta)}`;
    return label(PROSE.compareItem, lang, { metric: label(METRIC_LABELS[x.metric], lang), current: f(x.current), previous: f(x.previous), delta });
  });
  out.push(say('comparison', lang, { month: formatMonth(r.previous.month), list: compared.join('; ') }));
  return out;
}

/** The planned-vs-aired sentence (plain text). */
export function plannedParagraph(r: MonthlyReport, fmt: NumberFormats, lang: Lang): string {
  const t = r.planned.totals;
  return say('planned', lang, {
    planned: fmt.int(t.plannedSlots), plannedMinutes: fmt.dec1(t.plannedMinutes), aired: fmt.int(t.airedPlays), airedMinutes: fmt.dec1(t.airedMinutes),
  });
}

/** Most zones a zone chart shows, so a large station's chart stays about one printed page. */
export const MAX_CHART_ZONES = 40;

/** Bar chart of airtime per zone (the MAX_CHART_ZONES largest when there are more). */
export function zoneChart(r: MonthlyReport, fmt: NumberFormats, lang: Lang): { svg: string; caption: string } {
  let zones = r.byZone;
  let caption = label(PROSE.chartZones, lang);
  if (zones.length > MAX_CHART_ZONES) {
    zones = [...zones].sort((a, b) => b.airtimeMs - a.airtimeMs).slice(0, MAX_CHART_ZONES);
    caption += ` (${label(PROSE.chartTopN, lang, { n: MAX_CHART_ZONES })})`;
  }
  const svg = horizontalBarChart({
    title: caption,
    categories: zones.map((z) => ({ label: z.name, values: [z.minutes] })),
    series: [label(PROSE.chartZones, lang)],
    formatValue: fmt.dec1,
  });
  return { svg, caption };
}

/** Bar chart of airtime per topic, stacked by ISO week of the month. */
export function topicChart(r: MonthlyReport, fmt: NumberFormats, lang: Lang): { svg: string; caption: string } {
  const caption = label(PROSE.chartTopics, lang);
  const svg = horizontalBarChart({
    title: caption,
    categories: r.topics.map((t) => ({ label: t.name, values: t.weeks.map((w) => w.minutes) })),
    series: r.period.weeks.map((w) => `${label(TEXT.week, lang, { week: weekNumber(w.week) })} (${formatDayMonth(w.from)}–${formatDayMonth(w.to)})`),
    formatValue: fmt.dec1,
  });
  return { svg, caption };
}
