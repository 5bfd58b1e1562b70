/**
 * The CAP tables of the bulletin section: the Actual alerts received in the month with their journey
 * in words and the heard plays each produced, and the Exercise/Test (and System, Draft) alerts apart.
 */
import type { CapAlertFigures, CapJourneyStep } from './capModel.ts';
import type { Label, Lang } from './labels.ts';
import { formatLocalInstant, label, LEVEL_LABELS } from './labels.ts';
import type { MonthlyReport } from './model.ts';
import {
  CAP_MSG_TYPE_LABELS, CAP_REASON_LABELS, CAP_STATE_LABELS, CAP_STATUS_LABELS, CAP_STEP_LABELS as STEP, SECTION_COLUMNS as S, SECTION_TEXT,
} from './sectionLabels.ts';
import type { ReportCell, ReportTable, ReportTableKey } from './tableTypes.ts';
import { int, text } from './tableTypes.ts';
import { frame } from './tablesFigures.ts';

/** A catalogue's word for a code, or the code itself when the catalogue has none. */
const word = (labels: Record<string, Label>, code: string | null | undefined, lang: Lang): string =>
  code ? (labels[code] ? label(labels[code], lang) : code) : '';

/** "13/05 16:55" from an instant in station time. */
const short = (iso: string) => `${iso.slice(8, 10)}/${iso.slice(5, 7)} ${iso.slice(11, 16)}`;

/** One journey step as words. */
export function describeStep(s: CapJourneyStep, lang: Lang): string {
  const time = short(s.at);
  const refs = (s.refs ?? []).join(', ');
  switch (s.step) {
    case 'received':
      return label(s.via === 'feed' ? STEP.receivedFeed : STEP.received, lang, { time });
    case 'mapped': {
      const zones = s.zones ?? [];
      const mapped = zones.length ? label(STEP.mapped, lang, { zones: zones.map((z) => z.name).join(', ') }) : label(STEP.mappedNone, lang);
      return s.unmatched?.length ? `${mapped} (${label(STEP.unmatched, lang, { codes: s.unmatched.join(', ') })})` : mapped;
    }
    case 'aired':
      return s.delivery === 'library'
        ? label(STEP.airedLibrary, lang, { time })
        : label(STEP.airedBulletin, lang, { time, n: (s.zones ?? []).length });
    case 'logged':
      if (refs) return label(STEP.loggedCancel, lang, { refs });
      return s.reason ? label(STEP.logged, lang, { reason: word(CAP_REASON_LABELS, s.reason, lang) }) : label(STEP.loggedPlain, lang);
    case 'failed':
      return label(STEP.failed, lang, { reason: word(CAP_REASON_LABELS, s.reason, lang) });
    case 'updated':
      return label(STEP.updated, lang, { refs });
    case 'replaced':
    case 'cancelled':
      return label(STEP[s.step], lang, { refs, time });
    case 'expired':
      return label(STEP.expired, lang, { time });
  }
}

/** The whole journey: "nhận lúc 13/05 16:55 → ứng với Tổ dân phố số 1 → phát khẩn cấp lúc … → hết hạn lúc …". */
export const describeJourney = (a: CapAlertFigures, lang: Lang): string => a.journey.map((s) => describeStep(s, lang)).join(' → ');

function alertTable(key: ReportTableKey, list: readonly CapAlertFigures[], lang: Lang, withStatus: boolean): ReportTable {
  const columns: [string, number][] = [
    [label(S.capReceived, lang), 15], [label(S.capSender, lang), 16], [label(S.capIdentifier, lang), 14], [label(S.capEvent, lang), 24],
    ...(withStatus ? [[label(S.capStatus, lang), 11] as [string, number]] : []),
    [label(S.capMsgType, lang), 10], [label(S.capLevel, lang), 10], [label(S.capZones, lang), 18], [label(S.capJourney, lang), 40],
    [label(S.capState, lang), 13], [label(S.capPlays, lang), 10],
  ];
  const rows: ReportCell[][] = list.map((a) => [
    text(formatLocalInstant(a.receivedAt)), text(a.sender), text(a.identifier), text([a.event, a.headline].filter(Boolean).join(': ')),
    ...(withStatus ? [text(word(CAP_STATUS_LABELS, a.status, lang))] : []),
    text(word(CAP_MSG_TYPE_LABELS, a.msgType, lang)), text(a.level ? label(LEVEL_LABELS[a.level], lang) : label(SECTION_TEXT.noLevel, lang)),
    text(a.zones.map((z) => z.name).join(', ')), text(describeJourney(a, lang)), text(word(CAP_STATE_LABELS, a.state, lang)), int(a.plays),
  ]);
  return frame(key, lang, columns, rows);
}

/** Builders of the CAP tables, by key. */
export const capTables = {
  cap: (r: MonthlyReport, lang: Lang) => alertTable('cap', r.cap?.alerts ?? [], lang, false),
  capTests: (r: MonthlyReport, lang: Lang) => alertTable('capTests', r.cap?.tests ?? [], lang, true),
};
