/**
 * The monthly report as a Word document (.docx, written with the `docx` package) laid out per Decree
 * 30/2020/NĐ-CP, so a clerk opens it, signs and sends it: A4 portrait; margins top and bottom 20 mm,
 * left 30 mm, right 15 mm; Times New Roman 14 pt body (tables 11 pt); the issuer and the national
 * motto side by side, number, place and date; title; the same outline as the HTML print view
 * (documentOutline.ts); the signatory and "Nơi nhận"; page numbers centred at the top from page 2.
 * Charts stay in the print view: the tables above them carry the same figures.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Header,
  Packer,
  PageNumber,
  Paragraph,
  ShadingType,
  Table,
  TableBorders,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { buildReportOutline, type OutlineBlock, type OutlineFrame, type OutlineOptions } from './documentOutline.ts';
import { numberFormats, type NumberFormats } from './htmlParts.ts';
import type { MonthlyReport } from './model.ts';
import type { ReportTable } from './tableTypes.ts';

/** Page geometry in millimetres (Decree 30/2020/NĐ-CP, Appendix I). */
export const DOCX_PAGE_MM = { width: 210, height: 297, top: 20, bottom: 20, left: 30, right: 15 } as const;

const FONT = 'Times New Roman';
/** Font sizes in half-points (Word's unit): 14 pt body, 13 pt motto and headings' small print… */
const SIZE = { body: 28, motto: 26, org: 26, small: 24, recipients: 22, table: 22 } as const;
const TEXT_WIDTH = convertMillimetersToTwip(DOCX_PAGE_MM.width - DOCX_PAGE_MM.left - DOCX_PAGE_MM.right);
/** First-line indent of body paragraphs (1 cm) and the space after each (6 pt). */
const INDENT = convertMillimetersToTwip(10);
const AFTER = 120;

const run = (text: string, opts: Omit<IRunOptions, 'text'> = {}) => new TextRun({ text, ...opts });
const para = (children: TextRun[], opts: Omit<IParagraphOptions, 'children'> = {}) => new Paragraph({ children, ...opts });
const centred = (text: string, opts: Omit<IRunOptions, 'text'> = {}, after = 0) =>
  para([run(text, opts)], { alignment: AlignmentType.CENTER, spacing: { after } });

/** Renders the report into the bytes of a .docx file. */
export async function renderReportDocx(report: MonthlyReport, options: OutlineOptions): Promise<Buffer> {
  const outline = buildReportOutline(report, options);
  const fmt = numberFormats(outline.lang);
  const f = outline.frame;
  const doc = new Document({
    creator: 'Loa',
    title: outline.title,
    description: options.stationName,
    styles: {
      default: {
        document: {
          run: { font: FONT, size: SIZE.body, language: { value: outline.lang === 'vi' ? 'vi-VN' : 'en-GB' } },
          paragraph: { spacing: { line: 276 } },
        },
      },
    },
    sections: [
      {
        properties: {
          titlePage: true,
          page: {
            size: { width: convertMillimetersToTwip(DOCX_PAGE_MM.width), height: convertMillimetersToTwip(DOCX_PAGE_MM.height) },
            margin: {
              top: convertMillimetersToTwip(DOCX_PAGE_MM.top),
              bottom: convertMillimetersToTwip(DOCX_PAGE_MM.bottom),
              left: convertMillimetersToTwip(DOCX_PAGE_MM.left),
              right: convertMillimetersToTwip(DOCX_PAGE_MM.right),
              header: convertMillimetersToTwip(10),
              footer: convertMillimetersToTwip(10),
            },
          },
        },
        // Decree 30: page numbers centred in the header, not on the first page.
        headers: {
          default: new Header({ children: [para([run('', { children: [PageNumber.CURRENT], size: SIZE.motto })], { alignment: AlignmentType.CENTER })] }),
          first: new Header({ children: [para([])] }),
        },
        children: [...frameTop(f), ...outline.blocks.flatMap((b) => block(b, fmt)), ...frameBottom(f)],
      },
    ],
  });
  return Packer.toBuffer(doc);
}

function block(b: OutlineBlock, fmt: NumberFormats): (Paragraph | Table)[] {
  switch (b.kind) {
    case 'heading': {
      const style = b.level === 3 ? { italics: true, size: SIZE.motto } : { bold: true };
      return [para([run(b.text, style)], { keepNext: true, spacing: { before: b.level === 1 ? 240 : 120, after: AFTER }, indent: { firstLine: b.level === 3 ? 0 : INDENT } })];
    }
    case 'paragraph':
      return [
        b.note
          ? para([run(b.text, { italics: true, size: SIZE.recipients })], { spacing: { after: AFTER } })
          : para([run(b.text)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: AFTER } }),
      ];
    case 'list':
      return b.items.map((item) => para([run(item)], { alignment: AlignmentType.JUSTIFIED, indent: { firstLine: INDENT }, spacing: { after: AFTER } }));
    case 'table':
      return [dataTable(b.table, fmt), para([], { spacing: { after: AFTER } })];
    case 'chart':
      return [];
  }
}

/** A report table: thin borders, a shaded header row repeated on every page, numbers right-aligned. */
function dataTable(t: ReportTable, fmt: NumberFormats): Table {
  const total = t.columns.reduce((n, c) => n + c.width, 0);
  const widths = t.columns.map((c) => Math.floor((c.width / total) * TEXT_WIDTH));
  const totals = new Set(t.totalRows);
  const cell = (text: string, width: number, o: { header?: boolean; numeric?: boolean; bold?: boolean }) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      margins: { top: 30, bottom: 30, left: 70, right: 70 },
      ...(o.header ? { shading: { type: ShadingType.CLEAR, color: 'auto', fill: 'F2F2F2' } } : {}),
      children: [
        para([run(text, { bold: o.header || o.bold, size: SIZE.table })], {
          alignment: o.header ? AlignmentType.CENTER : o.numeric ? AlignmentType.RIGHT : AlignmentType.LEFT,
          spacing: { line: 240 },
        }),
      ],
    });
  const header = new TableRow({ tableHeader: true, cantSplit: true, children: t.columns.map((c, i) => cell(c.header, widths[i]!, { header: true })) });
  const rows = t.rows.map(
    (row, r) =>
      new TableRow({
        cantSplit: true,
        children: row.map((c, i) => cell(fmt.cell(c), widths[i]!, { numeric: c.format !== 'text', bold: totals.has(r) })),
      }),
  );
  const line = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: { top: line, bottom: line, left: line, right: line, insideHorizontal: line, insideVertical: line },
    rows: [header, ...rows],
  });
}

/** A two-column table without borders (the letterhead, the closing). */
function sideBySide(shares: [number, number], left: Paragraph[], right: Paragraph[]): Table {
  const widths = shares.map((s) => Math.floor(s * TEXT_WIDTH));
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: TableBorders.NONE,
    rows: [
      new TableRow({
        children: [left, right].map((children, i) => new TableCell({ width: { size: widths[i]!, type: WidthType.DXA }, borders: TableBorders.NONE, children })),
      }),
    ],
  });
}

/** Draft mark, letterhead (issuer | motto, number | place and date), title, period and scope. */
function frameTop(f: OutlineFrame): (Paragraph | Table)[] {
  const orgWidth = 0.4 * TEXT_WIDTH;
  // A short rule under the issuer's name, a third of the column wide.
  const rule = para([], {
    indent: { left: Math.round(orgWidth / 3), right: Math.round(orgWidth / 3) },
    border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 1 } },
    spacing: { after: 120 },
  });
  const left = [
    ...(f.authority ? [centred(f.authority.toLocaleUpperCase(), { size: SIZE.org })] : []),
    centred(f.issuer.toLocaleUpperCase(), { bold: true, size: SIZE.org }),
    rule,
    centred(f.number, { size: SIZE.org }),
  ];
  const right = [
    centred(f.nation1, { bold: true, size: SIZE.small }),
    centred(f.nation2, { bold: true, size: SIZE.motto, underline: {} }, 240),
    centred(f.dateLine, { italics: true, size: SIZE.body }),
  ];
  const box = { style: BorderStyle.SINGLE, size: 6, color: '000000', space: 2 };
  const mark = f.draftMark
    ? [para([run(f.draftMark, { bold: true, size: SIZE.motto })], {
      border: { top: box, bottom: box, left: box, right: box },
      indent: { right: Math.round(TEXT_WIDTH * 0.85) },
      spacing: { after: 120 },
    })]
    : [];
  return [
    ...mark,
    sideBySide([0.4, 0.6], left, right),
    centred(f.docType, { bold: true }, 0),
    para([run(f.subject, { bold: true })], { alignment: AlignmentType.CENTER, spacing: { before: 0, after: 0 } }),
    centred(f.period, { italics: true }),
    centred(f.scope, {}, 240),
  ];
}

/** "Nơi nhận" beside the signatory (title, room to sign, name), then the notes. */
function frameBottom(f: OutlineFrame): (Paragraph | Table)[] {
  const left = [
    para([run(f.recipientsHeading, { bold: true, italics: true, size: SIZE.small })]),
    ...f.recipients.map((r) => para([run(r, { size: SIZE.recipients })])),
  ];
  const right = [
    ...f.signerTitle.map((line) => centred(line, { bold: true })),
    ...Array.from({ length: 4 }, () => para([])),
    ...(f.signerName ? [centred(f.signerName, { bold: true })] : []),
  ];
  return [
    para([], { spacing: { after: AFTER } }),
    sideBySide([0.45, 0.55], left, right),
    para([], { spacing: { after: AFTER } }),
    ...f.notes.map((n) => para([run(n, { italics: true, size: SIZE.recipients })], { spacing: { after: 60 } })),
  ];
}
