/**
 * The report as a document, once, for every renderer that lays it out (the HTML print view and the
 * DOCX): the Decree 30/2020/NĐ-CP frame (issuer, national motto, number, place and date, title,
 * signatory, recipients) and the body in order: I. results with the figures' paragraphs and tables,
 * then the ward's own assessment, difficulties and proposals (each left out when empty), and the
 * appendix by day. Plain text throughout; each renderer escapes it its own way.
 */
import { DOC } from './documentLabels.ts';
import { leadParagraphs, numberFormats, plannedParagraph } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { formatDate, formatLocalInstant, formatMonth, label, PROSE } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { draftState, paragraphsOf, type DocumentState } from './narrative.ts';
import { capBlocks, deviceBlocks } from './outlineSections.ts';
import { receptionSentences } from './reception.ts';
import { relayCutBlocks } from './relayOutline.ts';
import { SECTION_PROSE } from './sectionLabels.ts';
import { buildReportTable } from './tables.ts';
import type { ReportTable, ReportTableKey } from './tableTypes.ts';

/** One block of the body, in reading order. */
export type OutlineBlock =
  | { kind: 'heading'; level: 1 | 2 | 3; text: string }
  | { kind: 'paragraph'; text: string; note?: boolean }
  | { kind: 'list'; items: string[] }
  | { kind: 'table'; table: ReportTable }
  /** A chart of the table before it (the HTML draws it; the DOCX leaves it to the table). */
  | { kind: 'chart'; chart: 'zones' | 'topics' };

/** The administrative frame around the body. */
export interface OutlineFrame {
  /** The superior body above the issuer; null when the draft names none. */
  authority: string | null;
  issuer: string;
  /** "Số: 15/BC-UBND". */
  number: string;
  nation1: string;
  nation2: string;
  /** "Hải Dương, ngày 01 tháng 06 năm 2026". */
  dateLine: string;
  /** "DỰ THẢO" on a draft; null once finalized. */
  draftMark: string | null;
  docType: string;
  subject: string;
  period: string;
  scope: string;
  recipientsHeading: string;
  /** "- Ban Thường vụ Đảng ủy;" … "- Lưu: VT." */
  recipients: string[];
  /** The signatory's authority and title, upper case, one entry per line. */
  signerTitle: string[];
  signerName: string;
  /** Small print after the signature: how the figures were made, the version. */
  notes: string[];
}

/** The whole document. */
export interface ReportOutline {
  lang: Lang;
  /** The document's title for the HTML <title> and the DOCX properties. */
  title: string;
  frame: OutlineFrame;
  blocks: OutlineBlock[];
}

/** What the frame needs besides the report. */
export interface OutlineOptions {
  stationName: string;
  lang?: Lang;
  /** The draft or finalized version; a bare draft when absent. */
  document?: DocumentState;
  /** The place of the date line when the draft gives none. */
  place?: string;
}

const ROMAN = ['I', 'II', 'III', 'IV', 'V'];

/** Lays the report out as a document. */
export function buildReportOutline(report: MonthlyReport, options: OutlineOptions): ReportOutline {
  const lang = options.lang ?? 'vi';
  const doc = options.document ?? draftState();
  const n = doc.narrative;
  const fmt = numberFormats(lang);
  const table = (key: ReportTableKey, withTitle = false): OutlineBlock[] => {
    const t = buildReportTable(report, key, lang);
    return withTitle ? [{ kind: 'heading', level: 3, text: t.title }, { kind: 'table', table: t }] : [{ kind: 'table', table: t }];
  };
  const para = (text: string, note = false): OutlineBlock => ({ kind: 'paragraph', text, ...(note ? { note } : {}) });

  const parts = [...label(DOC.resultParts, lang).split('|'), label(SECTION_PROSE.devicesPart, lang)];
  // The plays that reached no receiver are said right after the headline figures they are left out of.
  const lead = [...leadParagraphs(report, fmt, lang), ...receptionSentences(report, fmt, lang)];
  const results: OutlineBlock[][] = [
    [...lead.map((p) => para(p)), para(label(PROSE.countingRule, lang), true), ...table('summary')],
    [...table('zones'), { kind: 'chart', chart: 'zones' }],
    [...table('topics'), { kind: 'chart', chart: 'topics' }, ...table('compliance', true)],
    [...table('kinds', true), ...table('units', true)],
    table('ceremonial'),
    [...table('bulletins', true), ...relayCutBlocks(report, fmt, lang), ...capBlocks(report, fmt, lang), ...table('incidents', true), ...table('reception', true)],
    [para(plannedParagraph(report, fmt, lang)), ...table('planned')],
  ];
  // The clusters come last, so the parts before keep their numbers; a version finalized before devices were reported has none.
  const devices = deviceBlocks(report, fmt, lang);
  if (devices.length > 0) results.push(devices);
  const narrative: [typeof DOC.assessment, OutlineBlock[]][] = [
    [DOC.assessment, paragraphsOf(n.assessment).map((p) => para(p))],
    [DOC.difficulties, n.difficulties.length > 0 ? [{ kind: 'list', items: n.difficulties.map((d) => `- ${d}`) }] : []],
    [DOC.proposals, paragraphsOf(n.proposals).map((p) => para(p))],
  ];
  const written = narrative.filter(([, blocks]) => blocks.length > 0);
  const blocks: OutlineBlock[] = [
    { kind: 'heading', level: 1, text: `${ROMAN[0]}. ${label(DOC.results, lang)}` },
    ...results.flatMap((body, i) => [{ kind: 'heading', level: 2, text: `${i + 1}. ${parts[i] ?? ''}` } as OutlineBlock, ...body]),
    ...written.flatMap(([title, body], i) => [{ kind: 'heading', level: 1, text: `${ROMAN[i + 1]}. ${label(title, lang)}` } as OutlineBlock, ...body]),
    { kind: 'heading', level: 1, text: label(DOC.appendix, lang) },
    ...table('days'),
  ];

  const subject = label(PROSE.subject, lang, { month: formatMonth(report.month) });
  return { lang, title: `${label(PROSE.docType, lang)} ${subject}`, frame: frame(report, doc, options, lang, subject, fmt.int), blocks };
}

function frame(report: MonthlyReport, doc: DocumentState, options: OutlineOptions, lang: Lang, subject: string, int: (n: number) => string): OutlineFrame {
  const n = doc.narrative;
  const generated = report.generatedAt; // "YYYY-MM-DDTHH:MM:SS+07:00", already in station time
  const place = n.place || options.place;
  const zoneName = report.zone === null ? null : (report.byZone.find((z) => z.zone === report.zone)?.name ?? report.zone);
  const recipients = n.recipients.length > 0 ? n.recipients : [label(DOC.defaultRecipient, lang)];
  const notes = [label(PROSE.generated, lang, { time: generated.slice(11, 16), date: formatDate(generated.slice(0, 10)) })];
  if (doc.status === 'draft') notes.push(label(DOC.draftNote, lang));
  else notes.push(versionNote(doc, lang));
  return {
    authority: n.authority || null,
    issuer: options.stationName,
    number: label(PROSE.docNumber, lang, { number: n.number || label(DOC.numberBlank, lang) }),
    nation1: label(PROSE.nation1, lang),
    nation2: label(PROSE.nation2, lang),
    dateLine: label(PROSE.dateLine, lang, { place: place ? `${place}, ` : '', d: generated.slice(8, 10), m: generated.slice(5, 7), y: generated.slice(0, 4) }),
    draftMark: doc.status === 'draft' ? label(DOC.draftMark, lang) : null,
    docType: label(PROSE.docType, lang),
    subject,
    period: label(PROSE.period, lang, { from: formatDate(report.period.from), to: formatDate(report.period.to) }),
    scope: zoneName === null ? label(PROSE.scopeAll, lang, { n: int(report.byZone.length) }) : label(PROSE.scopeZone, lang, { zone: zoneName }),
    recipientsHeading: label(PROSE.recipients, lang),
    // Decree 30: each recipient on its own line after a dash, ending with ";", the last with ".".
    recipients: recipients.map((r, i) => `- ${r.replace(/^[-–•+]\s*/, '').replace(/[;.,\s]+$/, '')}${i === recipients.length - 1 ? '.' : ';'}`),
    signerTitle: (n.signer.title || label(PROSE.signer, lang)).split('\n').map((l) => l.trim().toLocaleUpperCase(lang)).filter(Boolean),
    signerName: n.signer.name,
    notes,
  };
}

/** "Phiên bản 2, hoàn thành lúc 09:00 ngày 02/06/2026 (truongphong). Thay thế phiên bản 1 ngày 01/06/2026: …". */
function versionNote(doc: DocumentState, lang: Lang): string {
  const at = formatLocalInstant(doc.finalizedAt ?? '');
  const note = label(DOC.version, lang, { version: doc.version ?? '', time: at.slice(11), date: at.slice(0, 10), name: doc.finalizedBy?.name ?? '' });
  const previous = doc.versions.find((v) => v.version === (doc.version ?? 0) - 1);
  if (!previous) return note;
  const reason = doc.reason ? `: ${doc.reason}` : '';
  return `${note} ${label(DOC.replaces, lang, { version: previous.version, date: formatLocalInstant(previous.finalizedAt).slice(0, 10), reason })}`;
}
