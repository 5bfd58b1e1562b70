/**
 * Message catalogue for topic shortfalls: one plain sentence in Vietnamese (with diacritics) and in
 * English. Pure; the planner fills in names, period and counts.
 */
import type { Shortfall, ShortfallReason } from '../plan.ts';

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
  /** With a week the rule's dates cut: the rule's weekly min and the days in force that week. */
  weeklyMin?: number | undefined;
  proratedDays?: number | undefined;
  planned: number;
  reason: ShortfallReason;
  /**
   * With 'max-would-break': the rule that blocked, whether it counts peak windows only, and whether
   * its week ended below the max (the planner held the room under it back for the week's later days).
   */
  blockedBy?: Shortfall['blockedBy'];
  blockedPeakOnly?: boolean;
  blockedBySpread?: boolean;
  /** The share the planner keeps ceremonial content under (0.12 = 12%), said with 'ceremonial-cap'… */
  ceremonialShare: number;
  /** …and the hard cap above it (0.15), said too when it differs. */
  ceremonialCap?: number | undefined;
}

type ReasonText = (f: ShortfallFacts) => string;

const REASON_TEXT: Record<ShortfallReason, { vi: ReasonText; en: ReasonText }> = {
  'no-approved-item': {
    vi: () => 'không có tin bài nào đã duyệt thuộc chủ đề này',
    en: () => 'no approved item carries this topic',
  },
  'items-expire': {
    vi: () => 'các tin bài đã duyệt của chủ đề này đều hết hạn hoặc chưa có hiệu lực trong các khung giờ của kỳ này',
    en: () => "the topic's approved items are expired or not yet valid in every window of the period",
  },
  'no-window': {
    vi: (f) => `khu vực không còn khung giờ ${f.peakOnly ? 'cao điểm ' : ''}nào để phát trong kỳ này`,
    en: (f) => `the zone has no ${f.peakOnly ? 'peak ' : ''}window left to air in during the period`,
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
  'ceremonial-cap': {
    vi: (f) =>
      `các tin bài còn dùng được đều thuộc loại lễ tân, hội họp và phát thêm sẽ vượt tỷ lệ ${percent(f.ceremonialShare, ',')}% ${
        f.ceremonialCap !== undefined && f.ceremonialCap !== f.ceremonialShare
          ? `kế hoạch giữ để luôn dưới mức trần ${percent(f.ceremonialCap, ',')}%`
          : 'cho phép'
      }`,
    en: (f) =>
      `the only items still usable are ceremonial (ceremonies, meetings) and another play would exceed the ${percent(f.ceremonialShare, '.')}% share ${
        f.ceremonialCap !== undefined && f.ceremonialCap !== f.ceremonialShare
          ? `the plan keeps to stay below the ${percent(f.ceremonialCap, '.')}% cap`
          : 'allowed'
      }`,
  },
  excluded: {
    vi: () => 'các tin bài có thể phát đã bị cán bộ loại khỏi vùng loa trong những ngày này',
    en: () => 'the operator excluded the items that could have aired from this zone on those days',
  },
  'pinned-elsewhere': {
    vi: () => 'các tin bài có thể phát đã được ghim vào khung giờ khác trong ngày',
    en: () => 'the items that could have aired are pinned to another window that day',
  },
  'max-would-break': {
    vi: (f) => {
      const b = f.blockedBy;
      if (!b) return 'phát thêm sẽ vượt mức tối đa của một quy định tần suất';
      const period = b.per === 'day' ? `ngày ${formatDateVi(b.period)}` : `tuần ${b.period}`;
      const peak = f.blockedPeakOnly ? ' ở khung giờ cao điểm' : '';
      const rule = `mức tối đa ${b.max} lần/${b.per === 'day' ? 'ngày' : 'tuần'}${peak} (${period}) của chủ đề «${b.topicName}»`;
      return f.blockedBySpread
        ? `phát thêm sẽ dùng trước phần dành cho các ngày sau trong ${rule}`
        : `phát thêm sẽ vượt ${rule}`;
    },
    en: (f) => {
      const b = f.blockedBy;
      if (!b) return 'another play would exceed the maximum of a frequency rule';
      const period = b.per === 'day' ? `on ${formatDateVi(b.period)}` : `week ${b.period}`;
      const peak = f.blockedPeakOnly ? ' in peak windows' : '';
      const rule = `the maximum of ${b.max} ${b.max === 1 ? 'play' : 'plays'} per ${b.per}${peak} (${period}) of topic «${b.topicName}»`;
      return f.blockedBySpread
        ? `another play would use up early the room kept for later days under ${rule}`
        : `another play would exceed ${rule}`;
    },
  },
};

/** A share as a percentage with at most two decimals: 0.15 → "15", 0.125 → "12,5" with ','. */
function percent(share: number, decimalMark: string): string {
  return String(Math.round(share * 10_000) / 100).replace('.', decimalMark);
}

/** "18/05/2026" from "2026-05-18". */
export function formatDateVi(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** The reason of a shortfall alone, in both languages, for texts that group shortfalls by reason. */
export function shortfallReason(f: ShortfallFacts): { vi: string; en: string } {
  const reason = REASON_TEXT[f.reason];
  return { vi: reason.vi(f), en: reason.en(f) };
}

/** The shortfall sentence in both languages. */
export function shortfallMessage(f: ShortfallFacts): { vi: string; en: string } {
  const start = formatDateVi(f.periodStart);
  const end = formatDateVi(f.periodEnd);
  const periodVi = f.per === 'day' ? `ngày ${start}` : `tuần ${f.period} (từ ${start} đến ${end})`;
  const periodEn = f.per === 'day' ? `on ${start}` : `in week ${f.period} (${start} to ${end})`;
  const reason = REASON_TEXT[f.reason];
  // join() builds one flat string: a plan may carry tens of thousands of these sentences.
  const prorated = f.proratedDays !== undefined && f.weeklyMin !== undefined;
  const vi = [
    `${f.zoneName}: chủ đề «${f.topicName}» ${periodVi} cần ít nhất ${f.wanted} lần`,
    f.peakOnly ? ' ở khung giờ cao điểm' : '',
    prorated ? ` (${f.weeklyMin} lần/tuần tính theo ${f.proratedDays}/7 ngày quy định có hiệu lực)` : '',
    `, kế hoạch chỉ có ${f.planned} lần vì ${reason.vi(f)}.`,
  ].join('');
  const en = [
    `${f.zoneName}: topic «${f.topicName}» ${periodEn} needs at least ${f.wanted} ${f.wanted === 1 ? 'play' : 'plays'}`,
    f.peakOnly ? ' in peak windows' : '',
    prorated ? ` (${f.weeklyMin} a week pro-rated to the ${f.proratedDays} of 7 days the rule is in force)` : '',
    `, the plan has only ${f.planned} because ${reason.en(f)}.`,
  ].join('');
  return { vi, en };
}

/** What an empty-window or empty-day sentence needs to say. */
export interface EmptyWindowFacts {
  zoneName: string;
  date: string;
  /** The window's "HH:MM-HH:MM" label; null for a whole day. */
  window: string | null;
  reason: ShortfallReason;
  ceremonialShare: number;
  ceremonialCap?: number;
}

/** "Tổ dân phố 3: khung giờ cao điểm 17:00-17:30 ngày 18/05/2026 trống vì …" in both languages. */
export function emptyWindowMessage(f: EmptyWindowFacts): { vi: string; en: string } {
  const facts: ShortfallFacts = {
    zoneName: f.zoneName, topicName: '', per: 'day', period: f.date, periodStart: f.date, periodEnd: f.date,
    peakOnly: f.window !== null, wanted: 1, planned: 0, reason: f.reason, ceremonialShare: f.ceremonialShare,
    ceremonialCap: f.ceremonialCap,
  };
  const reason = REASON_TEXT[f.reason];
  const date = formatDateVi(f.date);
  const vi = f.window
    ? `${f.zoneName}: khung giờ cao điểm ${f.window} ngày ${date} trống, dù có tin bài đã duyệt, vì ${reason.vi(facts)}.`
    : `${f.zoneName}: ngày ${date} không có tin bài nào trong các khung giờ, dù có tin bài đã duyệt, vì ${reason.vi(facts)}.`;
  const en = f.window
    ? `${f.zoneName}: the peak window ${f.window} on ${date} is empty, with approved items on hand, because ${reason.en(facts)}.`
    : `${f.zoneName}: nothing airs in any window on ${date}, with approved items on hand, because ${reason.en(facts)}.`;
  return { vi, en };
}
