/**
 * The monthly report as a printable A4 HTML document in the form of a ward's report: letterhead with
 * the national motto, title, period, lead paragraphs with the headline figures in words, the tables
 * (the same ones as CSV/XLSX) and inline SVG charts. Self-contained: no script, no external resource.
 */
import type { Lang } from './labels.ts';
import { formatDate, formatMonth, label, PROSE } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { esc, leadParagraphs, numberFormats, plannedParagraph, tableHtml, topicChart, zoneChart } from './htmlParts.ts';
import { buildReportTable } from './tables.ts';
import type { ReportTableKey } from './tableTypes.ts';

/** Letterhead details and language of the HTML report. */
export interface HtmlOptions {
  /** The station or ward, e.g. "Đài truyền thanh phường Hải Dương"; printed in the letterhead. */
  stationName: string;
  /** Place name for the date line ("Hải Dương, ngày …"); omitted when absent. */
  place?: string;
  lang?: Lang;
}

/** A4 portrait with 15 mm margins: 180 mm of text width; tables use fixed layout and wrap anywhere. */
const CSS = `
@page { size: A4; margin: 15mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; background: #fff; }
.page { width: 100%; max-width: 180mm; margin: 0 auto; }
@media screen { body { padding: 8mm 0; } .page { padding: 0 4mm; } }
.letterhead { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 6mm; }
.letterhead td { vertical-align: top; text-align: center; padding: 0 2mm; overflow-wrap: anywhere; }
.letterhead .org { width: 42%; }
.org-name { font-weight: bold; font-size: 12pt; text-transform: uppercase; }
.nation-1 { font-weight: bold; font-size: 12pt; }
.nation-2 { font-weight: bold; font-size: 13pt; text-decoration: underline; text-underline-offset: 3px; }
.rule { width: 35%; margin: 1mm auto 2mm; border-top: 1px solid #000; }
.date-line { font-style: italic; margin-top: 3mm; }
h1 { text-align: center; font-size: 14pt; margin: 4mm 0 1mm; }
h1 .doc-type { display: block; font-size: 15pt; }
.period, .scope { text-align: center; margin: 0; }
.period { font-style: italic; }
h2 { font-size: 13pt; margin: 6mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h3 { font-size: 12pt; font-style: italic; font-weight: normal; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; text-align: justify; text-indent: 8mm; overflow-wrap: anywhere; }
p.note { font-size: 11pt; font-style: italic; text-indent: 0; }
table.data { width: 100%; max-width: 100%; table-layout: fixed; border-collapse: collapse; margin: 1mm 0 3mm; font-size: 10pt; line-height: 1.25; }
table.data th, table.data td { border: 0.5pt solid #000; padding: 1mm 1.2mm; vertical-align: top; overflow-wrap: anywhere; word-break: break-word; hyphens: auto; }
table.data th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.data td.num { text-align: right; font-variant-numeric: tabular-nums; }
table.data tr.total td { font-weight: bold; }
table.data thead { display: table-header-group; }
table.data tr { break-inside: avoid; page-break-inside: avoid; }
figure { margin: 2mm 0 4mm; break-inside: avoid; page-break-inside: avoid; }
figure svg { display: block; width: 100%; max-width: 100%; height: auto; }
figcaption { font-size: 10.5pt; font-style: italic; text-align: center; margin-top: 1mm; }
.closing { width: 100%; border-collapse: collapse; table-layout: fixed; margin-top: 8mm; break-inside: avoid; }
.closing td { vertical-align: top; padding: 0; overflow-wrap: anywhere; }
.recipients { font-size: 11pt; }
.recipients b { font-style: italic; }
.signer { text-align: center; font-weight: bold; }
`;

const ROMAN = ['I', 'II', 'III', 'IV', 'V', 'VI', 'VII', 'VIII'];

/** Renders the report as a complete HTML document (UTF-8). */
export function renderReportHtml(report: MonthlyReport, options: HtmlOptions): string {
  const lang = options.lang ?? 'vi';
  const fmt = numberFormats(lang);
  const table = (key: ReportTableKey, withTitle = false) => {
    const t = buildReportTable(report, key, lang);
    return `${withTitle ? `<h3>${esc(t.title)}</h3>` : ''}${tableHtml(t, fmt)}`;
  };
  const sectionTitles = label(PROSE.sections, lang).split('|');
  const section = (n: number, body: string) => `<section><h2>${ROMAN[n]}. ${esc(sectionTitles[n] ?? '')}</h2>${body}</section>`;
  const figure = (c: { svg: string; caption: string }) => `<figure>${c.svg}<figcaption>${esc(c.caption)}</figcaption></figure>`;
  const p = (html: string, cls = '') => `<p${cls ? ` class="${cls}"` : ''}>${html}</p>`;

  const generated = report.generatedAt; // "YYYY-MM-DDTHH:MM:SS+07:00", already in station time
  const dateLine = label(PROSE.dateLine, lang, {
    place: options.place ? `${options.place}, ` : '',
    d: generated.slice(8, 10),
    m: generated.slice(5, 7),
    y: generated.slice(0, 4),
  });
  const zoneName = report.zone === null ? null : (report.byZone.find((z) => z.zone === report.zone)?.name ?? report.zone);
  const scope =
    zoneName === null
      ? label(PROSE.scopeAll, lang, { n: fmt.int(report.byZone.length) })
      : label(PROSE.scopeZone, lang, { zone: zoneName });
  const title = `${label(PROSE.docType, lang)} ${label(PROSE.subject, lang, { month: formatMonth(report.month) })}`;
  const recipients = label(PROSE.recipientsList, lang).split('|').map((line) => `${esc(line)}<br>`).join('');

  const body = [
    `<table class="letterhead"><tr>`,
    `<td class="org"><div class="org-name">${esc(options.stationName)}</div><div class="rule"></div><div>${esc(label(PROSE.docNumber, lang))}</div></td>`,
    `<td class="nation"><div class="nation-1">${esc(label(PROSE.nation1, lang))}</div><div class="nation-2">${esc(label(PROSE.nation2, lang))}</div>`,
    `<div class="date-line">${esc(dateLine)}</div></td>`,
    `</tr></table>`,
    `<h1><span class="doc-type">${esc(label(PROSE.docType, lang))}</span> ${esc(label(PROSE.subject, lang, { month: formatMonth(report.month) }))}</h1>`,
    `<p class="period">${esc(label(PROSE.period, lang, { from: formatDate(report.period.from), to: formatDate(report.period.to) }))}</p>`,
    `<p class="scope">${esc(scope)}</p>`,
    section(0, leadParagraphs(report, fmt, lang).map((x) => p(x)).join('') + p(esc(label(PROSE.countingRule, lang)), 'note') + table('summary')),
    section(1, table('zones') + figure(zoneChart(report, fmt, lang))),
    section(2, table('topics') + figure(topicChart(report, fmt, lang)) + table('compliance', true)),
    section(3, table('kinds', true) + table('units', true)),
    section(4, table('ceremonial')),
    section(5, table('bulletins', true) + table('incidents', true)),
    section(6, p(plannedParagraph(report, fmt, lang)) + table('planned')),
    section(7, table('days')),
    `<table class="closing"><tr><td class="recipients"><b>${esc(label(PROSE.recipients, lang))}</b><br>${recipients}</td>`,
    `<td class="signer">${esc(label(PROSE.signer, lang))}</td></tr></table>`,
    p(esc(label(PROSE.generated, lang, { time: generated.slice(11, 16), date: formatDate(generated.slice(0, 10)) })), 'note'),
  ].join('\n');

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${title} – ${options.stationName}`)}</title>
<style>${CSS}</style>
</head>
<body><main class="page">
${body}
</main></body>
</html>
`;
}
