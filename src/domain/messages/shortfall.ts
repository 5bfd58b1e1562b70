/**
 * Message catalogue for topic shortfalls: one plain sentence in Vietnamese (with diacritics) and in
 * English. Pure; the planner fills in names, period and counts.
 */
import type { ShortfallReason } from '../plan.ts';

/** What a shortfall sentence needs to say. */
export interface ShortfallFacts {
  zoneName: string;
  topicName: string;
  per: 'day' | 'week';
  /** "2026-W21" for a week; the date for a day. */
  period: string;
  /** First and last local date of the period ("YYYY-MM-DD"). */
  periodStart: string;
  periodEnd: string;
  peakOnly: boolean;
  wanted: number;
  planned: number;
  reason: ShortfallReason;
}

const REASON_TEXT: Record<ShortfallReason, { vi: (peakOnly: boolean) => string; en: (peakOnly: boolean) => string }> = {
  'no-approved-item': {
    vi: () => 'không có tin bài nào đã duyệt thuộc chủ đề này',
    en: () => 'no approved item carries this topic',
  },
  'items-expire': {
    vi: () => 'các tin bài đã duyệt của chủ đề này đều hết hạn hoặc chưa có hiệu lực trong các khung giờ của kỳ này',
    en: () => "the topic's approved items are expired or not yet valid in every window of the period",
  },
  'no-window': {
    vi: (peak) => `khu vực không còn khung giờ ${peak ? 'cao điểm ' : ''}nào để phát trong kỳ này`,
    en: (peak) => `the zone has no ${peak ? 'peak ' : ''}window left to air in during the period`,
  },
  'windows-too-short': {
    vi: () => 'các khung giờ đã kín chỗ hoặc ngắn hơn thời lượng tin bài',
    en: () => 'the windows are full or shorter than the items',
  },
  'repeat-limits': {
    vi: () =>
      'giới hạn số lần phát mỗi ngày, khoảng cách tối thiểu giữa hai lần phát hoặc quy định mỗi khung giờ chỉ phát một lần không cho phát thêm',
    en: () => 'the plays-per-day limit, the minimum gap between repeats or once-per-window allow no more plays',
  },
  'cap-would-break': {
    vi: () => 'phát thêm sẽ vượt tỷ lệ tin lễ tân, hội họp cho phép hoặc mức tối đa của một quy định tần suất khác',
    en: () => 'another play would break the ceremonial share cap or the maximum of another frequency rule',
  },
};

/** "18/05/2026" from "2026-05-18". */
export function formatDateVi(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The shortfall sentence in both languages. */
export function shortfallMessage(f: ShortfallFacts): { vi: string; en: string } {
  const start = formatDateVi(f.periodStart);
  const end = formatDateVi(f.periodEnd);
  const periodVi = f.per === 'day' ? `ngày ${start}` : `tuần ${f.period} (từ ${start} đến ${end})`;
  const periodEn = f.per === 'day' ? `on ${start}` : `in week ${f.period} (${start} to ${end})`;
  const reason = REASON_TEXT[f.reason];
  // join() builds one flat string: a plan may carry tens of thousands of these sentences.
  const vi = [
    `${f.zoneName}: chủ đề «${f.topicName}» ${periodVi} cần ít nhất ${f.wanted} lần`,
    f.peakOnly ? ' ở khung giờ cao điểm' : '',
    `, kế hoạch chỉ có ${f.planned} lần vì ${reason.vi(f.peakOnly)}.`,
  ].join('');
  const en = [
    `${f.zoneName}: topic «${f.topicName}» ${periodEn} needs at least ${f.wanted} ${f.wanted === 1 ? 'play' : 'plays'}`,
    f.peakOnly ? ' in peak windows' : '',
    `, the plan has only ${f.planned} because ${reason.en(f.peakOnly)}.`,
  ].join('');
  return { vi, en };
}
