/**
 * The words of the report's devices section and of the CAP part of its bulletin section, in
 * Vietnamese and English (the rest of the report's words are in labels.ts and documentLabels.ts).
 */
import type { Label } from './labels.ts';

/** Device kinds (decisions §10). */
export const DEVICE_KIND_LABELS: Record<string, Label> = {
  stream: { vi: 'Nhận luồng trực tiếp', en: 'Stream' },
  download: { vi: 'Tải về, phát theo lịch', en: 'Download (store and forward)' },
  rtp: { vi: 'RTP', en: 'RTP' },
  'relay-fed': { vi: 'Nhận tiếp sóng', en: 'Relay-fed' },
  unknown: { vi: 'Không rõ', en: 'Unknown' },
};

/** CAP `status` values. */
export const CAP_STATUS_LABELS: Record<string, Label> = {
  Actual: { vi: 'Chính thức', en: 'Actual' },
  Exercise: { vi: 'Diễn tập', en: 'Exercise' },
  Test: { vi: 'Thử nghiệm', en: 'Test' },
  System: { vi: 'Hệ thống', en: 'System' },
  Draft: { vi: 'Bản nháp', en: 'Draft' },
};

/** CAP `msgType` values. */
export const CAP_MSG_TYPE_LABELS: Record<string, Label> = {
  Alert: { vi: 'Cảnh báo', en: 'Alert' },
  Update: { vi: 'Cập nhật', en: 'Update' },
  Cancel: { vi: 'Hủy', en: 'Cancel' },
  Ack: { vi: 'Xác nhận', en: 'Ack' },
  Error: { vi: 'Báo lỗi', en: 'Error' },
};

/** Where an alert stands. */
export const CAP_STATE_LABELS: Record<string, Label> = {
  received: { vi: 'Đang xử lý', en: 'Being handled' },
  active: { vi: 'Đang hiệu lực', en: 'In force' },
  logged: { vi: 'Chỉ ghi nhận', en: 'Logged only' },
  failed: { vi: 'Không phát được', en: 'Failed' },
  applied: { vi: 'Đã thực hiện', en: 'Applied' },
  replaced: { vi: 'Đã được thay thế', en: 'Replaced' },
  cancelled: { vi: 'Đã hủy', en: 'Cancelled' },
  expired: { vi: 'Đã hết hạn', en: 'Expired' },
};

/** Why an alert aired nowhere or failed (codes of src/cap/capMap.ts, capContent.ts, capService.ts). */
export const CAP_REASON_LABELS: Record<string, Label> = {
  'no-info': { vi: 'không có phần thông tin', en: 'no info element' },
  'not-actual': { vi: 'không phải cảnh báo chính thức', en: 'not an actual alert' },
  'no-test-zone': { vi: 'không khu vực nào nhận cảnh báo thử', en: 'no zone takes test alerts' },
  'no-geocode': { vi: 'vùng cảnh báo không có mã địa bàn', en: 'its area has no geocode' },
  'no-zone': { vi: 'mã địa bàn không ứng với khu vực nào', en: 'its geocodes name no zone' },
  expired: { vi: 'đã hết hạn khi nhận', en: 'expired on arrival' },
  'not-an-alert': { vi: 'không phải bản tin cảnh báo', en: 'not an alert' },
  'references-nothing-on-air': { vi: 'không có cảnh báo nào đang phát để hủy', en: 'nothing it names was on air' },
  'cap-no-audio': { vi: 'không có âm thanh và không có chữ để đọc', en: 'no audio and no text to read' },
  'cap-audio-failed': { vi: 'không lấy được âm thanh kèm theo', en: 'its audio could not be used' },
  'cap-no-speech': { vi: 'không có bộ đọc văn bản', en: 'no speech engine' },
  'cap-air-failed': { vi: 'không phát được', en: 'could not air' },
  'cap-interrupted': { vi: 'hệ thống dừng khi đang xử lý', en: 'the daemon stopped while handling it' },
  'internal-error': { vi: 'lỗi của hệ thống', en: 'a server fault' },
};

/** One step of an alert's journey, as words ("{time}" is "dd/mm hh:mm"). */
export const CAP_STEP_LABELS = {
  received: { vi: 'nhận lúc {time}', en: 'received {time}' },
  receivedFeed: { vi: 'nhận lúc {time} (nguồn cấp)', en: 'received {time} (feed)' },
  mapped: { vi: 'ứng với {zones}', en: 'mapped to {zones}' },
  mappedNone: { vi: 'không ứng với khu vực nào', en: 'mapped to no zone' },
  unmatched: { vi: 'mã không khớp: {codes}', en: 'unmatched codes: {codes}' },
  airedBulletin: { vi: 'phát khẩn cấp lúc {time} tại {n} khu vực', en: 'aired as a bulletin at {time} in {n} zones' },
  airedLibrary: { vi: 'đưa vào phát ưu tiên lúc {time}', en: 'entered the library at priority at {time}' },
  logged: { vi: 'chỉ ghi nhận: {reason}', en: 'logged: {reason}' },
  loggedCancel: { vi: 'hủy {refs}', en: 'cancels {refs}' },
  loggedPlain: { vi: 'chỉ ghi nhận', en: 'logged' },
  failed: { vi: 'không phát được: {reason}', en: 'failed: {reason}' },
  updated: { vi: 'thay thế {refs}', en: 'replaces {refs}' },
  replaced: { vi: 'được thay thế bởi {refs} lúc {time}', en: 'replaced by {refs} at {time}' },
  cancelled: { vi: 'bị hủy bởi {refs} lúc {time}', en: 'cancelled by {refs} at {time}' },
  expired: { vi: 'hết hạn lúc {time}', en: 'expired at {time}' },
} satisfies Record<string, Label>;

/** Column headings of the devices and CAP tables. */
export const SECTION_COLUMNS = {
  deviceId: { vi: 'Mã cụm loa', en: 'Device id' },
  deviceName: { vi: 'Tên cụm loa', en: 'Cluster' },
  deviceKind: { vi: 'Cách nhận', en: 'Kind' },
  monitored: { vi: 'Được giám sát', en: 'Monitored' },
  onlineHours: { vi: 'Giờ trực tuyến', en: 'Hours online' },
  offlineHours: { vi: 'Giờ mất kết nối', en: 'Hours offline' },
  onlineShare: { vi: 'Tỷ lệ trực tuyến (%)', en: 'Online (%)' },
  working: { vi: 'Hoạt động tốt (≥ {share}%)', en: 'Working (≥ {share}%)' },
  outages: { vi: 'Số lần mất kết nối', en: 'Outages' },
  reportedPlays: { vi: 'Lượt phát thiết bị báo về', en: 'Plays reported' },
  note: { vi: 'Ghi chú', en: 'Note' },
  outageFrom: { vi: 'Mất kết nối từ', en: 'Offline from' },
  outageTo: { vi: 'Đến', en: 'To' },
  outageHours: { vi: 'Số giờ', en: 'Hours' },
  outageOpen: { vi: 'Chưa khắc phục khi hết kỳ', en: 'Still offline at the end' },
  capReceived: { vi: 'Nhận lúc', en: 'Received' },
  capSender: { vi: 'Nơi gửi', en: 'Sender' },
  capIdentifier: { vi: 'Số hiệu cảnh báo', en: 'Identifier' },
  capEvent: { vi: 'Sự kiện, tiêu đề', en: 'Event, headline' },
  capMsgType: { vi: 'Loại bản tin', en: 'Message' },
  capLevel: { vi: 'Mức', en: 'Level' },
  capStatus: { vi: 'Trạng thái CAP', en: 'CAP status' },
  capZones: { vi: 'Khu vực', en: 'Zones' },
  capJourney: { vi: 'Diễn biến', en: 'Journey' },
  capState: { vi: 'Tình trạng', en: 'State' },
  capPlays: { vi: 'Lượt phát có thiết bị nhận', en: 'Heard plays' },
} satisfies Record<string, Label>;

/** Short texts in the devices and CAP tables. */
export const SECTION_TEXT = {
  clusters: { vi: '{n} cụm loa', en: '{n} clusters' },
  removedAt: { vi: 'Đã gỡ lúc {time}', en: 'Removed at {time}' },
  removed: { vi: 'Đã gỡ trong tháng', en: 'Removed in the month' },
  notMonitored: { vi: 'Không giám sát được', en: 'Not monitored' },
  noDevice: { vi: 'Trong tháng chưa có cụm loa nào được đăng ký trên hệ thống.', en: 'No loudspeaker cluster was registered in the month.' },
  noLevel: { vi: '—', en: '—' },
} satisfies Record<string, Label>;

/** Sentences of the document about devices and CAP alerts. */
export const SECTION_PROSE = {
  devicesPart: { vi: 'Cụm loa và tình trạng hoạt động', en: 'Loudspeaker clusters' },
  devices: {
    vi: 'Trong tháng có {clusters} cụm loa được đăng ký ({monitored} cụm được giám sát trực tuyến, {notMonitored} cụm không giám sát được); {working}/{monitored} cụm được giám sát hoạt động tốt (trực tuyến từ {share} thời gian trở lên); {withOutages} cụm bị mất kết nối, tổng cộng {outages} lần, {offlineHours} giờ.',
    en: '{clusters} loudspeaker clusters were registered in the month ({monitored} monitored, {notMonitored} not monitored); {working} of {monitored} monitored clusters were working (online at least {share} of the time); {withOutages} clusters went offline, {outages} outages, {offlineHours} hours in all.',
  },
  devicesRemoved: { vi: '{n} cụm loa đã được gỡ khỏi hệ thống trong tháng (số liệu tính đến lúc gỡ).', en: '{n} clusters were removed in the month (counted until then).' },
  devicesReported: { vi: 'Các cụm loa tải về, phát theo lịch đã báo về {plays} lượt phát.', en: 'Download clusters reported {plays} plays.' },
  zonesWithout: { vi: 'Khu vực chưa đăng ký cụm loa: {list}.', en: 'Zones with no cluster registered: {list}.' },
  noOutage: { vi: 'Không có cụm loa nào bị mất kết nối trong tháng.', en: 'No cluster went offline in the month.' },
  cap: {
    vi: 'Trong tháng nhận {received} cảnh báo CAP chính thức: {aired} cảnh báo được phát, {logged} cảnh báo chỉ ghi nhận (không phát), {failed} cảnh báo không phát được; tổng cộng {plays} lượt phát có thiết bị nhận.',
    en: '{received} actual CAP alerts were received in the month: {aired} aired, {logged} logged without airing, {failed} failed; {plays} heard plays in all.',
  },
  capTests: {
    vi: 'Ngoài ra nhận {tests} cảnh báo diễn tập, thử nghiệm ({plays} lượt phát tại khu vực nhận cảnh báo thử), liệt kê riêng.',
    en: 'Also {tests} exercise or test alerts ({plays} plays in zones that take test alerts), listed apart.',
  },
  noCap: { vi: 'Trong tháng không nhận được cảnh báo CAP nào.', en: 'No CAP alert was received in the month.' },
  noActualCap: { vi: 'Trong tháng không nhận được cảnh báo CAP chính thức nào.', en: 'No actual CAP alert was received in the month.' },
} satisfies Record<string, Label>;

/** Difficulties Loa suggests from the clusters and the CAP alerts (beside documentLabels.ts's SUGGEST). */
export const SECTION_SUGGEST = {
  devices: {
    vi: '{n}/{monitored} cụm loa được giám sát chưa hoạt động tốt (trực tuyến dưới {share} thời gian): {list}; cần kiểm tra thiết bị và đường truyền.',
    en: '{n} of {monitored} monitored clusters were not working (online under {share} of the time): {list}; their equipment and links need checking.',
  },
  device: { vi: '{name} ({zone}, trực tuyến {online})', en: '{name} ({zone}, online {online})' },
  more: { vi: '{n} cụm khác', en: '{n} more' },
  capFailed: {
    vi: 'Có {n} cảnh báo CAP không phát được: {list}.',
    en: 'CAP alerts that could not air ({n}): {list}.',
  },
  capAlert: { vi: '{identifier} ({reason})', en: '{identifier} ({reason})' },
} satisfies Record<string, Label>;
