/**
 * The monthly report as a printable A4 HTML document laid out like a ward's report (Decree
 * 30/2020/NĐ-CP margins and fonts): letterhead with the national motto, number, place and date,
 * title, the results with their paragraphs, tables and inline SVG charts, the ward's assessment,
 * difficulties and proposals, the appendix, the signatory and "Nơi nhận". The same outline as the
 * DOCX (documentOutline.ts). Self-contained: no script, no external resource.
 */
import { buildReportOutline, type OutlineBlock, type OutlineFrame } from './documentOutline.ts';
import { esc, numberFormats, tableHtml, topicChart, zoneChart } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import type { DocumentState } from './narrative.ts';

/** Letterhead details, language and the document state of the HTML report. */
export interface HtmlOptions {
  /** The station or ward, e.g. "Đài truyền thanh phường Hải Dương"; printed in the letterhead. */
  stationName: string;
  /** Place name for the date line ("Hải Dương, ngày …") when the draft gives none; omitted when absent. */
  place?: string;
  lang?: Lang;
  /** The draft or finalized version whose words and state the report carries; a bare draft when absent. */
  document?: DocumentState;
}

/**
 * A4 portrait with Decree 30's margins (top and bottom 20 mm, left 30 mm, right 15 mm): 165 mm of text
 * width; tables use fixed layout and wrap anywhere.
 */
const CSS = `
@page { size: A4; margin: 20mm 15mm 20mm 30mm; }
* { box-sizing: border-box; }
html { -webkit-text-size-adjust: 100%; }
body { margin: 0; font-family: "Times New Roman", "Liberation Serif", "DejaVu Serif", serif; font-size: 13pt; line-height: 1.35; color: #000; background: #fff; }
.page { width: 100%; max-width: 165mm; margin: 0 auto; }
@media screen { body { padding: 8mm 0; } .page { padding: 0 4mm; } }
.draft-mark { display: inline-block; border: 1px solid #000; padding: 0.5mm 2mm; font-weight: bold; font-size: 12pt; margin-bottom: 2mm; }
.letterhead { width: 100%; border-collapse: collapse; table-layout: fixed; margin-bottom: 6mm; }
.letterhead td { vertical-align: top; text-align: center; padding: 0 2mm; overflow-wrap: anywhere; }
.letterhead .org { width: 40%; }
.authority { font-size: 12pt; text-transform: uppercase; }
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
h3 { font-size: 13pt; margin: 4mm 0 2mm; break-after: avoid; page-break-after: avoid; }
h4 { font-size: 12pt; font-style: italic; font-weight: normal; margin: 3mm 0 1mm; break-after: avoid; }
p { margin: 0 0 2mm; text-align: justify; text-indent: 10mm; overflow-wrap: anywhere; }
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
.recipients b { font-style: italic; font-size: 12pt; }
.signer { text-align: center; font-weight: bold; }
.signer-name { margin-top: 22mm; }
`;

const HEADING_TAG = { 1: 'h2', 2: 'h3', 3: 'h4' } as const;

/** Renders the report as a complete HTML document (UTF-8). */
export function renderReportHtml(report: MonthlyReport, options: HtmlOptions): string {
  const outline = buildReportOutline(report, options);
  const lang = outline.lang;
  const fmt = numberFormats(lang);
  const figure = (c: { svg: string; caption: string }) => `<figure>${c.svg}<figcaption>${esc(c.caption)}</figcaption></figure>`;
  const block = (b: OutlineBlock): string => {
    switch (b.kind) {
      case 'heading':
        return `<${HEADING_TAG[b.level]}>${esc(b.text)}</${HEADING_TAG[b.level]}>`;
      case 'paragraph':
        return `<p${b.note ? ' class="note"' : ''}>${esc(b.text)}</p>`;
      case 'list':
        return b.items.map((item) => `<p class="item">${esc(item)}</p>`).join('');
      case 'table':
        return tableHtml(b.table, fmt);
      case 'chart':
        return figure(b.chart === 'zones' ? zoneChart(report, fmt, lang) : topicChart(report, fmt, lang));
    }
  };
  const f = outline.frame;
  const body = [frameTop(f), ...outline.blocks.map(block), frameBottom(f)].join('\n');

  return `<!DOCTYPE html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${esc(`${outline.title} – ${options.stationName}`)}</title>
<style>${CSS}</style>
</head>
<body><main class="page">
${body}
</main></body>
</html>
`;
}

/** The letterhead, title, period and scope. */
function frameTop(f: OutlineFrame): string {
  return [
    f.draftMark ? `<div class="draft-mark">${esc(f.draftMark)}</div>` : '',
    `<table class="letterhead"><tr>`,
    `<td class="org">${f.authority ? `<div class="authority">${esc(f.authority)}</div>` : ''}<div class="org-name">${esc(f.issuer)}</div><div class="rule"></div><div>${esc(f.number)}</div></td>`,
    `<td class="nation"><div class="nation-1">${esc(f.nation1)}</div><div class="nation-2">${esc(f.nation2)}</div>`,
    `<div class="date-line">${esc(f.dateLine)}</div></td>`,
    `</tr></table>`,
    `<h1><span class="doc-type">${esc(f.docType)}</span> ${esc(f.subject)}</h1>`,
    `<p class="period">${esc(f.period)}</p>`,
    `<p class="scope">${esc(f.scope)}</p>`,
  ].join('\n');
}

/** "Nơi nhận" beside the signatory, then the notes. */
function frameBottom(f: OutlineFrame): string {
  const recipients = f.recipients.map((line) => `${esc(line)}<br>`).join('');
  const title = f.signerTitle.map(esc).join('<br>');
  const name = f.signerName ? `<div class="signer-name">${esc(f.signerName)}</div>` : '';
  return [
    `<table class="closing"><tr><td class="recipients"><b>${esc(f.recipientsHeading)}</b><br>${recipients}</td>`,
    `<td class="signer">${title}${name}</td></tr></table>`,
    ...f.notes.map((n) => `<p class="note">${esc(n)}</p>`),
  ].join('\n');
}
