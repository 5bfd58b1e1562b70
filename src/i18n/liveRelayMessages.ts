/**
 * The API's sentences about live broadcasts and relays (issue 11, decisions §9), part of the message
 * catalogue (messages.ts), kept apart so the catalogue stays readable.
 */
export const LIVE_AND_RELAY_MESSAGES = {
  // Live broadcast (issue 11, decisions §9).
  'live-unauthorized': {
    vi: 'Cần tên đăng nhập Loa và mã truy cập (token) của người đó để phát trực tiếp.',
    en: 'A Loa username and one of that user\'s API tokens are needed to broadcast live.',
  },
  'live-mount-unknown': { vi: 'Không có điểm phát trực tiếp «{mount}».', en: 'There is no live mount "{mount}".' },
  'live-mount-busy': { vi: 'Điểm phát «{mount}» đang có người phát (mount in use).', en: 'Mount in use: someone is already broadcasting on "{mount}".' },
  'live-mount-no-zone': { vi: 'Điểm phát «{mount}» không dẫn tới Tổ dân phố nào đang hoạt động.', en: 'Live mount "{mount}" reaches no enabled zone.' },
  // Relays (tiếp âm, issue 11, decisions §9): sources and the fixed times they air.
  'source-url-invalid': {
    vi: 'Địa chỉ nguồn (url) «{url}» không dùng được: nguồn tiếp âm phải là địa chỉ http:// hoặc https:// (luồng MP3/AAC, kể cả điểm phát Icecast, hoặc danh sách HLS); không nhận tệp (file://), đường dẫn trên máy hay ftp.',
    en: 'The source url "{url}" cannot be used: a relay source must be an http:// or https:// address (an MP3/AAC stream, Icecast mounts included, or an HLS playlist); files (file://), paths on the machine and ftp are not accepted.',
  },
  'source-url-icecast': {
    vi: 'Địa chỉ nguồn (url) «{url}» dạng icecast:// là địa chỉ để đẩy âm thanh lên Icecast, không kéo về được; hãy dùng địa chỉ http(s) của điểm phát, ví dụ http://may-chu:8000/ten-diem-phat.',
    en: 'The source url "{url}": icecast:// is an address to push audio to Icecast, not one to pull from; give the mount\'s http(s) address, e.g. http://host:8000/mount.',
  },
  'source-url-hidden': {
    vi: 'Địa chỉ nguồn (url) có mật khẩu bị ẩn (***) nhưng đài chưa lưu mật khẩu nào cho nguồn này; hãy nhập mật khẩu thật.',
    en: 'The source url has a hidden password (***) but none is stored for this source; give the real password.',
  },
  'unknown-source': { vi: 'Nguồn tiếp âm «{id}» chưa có.', en: 'Relay source "{id}" does not exist.' },
  'source-in-use': {
    vi: 'Chưa xoá được nguồn tiếp âm «{id}»: lịch tiếp âm {relays} vẫn dùng nguồn này; hãy sửa hoặc xoá các lịch đó trước.',
    en: 'Relay source "{id}" cannot be deleted yet: relay {relays} still uses it; change or remove those relays first.',
  },
  'relay-duplicate': { vi: 'Lịch tiếp âm «{id}» được khai hai lần.', en: 'Relay "{id}" is listed twice.' },
  'relay-times': {
    vi: 'Lịch tiếp âm «{id}»: giờ kết thúc {end} phải sau giờ bắt đầu {start} trong cùng một ngày.',
    en: 'Relay "{id}": end {end} must be after start {start} on the same day.',
  },
  'relay-overlap': {
    vi: 'Lịch tiếp âm «{id}» trùng giờ với «{other}» trên vùng loa «{zone}» vào cùng một ngày trong tuần; mỗi vùng loa chỉ tiếp âm một nguồn mỗi lúc.',
    en: 'Relay "{id}" overlaps "{other}" on zone "{zone}" on a shared weekday; a zone relays one source at a time.',
  },
  'relay-fallback-unknown': { vi: 'Lịch tiếp âm «{id}»: không có tin bài dự phòng «{item}».', en: 'Relay "{id}": there is no fallback item "{item}".' },
  'relay-fallback-not-approved': {
    vi: 'Lịch tiếp âm «{id}»: tin bài dự phòng «{item}» chưa được duyệt; chỉ tin bài đã duyệt mới được phát thay khi mất nguồn.',
    en: 'Relay "{id}": fallback item "{item}" is not approved; only an approved item may air in place of a lost source.',
  },
  'live-zone-busy': {
    vi: 'Đang có buổi phát trực tiếp trên {zones}; hãy chờ buổi đó kết thúc rồi thử lại.',
    en: 'A live broadcast is already on {zones}; wait for it to end, then try again.',
  },
  'live-ticket-invalid': {
    vi: 'Mã mở kết nối phát trực tiếp không đúng, đã dùng hoặc đã hết hạn; hãy bấm «Phát trực tiếp» lại.',
    en: 'The live broadcast ticket is wrong, used or expired; press "Go live" again.',
  },
  'live-origin-refused': {
    vi: 'Chỉ mở được kết nối phát trực tiếp từ trang quản trị của chính máy chủ Loa này, không từ «{origin}».',
    en: 'A live broadcast connection can only be opened from this Loa server\'s own admin page, not from "{origin}".',
  },
  'live-no-audio': {
    vi: 'Không nhận được âm thanh nào trong {seconds} giây nên buổi phát trực tiếp đã dừng; hãy kiểm tra micrô rồi thử lại.',
    en: 'No audio arrived within {seconds} seconds, so the live broadcast stopped; check the microphone and try again.',
  },
} as const satisfies Record<string, Record<'vi' | 'en', string>>;
