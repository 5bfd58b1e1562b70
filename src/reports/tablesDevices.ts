/**
 * The devices tables: each cluster's month (per zone, with a zone row where a zone has several and a
 * total row), and each outage. A month with no cluster registered is one line saying so.
 */
import type { DeviceCounts, DeviceFigures } from './devicesModel.ts';
import type { Lang } from './labels.ts';
import { COLUMN_LABELS as C, formatLocalInstant, label, TEXT } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import { DEVICE_KIND_LABELS, SECTION_COLUMNS as S, SECTION_TEXT } from './sectionLabels.ts';
import type { ReportCell, ReportTable } from './tableTypes.ts';
import { dec1, int, pct, text } from './tableTypes.ts';
import { frame } from './tablesFigures.ts';

const yesNo = (b: boolean | null, lang: Lang) => text(b === null ? '—' : label(b ? TEXT.yes : TEXT.no, lang));

/** A device's kind as words. */
export const kindLabel = (kind: string | null, lang: Lang): string => label(DEVICE_KIND_LABELS[kind ?? 'unknown'] ?? { vi: kind ?? '', en: kind ?? '' }, lang);

const devices = (r: MonthlyReport, lang: Lang): ReportTable => {
  const share = Math.round((r.devices?.workingShare ?? 0.95) * 100);
  const columns: [string, number][] = [
    [label(C.zone, lang), 20], [label(S.deviceId, lang), 12], [label(S.deviceName, lang), 22], [label(S.deviceKind, lang), 14],
    [label(S.monitored, lang), 9], [label(S.onlineHours, lang), 10], [label(S.offlineHours, lang), 10], [label(S.onlineShare, lang), 10],
    [label(S.working, lang, { share }), 11], [label(S.outages, lang), 10], [label(S.reportedPlays, lang), 10], [label(S.note, lang), 18],
  ];
  const section = r.devices;
  if (!section) return frame('devices', lang, columns, []);
  if (section.totals.clusters === 0) return frame('devices', lang, columns, [[text(label(SECTION_TEXT.noDevice, lang))]]);
  const rows: ReportCell[][] = [];
  const totals: number[] = [];
  const device = (zone: string, d: DeviceFigures): ReportCell[] => [
    text(zone), text(d.id), text(d.name), text(kindLabel(d.kind, lang)), yesNo(d.monitored, lang),
    dec1(d.monitored ? d.onlineHours : null), dec1(d.monitored ? d.offlineHours : null), pct(d.onlineShare), yesNo(d.working, lang),
    int(d.monitored ? d.outages.length : null), int(d.reportedPlays), text(note(d, lang)),
  ];
  const counted = (name: string, c: DeviceCounts): ReportCell[] => [
    text(name), text(''), text(label(SECTION_TEXT.clusters, lang, { n: c.clusters })), text(''), int(c.monitored),
    dec1(c.onlineHours), dec1(c.offlineHours), pct(c.onlineMs + c.offlineMs > 0 ? c.onlineMs / (c.onlineMs + c.offlineMs) : null),
    int(c.working), int(c.outages), int(c.reportedPlays), text(''),
  ];
  for (const z of section.zones) {
    for (const d of z.devices) rows.push(device(z.name, d));
    if (z.devices.length > 1) {
      totals.push(rows.length);
      rows.push(counted(z.name, z));
    }
  }
  totals.push(rows.length);
  rows.push(counted(label(TEXT.total, lang), section.totals));
  return frame('devices', lang, columns, rows, totals);
};

function note(d: DeviceFigures, lang: Lang): string {
  const notes: string[] = [];
  if (d.removedAt) notes.push(label(SECTION_TEXT.removedAt, lang, { time: formatLocalInstant(d.removedAt) }));
  else if (d.removed) notes.push(label(SECTION_TEXT.removed, lang));
  if (!d.monitored) notes.push(label(SECTION_TEXT.notMonitored, lang));
  return notes.join('; ');
}

const outages = (r: MonthlyReport, lang: Lang): ReportTable => {
  const rows: ReportCell[][] = [];
  for (const z of r.devices?.zones ?? []) {
    for (const d of z.devices) {
      for (const o of d.outages) {
        rows.push([text(z.name), text(d.id), text(d.name), text(formatLocalInstant(o.from)), text(formatLocalInstant(o.to)), dec1(o.hours), text(label(o.open ? TEXT.yes : TEXT.no, lang))]);
      }
    }
  }
  return frame(
    'outages',
    lang,
    [[label(C.zone, lang), 20], [label(S.deviceId, lang), 12], [label(S.deviceName, lang), 22], [label(S.outageFrom, lang), 17],
      [label(S.outageTo, lang), 17], [label(S.outageHours, lang), 9], [label(S.outageOpen, lang), 12]],
    rows,
  );
};

/** Builders of the devices tables, by key. */
export const deviceTables = { devices, outages };
