import type { Lang } from '../messages.ts';
import type { AirtimeOutcome } from '../../storage/airtime.ts';
import type { UiCatalogue } from './index.ts';

/** A row's outcome as the log reads it; `airing` is a row still open (on air now). */
export type AirtimeOutcomeFilter = AirtimeOutcome | 'airing';

/**
 * Outcomes in words: the screen and the CSV export say the same thing, so a row filtered on the page
 * reads the same in the spreadsheet.
 */
export const AIRTIME_OUTCOMES: Record<AirtimeOutcomeFilter, Record<Lang, string>> = {
  completed: { vi: 'Phát trọn', en: 'Completed' },
  interrupted: { vi: 'Bị gián đoạn', en: 'Interrupted' },
  preempted: { vi: 'Bị ngắt (ưu tiên/khẩn cấp)', en: 'Cut by a priority or emergency bulletin' },
  failed: { vi: 'Lỗi', en: 'Failed' },
  skipped: { vi: 'Bỏ qua', en: 'Skipped' },
  airing: { vi: 'Đang phát', en: 'On air' },
};

/** The CSV export's column headings, in the order of its fields. */
export const AIRTIME_CSV_COLUMNS: Record<Lang, string>[] = [
  { vi: 'Tổ dân phố', en: 'Zone' },
  { vi: 'Mã tin', en: 'Item id' },
  { vi: 'Tiêu đề', en: 'Title' },
  { vi: 'Bắt đầu dự kiến', en: 'Planned start' },
  { vi: 'Bắt đầu thực tế', en: 'Actual start' },
  { vi: 'Kết thúc', en: 'End' },
  { vi: 'Thời lượng phát (giây)', en: 'Played (seconds)' },
  { vi: 'Kết quả', en: 'Outcome' },
  { vi: 'Chi tiết', en: 'Detail' },
  { vi: 'Đầu ra', en: 'Outputs' },
  { vi: 'Thiết bị nhận', en: 'Receivers' },
  { vi: 'Nhận qua', en: 'Received through' },
];

/** The receivers cell of a row logged before Loa counted receivers (or closed after a crash). */
export const RECEIVERS_UNKNOWN: Record<Lang, string> = { vi: 'không rõ', en: 'unknown' };

/** Who got a play, as the filter and the badges name it (see GET /api/airtime?reception=). */
export const AIRTIME_RECEPTION: Record<'heard' | 'unheard' | 'unknown', Record<Lang, string>> = {
  heard: { vi: 'Có thiết bị nhận', en: 'Heard by a receiver' },
  unheard: { vi: 'Phát nhưng không có thiết bị nhận', en: 'Aired, but no receiver got it' },
  unknown: { vi: 'Không rõ thiết bị nhận', en: 'Receivers unknown' },
};

const outcomeWords: UiCatalogue = Object.fromEntries(
  Object.entries(AIRTIME_OUTCOMES).map(([outcome, words]) => [`airtime.outcome.${outcome}`, words]),
);
const receptionWords: UiCatalogue = Object.fromEntries(
  Object.entries(AIRTIME_RECEPTION).map(([reception, words]) => [`airtime.reception.${reception}`, words]),
);

/** The «Nhật ký phát» screen's words. */
export const airtime: UiCatalogue = {
  ...outcomeWords,
  ...receptionWords,
  'airtime.title': { vi: 'Nhật ký phát', en: 'Airtime log' },
  'airtime.intro': {
    vi: 'Những gì thực sự đã phát ra loa, theo giờ của đài. Lọc theo Tổ dân phố, khoảng ngày và kết quả; tệp CSV xuất đúng những dòng đang lọc.',
    en: 'What actually went out to the loudspeakers, in station time. Filter by zone, dates and outcome; the CSV export holds exactly the filtered rows.',
  },
  'airtime.filter.zone': { vi: 'Tổ dân phố', en: 'Zone' },
  'airtime.filter.allZones': { vi: 'Tất cả', en: 'All zones' },
  'airtime.filter.from': { vi: 'Từ ngày', en: 'From' },
  'airtime.filter.to': { vi: 'Đến ngày', en: 'To' },
  'airtime.filter.outcome': { vi: 'Kết quả', en: 'Outcome' },
  'airtime.filter.allOutcomes': { vi: 'Mọi kết quả', en: 'Any outcome' },
  'airtime.filter.reception': { vi: 'Thiết bị nhận', en: 'Receivers' },
  'airtime.filter.anyReception': { vi: 'Tất cả', en: 'Any' },
  'airtime.filter.badRange': { vi: '«Đến ngày» phải cùng ngày hoặc sau «Từ ngày».', en: '"To" must be the same day as "From" or later.' },
  'airtime.export': { vi: 'Tải CSV', en: 'Download CSV' },
  'airtime.export.hint': { vi: 'Mở được bằng Excel, giữ đúng dấu tiếng Việt.', en: 'Opens in Excel with Vietnamese intact.' },
  'airtime.col.time': { vi: 'Bắt đầu', en: 'Started' },
  'airtime.col.zone': { vi: 'Tổ dân phố', en: 'Zone' },
  'airtime.col.title': { vi: 'Tin bài', en: 'Item' },
  'airtime.col.played': { vi: 'Đã phát', en: 'Played' },
  'airtime.col.outcome': { vi: 'Kết quả', en: 'Outcome' },
  'airtime.col.receivers': { vi: 'Thiết bị nhận', en: 'Receivers' },
  'airtime.receivers.count': { vi: '{n} thiết bị', en: '{n} receivers' },
  'airtime.receivers.none': { vi: 'Không có thiết bị nhận', en: 'No receiver' },
  'airtime.receivers.unknown': { vi: 'Không rõ', en: 'Unknown' },
  'airtime.receivers.through': { vi: 'Nhận qua: {list}', en: 'Received through: {list}' },
  'airtime.receivers.hint': {
    vi: 'Một lượt có thiết bị nhận khi có loa IP kết nối từ đầu và nhận ít nhất 90% lượt phát, hoặc máy chủ Icecast nhận ít nhất 90%, hoặc đã gửi RTP tới địa chỉ nhận. «Nghe thử» không được tính. «Không rõ»: lượt ghi trước khi Loa đếm thiết bị nhận, hoặc bị ngắt khi Loa dừng đột ngột.',
    en: 'A play has a receiver when an IP speaker connected from its start took at least 90% of it, an Icecast server accepted at least 90%, or RTP was sent to its destination. «Nghe thử» never counts. "Unknown": logged before Loa counted receivers, or cut when Loa stopped abruptly.',
  },
  'airtime.caption': { vi: 'Các lượt phát từ {from} đến {to}', en: 'Plays from {from} to {to}' },
  'airtime.count': { vi: '{n} lượt phát', en: '{n} plays' },
  'airtime.countMore': { vi: 'Đang hiện {n} lượt đầu; còn nữa.', en: 'Showing the first {n} plays; there are more.' },
  'airtime.more': { vi: 'Xem thêm', en: 'Show more' },
  'airtime.empty': {
    vi: 'Không có lượt phát nào khớp bộ lọc. Thử mở rộng khoảng ngày hoặc chọn «Mọi kết quả».',
    en: 'No plays match the filter. Try a wider date range or "Any outcome".',
  },
  'airtime.planned': { vi: 'dự kiến {time}', en: 'planned {time}' },
  'airtime.source.emergency': { vi: 'khẩn cấp', en: 'emergency' },
  'airtime.source.relay': { vi: 'tiếp âm', en: 'relay' },
  'airtime.source.programme': { vi: 'chương trình', en: 'programme' },
  'airtime.detail': { vi: 'Chi tiết kỹ thuật', en: 'Technical detail' },
};
