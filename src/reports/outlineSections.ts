/**
 * The document's blocks for the devices part of the results and the CAP alerts of the bulletin
 * part: a sentence of totals, then the tables; one line instead of an empty table. A version
 * finalized before these were reported has neither, and gets no blocks.
 */
import type { OutlineBlock } from './documentOutline.ts';
import type { NumberFormats } from './htmlParts.ts';
import type { Lang } from './labels.ts';
import { label } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { SECTION_PROSE as P, SECTION_TEXT } from './sectionLabels.ts';
import { buildReportTable } from './tables.ts';
import type { ReportTableKey } from './tableTypes.ts';

const para = (text: string): OutlineBlock => ({ kind: 'paragraph', text });

/** A table of the report as document blocks, under its own title when `withTitle`. */
export function tableBlocks(report: MonthlyReport, key: ReportTableKey, lang: Lang, withTitle: boolean): OutlineBlock[] {
  const t = buildReportTable(report, key, lang);
  return withTitle ? [{ kind: 'heading', level: 3, text: t.title }, { kind: 'table', table: t }] : [{ kind: 'table', table: t }];
}

/** The CAP alerts of the month, under the bulletins: a title, the totals, the Actual alerts, the tests apart. */
export function capBlocks(report: MonthlyReport, fmt: NumberFormats, lang: Lang): OutlineBlock[] {
  const cap = report.cap;
  if (!cap) return [];
  const t = cap.totals;
  const title: OutlineBlock = { kind: 'heading', level: 3, text: buildReportTable(report, 'cap', lang).title };
  if (t.received === 0 && t.tests === 0) return [title, para(label(P.noCap, lang))];
  const out: OutlineBlock[] = [title];
  if (t.received > 0) {
    out.push(para(label(P.cap, lang, {
      received: fmt.int(t.received), aired: fmt.int(t.aired), logged: fmt.int(t.logged), failed: fmt.int(t.failed), plays: fmt.int(t.plays),
    })));
    out.push(...tableBlocks(report, 'cap', lang, false));
  } else {
    out.push(para(label(P.noActualCap, lang)));
  }
  if (t.tests > 0) {
    out.push(para(label(P.capTests, lang, { tests: fmt.int(t.tests), plays: fmt.int(t.testPlays) })));
    out.push(...tableBlocks(report, 'capTests', lang, true));
  }
  return out;
}

/** The clusters of the month: the totals (working clusters first of all), the table, the outages. */
export function deviceBlocks(report: MonthlyReport, fmt: NumberFormats, lang: Lang): OutlineBlock[] {
  const section = report.devices;
  if (!section) return [];
  const t = section.totals;
  if (t.clusters === 0) return [para(label(SECTION_TEXT.noDevice, lang))];
  const out: OutlineBlock[] = [
    para(label(P.devices, lang, {
      clusters: fmt.int(t.clusters), monitored: fmt.int(t.monitored), notMonitored: fmt.int(t.notMonitored), working: fmt.int(t.working),
      share: fmt.pct(section.workingShare), withOutages: fmt.int(t.withOutages), outages: fmt.int(t.outages), offlineHours: fmt.dec1(t.offlineHours),
    })),
  ];
  if (t.removed > 0) out.push(para(label(P.devicesRemoved, lang, { n: fmt.int(t.removed) })));
  if (t.reportedPlays > 0) out.push(para(label(P.devicesReported, lang, { plays: fmt.int(t.reportedPlays) })));
  if (section.zonesWithout.length > 0) out.push(para(label(P.zonesWithout, lang, { list: section.zonesWithout.map((z) => z.name).join(', ') })));
  out.push(...tableBlocks(report, 'devices', lang, false));
  out.push(...(t.outages > 0 ? tableBlocks(report, 'outages', lang, true) : [para(label(P.noOutage, lang))]));
  return out;
}
