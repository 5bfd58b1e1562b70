import type { Label } from '../../reports/labels.ts';
import { COLUMN_LABELS, KIND_LABELS, METRIC_LABELS, TABLE_TITLES, TEXT } from '../../reports/labels.ts';
import type { UiCatalogue } from './index.ts';

/** `prefix.key` entries from one of the report's own label sets, so the screen and the files agree. */
const from = (prefix: string, labels: Record<string, Label>): UiCatalogue =>
  Object.fromEntries(Object.entries(labels).map(([key, words]) => [`${prefix}.${key}`, words]));

const tableTitles: UiCatalogue = Object.fromEntries(
  Object.entries(TABLE_TITLES).map(([key, t]) => [`reports.table.${key}`, t.title]),
);

/** The «Báo cáo» screen's words; metric, kind, column and table names come from the report itself. */
export const reports: UiCatalogue = {
  ...from('reports.metric', METRIC_LABELS),
  ...from('reports.kind', KIND_LABELS),
  ...from('reports.col', COLUMN_LABELS),
  ...from('reports.text', TEXT),
  ...tableTitles,
  'reports.title': { vi: 'Báo cáo', en: 'Reports' },
  'reports.intro': {
    vi: 'Báo cáo kết quả tuyên truyền theo tháng, tính từ nhật ký phát (những gì thực sự đã phát ra loa).',
    en: 'The monthly broadcasting report, counted from the airtime log (what actually went out to the loudspeakers).',
  },
  'reports.month': { vi: 'Tháng', en: 'Month' },
  'reports.month.hint': { vi: 'Dạng năm-tháng, ví dụ 2026-05.', en: 'Year-month, for example 2026-05.' },
  'reports.zone': { vi: 'Khu vực', en: 'Zone' },
  'reports.zone.all': { vi: 'Toàn bộ khu vực', en: 'All zones' },
  'reports.period': { vi: 'Từ {from} đến {to}', en: 'From {from} to {to}' },
  'reports.downloads': { vi: 'Tải báo cáo', en: 'Download the report' },
  'reports.csvTable': { vi: 'Bảng cho tệp CSV', en: 'Table for the CSV file' },
  'reports.csv': { vi: 'Tải CSV', en: 'Download CSV' },
  'reports.xlsx': { vi: 'Tải Excel (XLSX)', en: 'Download Excel (XLSX)' },
  'reports.xlsx.hint': { vi: 'Tệp Excel có đủ mọi bảng, mỗi bảng một trang tính.', en: 'The Excel file holds every table, one sheet each.' },
  'reports.print': { vi: 'Mở bản in', en: 'Open the print view' },
  'reports.print.hint': { vi: 'Mở ở thẻ mới, theo mẫu báo cáo; dùng lệnh In của trình duyệt.', en: 'Opens in a new tab in the report form; print it from the browser.' },
  'reports.headline': { vi: 'Kết quả chung', en: 'Headline figures' },
  'reports.previous': { vi: 'Tháng trước: {value}', en: 'Previous month: {value}' },
  'reports.same': { vi: 'không đổi', en: 'no change' },
  'reports.up': { vi: 'tăng {delta}', en: 'up {delta}' },
  'reports.down': { vi: 'giảm {delta}', en: 'down {delta}' },
  'reports.byDay': { vi: 'Thời lượng phát theo ngày (phút)', en: 'Airtime by day (minutes)' },
  'reports.byDay.summary': {
    vi: 'Biểu đồ cột: {days} ngày, nhiều nhất {max} phút ngày {date}. Số liệu từng ngày ở bảng bên dưới.',
    en: 'Column chart: {days} days, most {max} minutes on {date}. The figures of each day are in the table below.',
  },
  'reports.byDay.empty': { vi: 'Biểu đồ cột: tháng này chưa có phút phát nào.', en: 'Column chart: nothing aired this month.' },
  'reports.byDay.table': { vi: 'Xem số liệu theo ngày', en: 'Show the figures by day' },
  'reports.topics': { vi: 'Chủ đề và chỉ tiêu tần suất', en: 'Topics and frequency targets' },
  'reports.topics.none': { vi: 'Không có chủ đề nào được phát trong tháng.', en: 'No topic aired this month.' },
  'reports.rule.range': { vi: '{min}–{max} {per}', en: '{min}–{max} {per}' },
  'reports.rule.met': { vi: 'đạt {met}/{required} kỳ', en: '{met}/{required} periods met' },
  'reports.rule.noTarget': { vi: 'không đặt chỉ tiêu', en: 'no target' },
  'reports.ceremonial': { vi: 'Tin, bài lễ tân, hội họp', en: 'Ceremonial content' },
  'reports.ceremonial.line': {
    vi: 'Chiếm {plays} số lượt và {airtime} thời lượng phát; mức tối đa {max}.',
    en: '{plays} of plays and {airtime} of airtime; the cap is {max}.',
  },
  'reports.ceremonial.ok': { vi: 'Dưới mức tối đa', en: 'Under the cap' },
  'reports.ceremonial.over': { vi: 'Vượt mức tối đa', en: 'At or over the cap' },
  'reports.ceremonial.zones': { vi: 'Khu vực vượt mức: {list}.', en: 'Zones at or over the cap: {list}.' },
  'reports.incidents': { vi: 'Sự cố phát sóng', en: 'Incidents' },
  'reports.incidents.failed': { vi: 'Lượt phát lỗi', en: 'Failed plays' },
  'reports.incidents.interrupted': { vi: 'Lượt bị ngắt', en: 'Interrupted plays' },
  'reports.incidents.preempted': { vi: 'Lượt bị chen ngang', en: 'Preempted plays' },
  'reports.incidents.skipped': { vi: 'Lượt bỏ qua', en: 'Skipped plays' },
  'reports.incidents.open': { vi: 'Xem các lượt lỗi trong nhật ký phát', en: 'See the failed plays in the airtime log' },
  'reports.empty': {
    vi: 'Tháng {month} chưa có lượt phát nào trong nhật ký. Chọn tháng khác, hoặc kiểm tra lịch phát của tháng đó.',
    en: 'The airtime log has no plays in {month}. Pick another month, or check that month\'s schedule.',
  },
  'reports.badMonth': { vi: 'Chọn một tháng dạng năm-tháng, ví dụ 2026-05.', en: 'Pick a month as year-month, for example 2026-05.' },
};
