import type { UiCatalogue } from './index.ts';

/** The «Dashboard» screen's words. */
export const dashboard: UiCatalogue = {
  // Zones and their state
  'dashboard.zones.title': { vi: 'Các vùng loa lúc này', en: 'Zones right now' },
  'dashboard.zones.none': {
    vi: 'Chưa có vùng loa (Tổ dân phố) nào. Thêm vùng loa ở màn hình «Khu vực».',
    en: 'No zone yet. Add one on the Zones screen.',
  },
  'dashboard.zones.playoutOff': {
    vi: 'Máy chủ đang chạy với chức năng phát sóng tắt (LOA_PLAYOUT=false): không vùng loa nào phát. Khởi động lại Loa với phát sóng bật để phát.',
    en: 'The server runs with playout switched off (LOA_PLAYOUT=false): no zone plays. Restart Loa with playout on to broadcast.',
  },
  'dashboard.state.onAir': { vi: 'Đang phát', en: 'On air' },
  'dashboard.state.idle': { vi: 'Đang nghỉ', en: 'Idle' },
  'dashboard.state.down': { vi: 'Đầu ra lỗi', en: 'Output down' },
  'dashboard.state.silence': { vi: 'Mất tiếng', en: 'Dead air' },
  'dashboard.state.off': { vi: 'Không phát', en: 'Not playing' },
  'dashboard.state.noOutput': { vi: 'Chưa có đầu ra', en: 'No output' },
  'dashboard.reason.disabled': { vi: 'Vùng loa này đang bị tắt trong cấu hình.', en: 'This zone is switched off in its settings.' },
  'dashboard.reason.playoutOff': { vi: 'Chức năng phát sóng của máy chủ đang tắt.', en: 'The server\'s playout is switched off.' },
  'dashboard.reason.noPlayer': {
    vi: 'Bộ phát của vùng loa chưa chạy (vừa thêm hoặc đang khởi động lại); chờ ít giây.',
    en: 'The zone\'s player is not running yet (just added or restarting); wait a few seconds.',
  },
  'dashboard.reason.noOutputs': {
    vi: 'Vùng loa chưa có đầu ra nào (luồng HTTP, Icecast hoặc RTP); thêm đầu ra ở màn hình «Khu vực».',
    en: 'The zone has no output (HTTP stream, Icecast or RTP); add one on the Zones screen.',
  },
  'dashboard.reason.outputDown': {
    vi: 'Đầu ra {name} không gửi được âm thanh tới thiết bị; Loa đang tự thử kết nối lại.',
    en: 'Output {name} cannot send audio to its device; Loa keeps retrying.',
  },
  'dashboard.reason.outputConnecting': { vi: 'Đầu ra {name} đang kết nối…', en: 'Output {name} is connecting…' },
  'dashboard.reason.silence': {
    vi: 'Đến giờ phát «{title}» nhưng chỉ có im lặng (tệp âm thanh lỗi hoặc nạp chậm).',
    en: '"{title}" is due but only silence goes out (the audio failed or is slow to load).',
  },
  'dashboard.reason.airtimePending': {
    vi: 'Nhật ký phát còn {n} lượt ghi chưa vào được cơ sở dữ liệu; đang thử lại.',
    en: 'The airtime log has {n} writes not yet in the database; retrying.',
  },
  'dashboard.reason.idleNext': { vi: 'Chưa đến giờ phát. Tiếp theo lúc {when}: «{title}».', en: 'Nothing due now. Next at {when}: "{title}".' },
  'dashboard.reason.idleNothing': {
    vi: 'Chưa đến giờ phát, và trong vài giờ tới chưa có tin bài nào được xếp lịch.',
    en: 'Nothing due now, and nothing is scheduled for the next few hours.',
  },
  'dashboard.reason.technical': { vi: 'Chi tiết kỹ thuật:', en: 'Technical detail:' },
  'dashboard.output.http': { vi: 'luồng HTTP {path}', en: 'HTTP stream {path}' },
  // What airs now and next
  'dashboard.now.label': { vi: 'Đang phát:', en: 'Now:' },
  'dashboard.now.progress': { vi: 'Tiến độ phát «{title}»', en: 'Progress of "{title}"' },
  'dashboard.next.label': { vi: 'Tiếp theo:', en: 'Next:' },
  'dashboard.source.plan': { vi: 'theo lịch', en: 'scheduled' },
  'dashboard.source.window': { vi: 'khung giờ {window}', en: 'window {window}' },
  'dashboard.source.programme': { vi: 'phát ngay / phát một lần', en: 'played now / once' },
  'dashboard.source.emergency': { vi: 'khẩn cấp', en: 'emergency' },
  'dashboard.source.relay': { vi: 'tiếp sóng', en: 'relay' },
  // Nghe thử
  'dashboard.listen.start': { vi: 'Nghe thử', en: 'Listen' },
  'dashboard.listen.startFor': { vi: 'Nghe thử {zone}', en: 'Listen to {zone}' },
  'dashboard.listen.stop': { vi: 'Dừng nghe', en: 'Stop listening' },
  'dashboard.listen.audio': { vi: 'Luồng phát của {zone}', en: 'Stream of {zone}' },
  'dashboard.listen.playing': { vi: 'Đang nghe luồng của {zone} (đúng như loa nhận được).', en: 'Listening to {zone}\'s stream (exactly what the loudspeakers get).' },
  'dashboard.listen.failed': {
    vi: 'Không phát được luồng: vùng loa có thể đang nghỉ và đóng luồng giữa các khung giờ. Thử lại khi đang phát.',
    en: 'The stream cannot be played: the zone may be idle and close its stream between windows. Retry while on air.',
  },
  'dashboard.listen.blocked': {
    vi: 'Trình duyệt chưa cho phát âm thanh; bấm nút phát trên thanh âm thanh.',
    en: 'The browser has not allowed audio yet; press play on the audio bar.',
  },
  'dashboard.listen.noStream': {
    vi: 'Vùng loa này không có luồng HTTP nên không nghe thử được trên trình duyệt.',
    en: 'This zone has no HTTP stream, so it cannot be heard in the browser.',
  },
  // Phát ngay
  'dashboard.play.title': { vi: 'Phát ngay', en: 'Play now' },
  'dashboard.play.hint': {
    vi: 'Phát ngay một tin bài đã duyệt trên các vùng loa đã chọn, cắt ngang tin đang phát.',
    en: 'Play an approved item now on the chosen zones, cutting in on what is on air.',
  },
  'dashboard.play.noItems': {
    vi: 'Chưa có tin bài nào đã duyệt. Tải lên ở «Thư viện» rồi nhờ kiểm duyệt.',
    en: 'No approved item yet. Upload one in the Library and have it reviewed.',
  },
  'dashboard.play.item': { vi: 'Tin bài đã duyệt', en: 'Approved item' },
  'dashboard.play.zones': { vi: 'Phát trên các vùng loa', en: 'Play on zones' },
  'dashboard.play.outside': { vi: 'Phát cả khi ngoài khung giờ phát', en: 'Play even outside the broadcast windows' },
  'dashboard.play.submit': { vi: 'Phát ngay', en: 'Play now' },
  'dashboard.play.busy': { vi: 'Đang bắt đầu phát…', en: 'Starting…' },
  'dashboard.play.done': { vi: 'Đã bắt đầu phát «{title}» trên: {zones}.', en: 'Started "{title}" on: {zones}.' },
  'dashboard.play.noZone': { vi: 'Hãy chọn ít nhất một vùng loa.', en: 'Choose at least one zone.' },
  // Today's programme
  'dashboard.day.title': { vi: 'Chương trình hôm nay ({date})', en: 'Today\'s programme ({date})' },
  'dashboard.day.legend': {
    vi: 'Thanh ngang là cả ngày từ 0 giờ đến 24 giờ: ô nhạt là khung giờ phát, ô vàng là giờ cao điểm, vạch đỏ là bây giờ.',
    en: 'The bar is the whole day from 0h to 24h: light blocks are windows, yellow blocks peak windows, the red line is now.',
  },
  'dashboard.day.peak': { vi: 'giờ cao điểm', en: 'peak' },
  'dashboard.day.windowOpen': { vi: '(đang diễn ra)', en: '(open now)' },
  'dashboard.day.windowPast': { vi: '(đã qua)', en: '(over)' },
  'dashboard.day.airing': { vi: 'đang phát', en: 'on air' },
  'dashboard.day.noSlots': { vi: 'Chưa có tin bài nào được xếp vào khung giờ này.', en: 'No item is planned in this window.' },
  'dashboard.day.noWindows': { vi: 'Hôm nay vùng loa này không có khung giờ phát.', en: 'This zone has no broadcast window today.' },
  'dashboard.day.outside': { vi: 'Ngoài các khung giờ hôm nay', en: 'Outside today\'s windows' },
  // Shortfalls
  'dashboard.short.title': { vi: 'Chỉ tiêu chưa đạt', en: 'Shortfalls' },
  'dashboard.short.today': { vi: 'Hôm nay', en: 'Today' },
  'dashboard.short.week': { vi: 'Tuần này ({from} – {to})', en: 'This week ({from} – {to})' },
  'dashboard.short.noneToday': { vi: 'Hôm nay mọi chỉ tiêu đều đạt.', en: 'Every target is met today.' },
  'dashboard.short.noneWeek': { vi: 'Những ngày khác trong tuần đều đạt chỉ tiêu.', en: 'The other days of the week meet every target.' },
  'dashboard.short.open': { vi: 'Xem và sửa ở «Lịch phát»', en: 'See and fix them in the Schedule' },
  // Ingest queue
  'dashboard.ingest.title': { vi: 'Hàng đợi xử lý âm thanh', en: 'Audio processing queue' },
  'dashboard.ingest.empty': { vi: 'Không có tệp nào đang chờ xử lý.', en: 'No file is waiting to be processed.' },
  'dashboard.ingest.counts': { vi: 'Đang xử lý: {running} tệp · đang chờ: {waiting} tệp.', en: 'Processing: {running} · waiting: {waiting}.' },
  'dashboard.ingest.batch': { vi: 'Đã xong {done}/{total}', en: 'Done {done}/{total}' },
  'dashboard.ingest.since': { vi: 'tải lên lúc {time}, đã {elapsed}', en: 'uploaded at {time}, {elapsed} ago' },
};
