/**
 * Every user-facing word of the reports, in Vietnamese and English, in one catalogue. Renderers pick
 * a language; nothing else in src/reports spells out text.
 */
import type { Lang } from '../i18n/messages.ts';
import type { Comparison } from './model.ts';
import type { ReportTableKey } from './tableTypes.ts';

/** Report languages (the API's catalogue languages). */
export type { Lang };

/** One text in both languages. */
export type Label = Record<Lang, string>;

/** Item kinds as reports name them. */
export const KIND_LABELS: Record<string, Label> = {
  tin: { vi: 'Tin', en: 'News' },
  bai: { vi: 'Bài', en: 'Article' },
  'phong-su': { vi: 'Phóng sự', en: 'Feature report' },
  'thong-bao': { vi: 'Thông báo', en: 'Notice' },
  'nhac-hieu': { vi: 'Nhạc hiệu', en: 'Station ident' },
  khac: { vi: 'Khác', en: 'Other' },
  'tiep-am': { vi: 'Tiếp âm', en: 'Relay' },
};

/** Outcomes of an airtime row. */
export const OUTCOME_LABELS: Record<'completed' | 'interrupted' | 'preempted' | 'failed' | 'skipped', Label> = {
  completed: { vi: 'Phát trọn', en: 'Completed' },
  interrupted: { vi: 'Bị ngắt', en: 'Interrupted' },
  preempted: { vi: 'Bị chen ngang', en: 'Preempted' },
  failed: { vi: 'Lỗi phát', en: 'Failed' },
  skipped: { vi: 'Bỏ qua', en: 'Skipped' },
};

/** Bulletin levels (Circular 39/2020) and relays. */
export const LEVEL_LABELS: Record<'emergency' | 'priority' | 'relay', Label> = {
  emergency: { vi: 'Khẩn cấp', en: 'Emergency' },
  priority: { vi: 'Ưu tiên', en: 'Priority' },
  relay: { vi: 'Tiếp âm', en: 'Relay' },
};

/** ISO weekdays, index 1 (Monday) to 7 (Sunday). */
export const WEEKDAY_LABELS: Label[] = [
  { vi: '', en: '' },
  { vi: 'Thứ Hai', en: 'Mon' },
  { vi: 'Thứ Ba', en: 'Tue' },
  { vi: 'Thứ Tư', en: 'Wed' },
  { vi: 'Thứ Năm', en: 'Thu' },
  { vi: 'Thứ Sáu', en: 'Fri' },
  { vi: 'Thứ Bảy', en: 'Sat' },
  { vi: 'Chủ nhật', en: 'Sun' },
];

/** Headline metrics (summary table rows, comparison). */
export const METRIC_LABELS: Record<Comparison['metric'], Label> = {
  programmes: { vi: 'Số chương trình đã phát', en: 'Programmes aired' },
  plays: { vi: 'Số lượt tin, bài đã phát', en: 'Plays' },
  distinctItems: { vi: 'Số tin, bài khác nhau đã phát', en: 'Distinct items aired' },
  minutes: { vi: 'Thời lượng phát sóng (phút)', en: 'Airtime (minutes)' },
  activeZones: { vi: 'Số khu vực có phát sóng', en: 'Zones with airtime' },
  ceremonialPlays: { vi: 'Lượt tin lễ tân, hội họp', en: 'Ceremonial plays' },
  ceremonialPlayShare: { vi: 'Tỷ lệ lượt tin lễ tân, hội họp', en: 'Ceremonial share of plays' },
  ceremonialAirtimeShare: { vi: 'Tỷ lệ thời lượng lễ tân, hội họp', en: 'Ceremonial share of airtime' },
  emergencyPlays: { vi: 'Lượt bản tin khẩn cấp', en: 'Emergency bulletin plays' },
  priorityPlays: { vi: 'Lượt bản tin ưu tiên', en: 'Priority bulletin plays' },
  relayPlays: { vi: 'Lượt tiếp âm', en: 'Relay plays' },
  failed: { vi: 'Lượt phát lỗi', en: 'Failed plays' },
  interruptions: { vi: 'Lượt bị ngắt, chen ngang', en: 'Interrupted or preempted plays' },
};

/** Sheet names (≤ 31 characters, none of []:*?/\\) and section titles of the tables. */
export const TABLE_TITLES: Record<ReportTableKey, { sheet: Label; title: Label }> = {
  summary: { sheet: { vi: 'Tổng hợp', en: 'Summary' }, title: { vi: 'Kết quả chung và so sánh với tháng trước', en: 'Headline figures and the previous month' } },
  zones: { sheet: { vi: 'Khu vực', en: 'Zones' }, title: { vi: 'Kết quả theo khu vực (Tổ dân phố)', en: 'By zone' } },
  days: { sheet: { vi: 'Theo ngày', en: 'Days' }, title: { vi: 'Kết quả theo ngày', en: 'By day' } },
  kinds: { sheet: { vi: 'Thể loại', en: 'Kinds' }, title: { vi: 'Kết quả theo thể loại', en: 'By kind' } },
  topics: { sheet: { vi: 'Chủ đề', en: 'Topics' }, title: { vi: 'Kết quả theo chủ đề', en: 'By topic' } },
  compliance: { sheet: { vi: 'Chỉ tiêu tần suất', en: 'Topic targets' }, title: { vi: 'Thực hiện chỉ tiêu tần suất theo chủ đề', en: 'Topic frequency targets' } },
  units: { sheet: { vi: 'Đơn vị gửi tin bài', en: 'Units' }, title: { vi: 'Tin, bài theo đơn vị gửi', en: 'By submitting unit' } },
  ceremonial: { sheet: { vi: 'Lễ tân hội họp', en: 'Ceremonial' }, title: { vi: 'Tin, bài lễ tân, hội họp, hoạt động nội bộ', en: 'Ceremonial content' } },
  incidents: { sheet: { vi: 'Sự cố phát sóng', en: 'Incidents' }, title: { vi: 'Sự cố phát sóng theo khu vực và đầu ra', en: 'Failures and interruptions' } },
  planned: { sheet: { vi: 'Kế hoạch và thực tế', en: 'Planned vs aired' }, title: { vi: 'So sánh kế hoạch và thực tế phát sóng', en: 'Planned vs aired' } },
  bulletins: { sheet: { vi: 'Khẩn cấp ưu tiên tiếp âm', en: 'Bulletins and relays' }, title: { vi: 'Bản tin khẩn cấp, ưu tiên và tiếp âm', en: 'Emergency and priority bulletins, relays' } },
  relayCuts: { sheet: { vi: 'Tiếp âm bị gián đoạn', en: 'Relays cut short' }, title: { vi: 'Các lượt tiếp âm bị gián đoạn và nguyên nhân', en: 'Relay airings cut short, and why' } },
  reception: {
    sheet: { vi: 'Không có thiết bị nhận', en: 'No receiver' },
    title: { vi: 'Phát nhưng không có thiết bị nhận; lượt không rõ thiết bị nhận', en: 'Aired to no receiver; plays with receivers unknown' },
  },
  cap: { sheet: { vi: 'Cảnh báo CAP', en: 'CAP alerts' }, title: { vi: 'Cảnh báo CAP nhận trong tháng và diễn biến', en: 'CAP alerts received and their journey' } },
  capTests: {
    sheet: { vi: 'CAP diễn tập thử nghiệm', en: 'CAP exercises and tests' },
    title: { vi: 'Cảnh báo CAP diễn tập, thử nghiệm (liệt kê riêng)', en: 'CAP exercise and test alerts (listed apart)' },
  },
  devices: { sheet: { vi: 'Cụm loa', en: 'Clusters' }, title: { vi: 'Cụm loa theo khu vực và tình trạng hoạt động', en: 'Loudspeaker clusters by zone' } },
  outages: { sheet: { vi: 'Cụm loa mất kết nối', en: 'Cluster outages' }, title: { vi: 'Các lần cụm loa mất kết nối', en: 'Cluster outages' } },
};

/** Column headings, by key. */
export const COLUMN_LABELS = {
  metric: { vi: 'Chỉ tiêu', en: 'Metric' },
  month: { vi: 'Tháng {month}', en: 'Month {month}' },
  previousMonth: { vi: 'Tháng trước ({month})', en: 'Previous month ({month})' },
  delta: { vi: 'Chênh lệch', en: 'Difference' },
  change: { vi: 'Thay đổi (%)', en: 'Change (%)' },
  zoneId: { vi: 'Mã khu vực', en: 'Zone id' },
  zone: { vi: 'Khu vực (Tổ dân phố)', en: 'Zone' },
  programmes: { vi: 'Số chương trình', en: 'Programmes' },
  plays: { vi: 'Lượt phát', en: 'Plays' },
  distinctItems: { vi: 'Số tin, bài', en: 'Distinct items' },
  minutes: { vi: 'Thời lượng (phút)', en: 'Airtime (min)' },
  date: { vi: 'Ngày', en: 'Date' },
  weekday: { vi: 'Thứ', en: 'Weekday' },
  kind: { vi: 'Thể loại', en: 'Kind' },
  airtimeShare: { vi: 'Tỷ lệ thời lượng (%)', en: 'Share of airtime (%)' },
  topicId: { vi: 'Mã chủ đề', en: 'Topic id' },
  topic: { vi: 'Chủ đề', en: 'Topic' },
  weekMinutes: { vi: 'Tuần {week} ({from}–{to}), phút', en: 'Week {week} ({from}–{to}), min' },
  target: { vi: 'Chỉ tiêu tần suất', en: 'Frequency target' },
  periodsMet: { vi: 'Số kỳ đạt', en: 'Periods met' },
  periodsRequired: { vi: 'Số kỳ yêu cầu', en: 'Periods required' },
  metShare: { vi: 'Tỷ lệ đạt (%)', en: 'Met (%)' },
  missed: { vi: 'Kỳ chưa đạt (số lượt)', en: 'Missed periods (plays)' },
  overMax: { vi: 'Kỳ vượt mức tối đa (số lượt)', en: 'Periods over the cap (plays)' },
  unit: { vi: 'Đơn vị gửi tin, bài', en: 'Submitting unit' },
  contributed: { vi: 'Tin, bài gửi trong tháng', en: 'Items submitted in the month' },
  itemsAired: { vi: 'Tin, bài đã phát', en: 'Items aired' },
  ceremonialPlays: { vi: 'Lượt lễ tân, hội họp', en: 'Ceremonial plays' },
  playShare: { vi: 'Tỷ lệ lượt (%)', en: 'Share of plays (%)' },
  ceremonialMinutes: { vi: 'Phút lễ tân, hội họp', en: 'Ceremonial minutes' },
  flagged: { vi: 'Vượt mức {max}%', en: 'At or over {max}%' },
  output: { vi: 'Đầu ra', en: 'Output' },
  plannedSlots: { vi: 'Lượt theo kế hoạch', en: 'Planned slots' },
  plannedMinutes: { vi: 'Phút theo kế hoạch', en: 'Planned minutes' },
  airedPlays: { vi: 'Lượt đã phát', en: 'Aired plays' },
  airedMinutes: { vi: 'Phút đã phát', en: 'Aired minutes' },
  diffPlays: { vi: 'Chênh lệch lượt', en: 'Difference (plays)' },
  diffMinutes: { vi: 'Chênh lệch (phút)', en: 'Difference (min)' },
  level: { vi: 'Loại', en: 'Type' },
  item: { vi: 'Tin, bài', en: 'Item' },
  zones: { vi: 'Số khu vực', en: 'Zones' },
  firstAired: { vi: 'Phát lần đầu', en: 'First aired' },
  lastAired: { vi: 'Phát lần cuối', en: 'Last aired' },
  relay: { vi: 'Tiếp âm', en: 'Relay' },
  plannedStart: { vi: 'Thời điểm bắt đầu theo lịch', en: 'Scheduled start' },
  outcome: { vi: 'Kết quả', en: 'Outcome' },
  reason: { vi: 'Nguyên nhân', en: 'Reason' },
  relayedMinutes: { vi: 'Thời lượng đã tiếp âm (phút)', en: 'Minutes relayed' },
  unheardPlays: { vi: 'Lượt phát nhưng không có thiết bị nhận (không tính)', en: 'Plays to no receiver (not counted)' },
  unheardMinutes: { vi: 'Phút không có thiết bị nhận', en: 'Minutes to no receiver' },
  unknownPlays: { vi: 'Lượt không rõ thiết bị nhận (vẫn tính)', en: 'Plays, receivers unknown (counted)' },
  unknownMinutes: { vi: 'Phút không rõ thiết bị nhận', en: 'Minutes, receivers unknown' },
} satisfies Record<string, Label>;

/** Short texts used inside tables and the HTML report. */
export const TEXT = {
  total: { vi: 'Tổng cộng', en: 'Total' },
  allZones: { vi: 'Toàn bộ', en: 'All zones' },
  wholeZone: { vi: 'Cả khu vực', en: 'Whole zone' },
  noUnit: { vi: '(không ghi đơn vị)', en: '(no unit)' },
  noOutput: { vi: '(không có đầu ra)', en: '(no output)' },
  noZoneInScope: { vi: '(không có khu vực áp dụng)', en: '(no zone in scope)' },
  yes: { vi: 'Có', en: 'Yes' },
  no: { vi: 'Không', en: 'No' },
  perDay: { vi: 'lần/ngày', en: 'times/day' },
  perWeek: { vi: 'lần/tuần', en: 'times/week' },
  atLeast: { vi: 'tối thiểu', en: 'at least' },
  atMost: { vi: 'tối đa', en: 'at most' },
  peakOnly: { vi: 'trong khung giờ cao điểm', en: 'in peak windows' },
  from: { vi: 'từ', en: 'from' },
  to: { vi: 'đến', en: 'to' },
  week: { vi: 'Tuần {week}', en: 'Week {week}' },
} satisfies Record<string, Label>;

/** Sentences and headings of the report as a document (the form of a ward's monthly report). */
export const PROSE = {
  nation1: { vi: 'CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM', en: 'SOCIALIST REPUBLIC OF VIETNAM' },
  nation2: { vi: 'Độc lập - Tự do - Hạnh phúc', en: 'Independence - Freedom - Happiness' },
  docNumber: { vi: 'Số: {number}', en: 'No.: {number}' },
  dateLine: { vi: '{place}ngày {d} tháng {m} năm {y}', en: '{place}{d}/{m}/{y}' },
  docType: { vi: 'BÁO CÁO', en: 'REPORT' },
  subject: {
    vi: 'KẾT QUẢ TUYÊN TRUYỀN TRÊN HỆ THỐNG TRUYỀN THANH CƠ SỞ THÁNG {month}',
    en: 'RESULTS OF BROADCASTING ON THE GRASSROOTS LOUDSPEAKER SYSTEM, {month}',
  },
  period: { vi: '(Từ ngày {from} đến ngày {to})', en: '(From {from} to {to})' },
  scopeAll: { vi: 'Phạm vi: toàn bộ {n} khu vực loa (Tổ dân phố, thôn).', en: 'Scope: all {n} loudspeaker zones.' },
  scopeZone: { vi: 'Phạm vi: {zone}.', en: 'Scope: {zone}.' },
  lead: {
    vi: 'Trong tháng, đã phát sóng {programmes} chương trình với {plays} lượt tin, bài ({distinct} tin, bài khác nhau), tổng thời lượng {minutes} phút trên {zones} khu vực loa.',
    en: 'In the month, {programmes} programmes aired with {plays} plays ({distinct} distinct items), {minutes} minutes in total over {zones} zones.',
  },
  bulletins: {
    vi: 'Đã phát {emergency} lượt bản tin khẩn cấp, {priority} lượt bản tin ưu tiên và {relay} lượt tiếp âm ({relayMinutes} phút).',
    en: '{emergency} emergency and {priority} priority bulletin plays; {relay} relay plays ({relayMinutes} minutes).',
  },
  ceremonialUnder: {
    vi: 'Tin, bài lễ tân, hội họp, hoạt động nội bộ chiếm {plays} số lượt và {airtime} thời lượng phát sóng, dưới mức tối đa {max}.',
    en: 'Ceremonial content took {plays} of plays and {airtime} of airtime, below the {max} cap.',
  },
  ceremonialOver: {
    vi: 'Tin, bài lễ tân, hội họp, hoạt động nội bộ chiếm {plays} số lượt và {airtime} thời lượng phát sóng, vượt mức tối đa {max}.',
    en: 'Ceremonial content took {plays} of plays and {airtime} of airtime, at or over the {max} cap.',
  },
  ceremonialZones: { vi: 'Khu vực vượt mức: {list}.', en: 'Zones at or over the cap: {list}.' },
  shareOfZone: { vi: '{name} ({plays} số lượt, {airtime} thời lượng)', en: '{name} ({plays} of plays, {airtime} of airtime)' },
  complianceTopic: { vi: 'Chủ đề «{topic}»: {list}.', en: 'Topic "{topic}": {list}.' },
  complianceRule: { vi: 'đạt {met}/{required} kỳ theo chỉ tiêu {target}', en: '{met}/{required} periods met for {target}' },
  incidents: {
    vi: 'Ghi nhận {failed} lượt phát lỗi, {interrupted} lượt bị ngắt, {preempted} lượt bị chen ngang và {skipped} lượt bỏ qua.',
    en: '{failed} failed, {interrupted} interrupted, {preempted} preempted and {skipped} skipped plays.',
  },
  comparison: { vi: 'So với tháng {month}: {list}.', en: 'Compared with {month}: {list}.' },
  compareItem: { vi: '{metric} {current} (tháng trước {previous}, {delta})', en: '{metric} {current} (previous {previous}, {delta})' },
  planned: {
    vi: 'Theo kế hoạch có {planned} lượt ({plannedMinutes} phút); thực tế phát {aired} lượt ({airedMinutes} phút).',
    en: '{planned} plays were planned ({plannedMinutes} minutes); {aired} aired ({airedMinutes} minutes).',
  },
  countingRule: {
    vi: 'Số liệu lấy từ nhật ký phát sóng: một lượt được tính là đã phát khi phát trọn, bị ngắt hoặc bị chen ngang mà đã có âm thanh đến ít nhất một thiết bị nhận (cụm loa kết nối từ đầu lượt và nhận ít nhất 90%, máy chủ Icecast nhận ít nhất 90%, hoặc địa chỉ RTP đã được gửi tới; «Nghe thử» không tính); lượt lỗi, lượt bỏ qua và lượt phát nhưng không có thiết bị nhận không được tính, lượt phát nhưng không có thiết bị nhận được liệt kê riêng.',
    en: 'Figures come from the airtime log: a play counts when it completed, or was interrupted or preempted after some audio reached at least one receiver (a speaker connected from its start that took at least 90% of it, an Icecast server that accepted at least 90%, or an RTP destination it was sent to; «Nghe thử» never counts); failed and skipped plays, and plays that reached no receiver, do not count; the latter are listed apart.',
  },
  unheard: {
    vi: 'Có {plays} lượt ({minutes} phút) phát nhưng không có thiết bị nhận; các lượt này không được tính vào số liệu và chỉ tiêu.',
    en: '{plays} plays ({minutes} minutes) aired to no receiver; they are not counted in the figures or the targets.',
  },
  receiversUnknown: {
    vi: 'Có {plays} lượt ({minutes} phút) không rõ thiết bị nhận (ghi trước khi Loa đếm thiết bị nhận, hoặc bị ngắt khi Loa dừng đột ngột); các lượt này vẫn được tính là đã phát.',
    en: '{plays} plays ({minutes} minutes) have receivers unknown (logged before Loa counted receivers, or cut when Loa stopped abruptly); they are still counted as aired.',
  },
  chartZones: { vi: 'Biểu đồ: thời lượng phát sóng theo khu vực (phút)', en: 'Chart: airtime by zone (minutes)' },
  chartTopN: { vi: '{n} khu vực có thời lượng lớn nhất', en: 'top {n} zones by airtime' },
  chartTopics: { vi: 'Biểu đồ: thời lượng phát sóng theo chủ đề và tuần (phút)', en: 'Chart: airtime by topic and week (minutes)' },
  generated: {
    vi: 'Báo cáo được lập tự động từ nhật ký phát sóng lúc {time} ngày {date}.',
    en: 'Generated from the airtime log at {time} on {date}.',
  },
  recipients: { vi: 'Nơi nhận:', en: 'To:' },
  signer: { vi: 'NGƯỜI LẬP BÁO CÁO', en: 'PREPARED BY' },
} satisfies Record<string, Label>;

/** Fills `{name}` placeholders of a label in a language. */
export function label(l: Label, lang: Lang, params: Record<string, string | number> = {}): string {
  return l[lang].replace(/\{(\w+)\}/g, (_, k: string) => String(params[k] ?? `{${k}}`));
}

/** "YYYY-MM-DD" → "DD/MM/YYYY", the Vietnamese way. */
export function formatDate(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}/${date.slice(0, 4)}`;
}

/** "YYYY-MM-DD" → "DD/MM". */
export function formatDayMonth(date: string): string {
  return `${date.slice(8, 10)}/${date.slice(5, 7)}`;
}

/** "YYYY-MM" → "MM/YYYY". */
export function formatMonth(month: string): string {
  return `${month.slice(5, 7)}/${month.slice(0, 4)}`;
}

/** An instant already in station time ("2026-05-13T17:01:00+07:00") → "13/05/2026 17:01". */
export function formatLocalInstant(iso: string): string {
  return `${formatDate(iso.slice(0, 10))} ${iso.slice(11, 16)}`;
}

/** "2026-W19" → "19". */
export function weekNumber(week: string): string {
  return week.slice(week.indexOf('W') + 1);
}
