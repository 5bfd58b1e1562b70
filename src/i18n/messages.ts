/**
 * The message catalogue for what operators see from the API: every code has a Vietnamese and an
 * English sentence. `{name}` placeholders are filled from the error's params.
 */
import { LIVE_AND_RELAY_MESSAGES } from './liveRelayMessages.ts';

export type Lang = 'vi' | 'en';

export const MESSAGES = {
  'validation-failed': { vi: 'Dữ liệu không hợp lệ: {details}', en: 'Invalid input: {details}' },
  unauthorized: { vi: 'Cần đăng nhập (thiếu hoặc sai mã truy cập).', en: 'Login required (missing or invalid token).' },
  'login-failed': { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong username or password.' },
  'username-taken': { vi: 'Tên đăng nhập «{username}» đã có người dùng; hãy chọn tên khác.', en: 'The username "{username}" is taken; choose another.' },
  'token-scope': {
    vi: 'Mã truy cập này không được cấp quyền «{permission}»; hãy dùng mã khác hoặc tạo mã có quyền đó.',
    en: 'This token is not granted "{permission}"; use another token or make one with that permission.',
  },
  'scope-beyond-role': {
    vi: 'Không cấp được quyền «{permission}» cho mã: vai trò của bạn không có quyền này.',
    en: 'Cannot grant "{permission}" to the token: your role does not have it.',
  },
  'login-locked': {
    vi: 'Đăng nhập sai quá nhiều lần từ máy này; hãy thử lại sau {seconds} giây.',
    en: 'Too many failed logins from this computer; try again in {seconds} seconds.',
  },
  'too-many-requests': { vi: 'Quá nhiều yêu cầu từ máy này; hãy chờ một chút rồi thử lại.', en: 'Too many requests from this computer; wait a moment and retry.' },
  'csrf-failed': {
    vi: 'Trang đã cũ hoặc thiếu mã bảo vệ (CSRF); hãy tải lại trang rồi thử lại.',
    en: 'The page is stale or lacks its protection code (CSRF); reload the page and retry.',
  },
  'session-expired': { vi: 'Phiên làm việc đã hết hạn; hãy đăng nhập lại.', en: 'Your session has expired; please log in again.' },
  forbidden: { vi: 'Vai trò «{role}» không được phép thực hiện thao tác này.', en: 'Role "{role}" may not do this.' },
  'not-found': { vi: 'Không tìm thấy {what} «{id}».', en: 'No {what} "{id}" was found.' },
  'route-not-found': { vi: 'Không có đường dẫn {method} {url}.', en: 'No route {method} {url}.' },
  'upload-too-large': { vi: 'Tệp vượt quá giới hạn {limitMb} MB.', en: 'The file exceeds the {limitMb} MB limit.' },
  'upload-missing-file': { vi: 'Thiếu tệp âm thanh (trường «file»).', en: 'The audio file (field "file") is missing.' },
  'upload-not-multipart': { vi: 'Cần gửi dạng multipart/form-data.', en: 'Send multipart/form-data.' },
  'invalid-transition': {
    vi: 'Không thể {action} tin bài đang ở trạng thái «{status}».',
    en: 'Cannot {action} an item that is {status}.',
  },
  'four-eyes': {
    vi: 'Người kiểm duyệt không được tự duyệt tin bài do chính mình gửi.',
    en: 'A reviewer may not approve an item they submitted.',
  },
  'reject-note-required': { vi: 'Phải ghi lý do khi từ chối.', en: 'A note is required to reject.' },
  'unknown-topic': { vi: 'Chủ đề «{id}» chưa có trong danh mục.', en: 'Topic "{id}" does not exist.' },
  'unknown-zone': { vi: 'Tổ dân phố (vùng loa) «{id}» chưa có.', en: 'Zone "{id}" does not exist.' },
  'validity-range': {
    vi: 'Thời điểm hết hiệu lực phải sau thời điểm bắt đầu hiệu lực.',
    en: 'validUntil must be after validFrom.',
  },
  'ingest-failed': { vi: 'Xử lý âm thanh thất bại: {reason}', en: 'Audio processing failed: {reason}' },
  'not-own-item': { vi: 'Đơn vị chỉ được xem và sửa tin bài của mình.', en: 'A unit may only see and edit its own items.' },
  'zone-in-rules': {
    vi: 'Chưa xoá được khu vực «{id}»: quy tắc của chủ đề {topics} vẫn nhắc tới khu vực này; hãy sửa các quy tắc đó trước.',
    en: 'Zone "{id}" cannot be deleted yet: the rules of topic {topics} still name it; change those rules first.',
  },
  'pin-refused': { vi: 'Không ghim được: {reason}.', en: 'Cannot pin: {reason}.' },
  'priority-order-not-priority': {
    vi: 'Mục items[{index}] («{id}») không phải tin bài ưu tiên đã duyệt; chỉ xếp thứ tự được các tin bài ưu tiên đã duyệt.',
    en: 'Entry items[{index}] ("{id}") is not an approved priority item; only approved priority items can be ordered.',
  },
  'priority-order-duplicate': {
    vi: 'Mục items[{index}]: tin bài «{id}» đã có ở mục items[{first}]; mỗi tin bài chỉ xếp một lần.',
    en: 'Entry items[{index}]: item "{id}" is already at items[{first}]; list each item once.',
  },
  'outside-windows': {
    vi: 'Thời điểm này nằm ngoài khung giờ phát của {zones}; hãy chọn «Phát cả khi ngoài khung giờ phát» (outsideWindows) nếu vẫn muốn phát.',
    en: 'This time is outside the broadcast windows of {zones}; choose "Play even outside the broadcast windows" (outsideWindows) to air it anyway.',
  },
  'item-not-playable': {
    vi: 'Tin bài «{title}» chưa được duyệt hoặc chưa xử lý xong âm thanh nên chưa phát được.',
    en: 'Item "{title}" is not approved or its audio is not processed yet, so it cannot be played.',
  },
  'no-stream': {
    vi: 'Tổ dân phố «{id}» không có hoặc không có luồng phát HTTP.',
    en: 'Zone "{id}" does not exist or has no HTTP stream.',
  },
  'stream-key': { vi: 'Sai hoặc thiếu khóa luồng phát (?key=).', en: 'Missing or wrong stream key (?key=).' },
  'stream-idle': { vi: 'Hiện không có chương trình phát, vui lòng kết nối lại sau.', en: 'No programme on air now, retry later.' },
  'stream-stopped': { vi: 'Luồng phát đang tạm dừng.', en: 'The stream is stopped.' },
  'internal-error': { vi: 'Lỗi máy chủ; chi tiết đã được ghi vào nhật ký.', en: 'Server error; details were logged.' },
  'shutting-down': { vi: 'Máy chủ đang dừng, vui lòng thử lại sau.', en: 'The server is shutting down; retry later.' },
  'airtime-log-pending': {
    vi: 'Nhật ký phát sóng chưa ghi được {pending} lượt ghi vào cơ sở dữ liệu (từ {since}); đang thử lại. Lỗi gần nhất: {error}',
    en: 'The airtime log has {pending} writes not yet in the database (since {since}); retrying. Last error: {error}',
  },
  // /healthz: one sentence per failing check, joined by 'health-degraded'.
  'health-degraded': { vi: 'Dịch vụ đang gặp sự cố: {problems}', en: 'The service is degraded: {problems}' },
  'health-db-failed': { vi: 'Cơ sở dữ liệu không trả lời ({reason}).', en: 'The database does not answer ({reason}).' },
  'health-db-missing': {
    vi: 'Tệp cơ sở dữ liệu {file} đã bị xoá hoặc di chuyển; những gì ghi tiếp sẽ mất khi khởi động lại.',
    en: 'The database file {file} was deleted or moved; what is written now will be lost at restart.',
  },
  'health-ffmpeg-missing': { vi: 'Không còn tìm thấy ffmpeg tại {path}.', en: 'ffmpeg is no longer at {path}.' },
  'health-ffmpeg-failed': { vi: 'ffmpeg ({path}) không chạy được: {reason}.', en: 'ffmpeg ({path}) does not run: {reason}.' },
  'health-disk-low': {
    vi: 'Ổ đĩa chứa {dir} chỉ còn trống {free} (ngưỡng tối thiểu {min}).',
    en: 'The disk holding {dir} has only {free} free (minimum {min}).',
  },
  'health-disk-unreadable': {
    vi: 'Không đọc được dung lượng trống của {dir} ({reason}).',
    en: 'Cannot read the free space of {dir} ({reason}).',
  },
  'health-check-failed': { vi: 'Không kiểm tra được «{name}»: {reason}.', en: 'Check "{name}" could not run: {reason}.' },
  // The monthly report as a document (drafts, finalize, reissue).
  'report-month-future': {
    vi: 'Tháng {month} chưa tới; chỉ lập báo cáo cho tháng này hoặc các tháng trước.',
    en: 'Month {month} has not come yet; reports cover this month or earlier ones.',
  },
  'report-month-open': {
    vi: 'Tháng {month} chưa kết thúc; chỉ hoàn thành báo cáo sau ngày cuối cùng của tháng.',
    en: 'Month {month} is not over yet; a report is finalized after the last day of its month.',
  },
  'report-already-final': {
    vi: 'Báo cáo tháng {month} đã hoàn thành (phiên bản {version}); muốn sửa, hãy phát hành lại.',
    en: 'The report of {month} is already finalized (version {version}); to correct it, reissue it.',
  },
  'report-not-final': {
    vi: 'Báo cáo tháng {month} chưa hoàn thành nên chưa phát hành lại được; hãy hoàn thành trước.',
    en: 'The report of {month} is not finalized yet, so it cannot be reissued; finalize it first.',
  },
  // Emergency bulletins (issue 10, decisions §4–§5).
  'emergency-item-or-text': {
    vi: 'Hãy chọn một tin bài đã có (itemId) hoặc nhập nội dung để đọc (text), chỉ một trong hai.',
    en: 'Give either an existing item (itemId) or a text to read out (text), not both.',
  },
  'emergency-item-not-ready': {
    vi: 'Tin bài «{title}» đang ở trạng thái «{status}» nên chưa phát khẩn cấp được.',
    en: 'Item "{title}" is {status}, so it cannot air as an emergency.',
  },
  'emergency-no-zone': { vi: 'Không có Tổ dân phố nào đang hoạt động trong «{id}».', en: 'No enabled zone in "{id}".' },
  'emergency-until-past': {
    vi: 'Thời điểm dừng lặp (repeat.until) đã qua; hãy chọn một thời điểm sắp tới.',
    en: 'The end of the repeats (repeat.until) is in the past; choose a time to come.',
  },
  'emergency-interval-required': {
    vi: 'Bản tin phát lặp lại cần khoảng cách giữa các lần phát (repeat.everyMinutes, tính bằng phút).',
    en: 'A repeating bulletin needs the interval between airings (repeat.everyMinutes, in minutes).',
  },
  'emergency-no-end': {
    vi: 'Bản tin phát lặp lại cần số lần phát (repeat.times) hoặc thời điểm dừng (repeat.until).',
    en: 'A repeating bulletin needs a number of airings (repeat.times) or an end (repeat.until).',
  },
  'emergency-interval-short': {
    vi: 'Khoảng cách {minutes} phút ngắn hơn bản tin (dài {length} phút); hãy chọn khoảng cách dài hơn.',
    en: 'An interval of {minutes} min is shorter than the bulletin ({length} min); choose a longer one.',
  },
  'emergency-on-the-hour': {
    vi: 'Phát vào đầu giờ cần khoảng cách là bội số của 60 phút (60, 120, 180…).',
    en: 'Airing on the hour needs an interval that is a multiple of 60 minutes (60, 120, 180…).',
  },
  'emergency-too-many': {
    vi: 'Quá {max} lần phát; hãy dừng lặp sớm hơn hoặc giãn khoảng cách.',
    en: 'More than {max} airings; end the repeats sooner or lengthen the interval.',
  },
  'emergency-not-active': { vi: 'Bản tin khẩn cấp «{id}» đã kết thúc hoặc đã huỷ.', en: 'Emergency bulletin "{id}" has already ended or been cancelled.' },
  'emergency-speech-unavailable': {
    vi: 'Đài chưa có bộ đọc văn bản (LOA_TTS_COMMAND) nên không phát được nội dung gõ vào; hãy chọn một tin bài đã có.',
    en: 'The station has no speech engine (LOA_TTS_COMMAND), so typed text cannot air; choose an existing item.',
  },
  'emergency-speech-failed': {
    vi: 'Không tạo được âm thanh từ nội dung: {reason}',
    en: 'Could not make audio from the text: {reason}',
  },
  // Head-end devices (issue 14, decisions §1, §10).
  'device-key': {
    vi: 'Sai hoặc thiếu khóa thiết bị (?key= hoặc tiêu đề X-Stream-Key).',
    en: 'Missing or wrong device key (?key= or the X-Stream-Key header).',
  },
  'stream-denied': {
    vi: 'Không mở được luồng: sai hoặc thiếu khóa luồng (?key=), hoặc không có luồng này.',
    en: 'Cannot open this stream: missing or wrong stream key (?key=), or no such stream.',
  },
  'device-play-times': { vi: 'Lượt phát {item} lúc {start}: thời điểm kết thúc trước thời điểm bắt đầu.', en: 'Play of {item} at {start}: it ends before it starts.' },
  'device-play-future': {
    vi: 'Lượt phát {item} lúc {start}: thời điểm này chưa tới (đồng hồ của thiết bị chạy nhanh?).',
    en: 'Play of {item} at {start}: that time has not come yet (is the device clock fast?).',
  },
  'device-play-not-given': {
    vi: 'Lượt phát {item} lúc {start}: chương trình chưa từng giao tin bài này cho thiết bị.',
    en: 'Play of {item} at {start}: the feed never gave this item to this device.',
  },
  'device-play-off-slot': {
    vi: 'Lượt phát {item} lúc {start}: không có lượt phát nào của tin bài này giao cho thiết bị trong vòng 5 phút quanh thời điểm đó.',
    en: 'Play of {item} at {start}: no slot of this item given to this device lies within 5 minutes of that time.',
  },
  'device-plays-refused': {
    vi: 'Không nhận báo cáo phát nào: cả {count} báo cáo bị từ chối (lý do từng báo cáo trong details).',
    en: 'No play report was accepted: all {count} were refused (each one\'s reason is in details).',
  },
  'device-gap-relay': {
    vi: 'Tiếp sóng hoặc phát trực tiếp: chỉ có qua luồng phát, không tải về được.',
    en: 'Relay or live broadcast: streamed only, not offered for download.',
  },
  'device-gap-no-audio': { vi: 'Tin bài chưa có tệp âm thanh.', en: 'The item has no audio file.' },
  // Speech from text (src/speech): the engine is the station's LOA_TTS_COMMAND.
  'speech-unavailable': {
    vi: 'Đài chưa có bộ đọc văn bản thành giọng nói (thiết lập LOA_TTS_COMMAND đang để trống); hãy nhờ quản trị đặt lệnh của bộ đọc, ví dụ espeak-ng.',
    en: 'This station has no speech engine (the setting LOA_TTS_COMMAND is empty); ask the administrator to set the engine\'s command, e.g. espeak-ng.',
  },
  'speech-engine-missing': {
    vi: 'Không chạy được bộ đọc văn bản «{program}» ({reason}); hãy cài chương trình này hoặc sửa thiết lập LOA_TTS_COMMAND.',
    en: 'The speech engine "{program}" cannot be run ({reason}); install it or correct the setting LOA_TTS_COMMAND.',
  },
  'speech-engine-failed': {
    vi: 'Bộ đọc văn bản «{program}» bị lỗi (mã thoát {exitCode}): {cause}',
    en: 'The speech engine "{program}" failed (exit code {exitCode}): {cause}',
  },
  'speech-engine-timeout': {
    vi: 'Bộ đọc văn bản «{program}» chưa đọc xong sau {seconds} giây nên đã bị dừng (thiết lập LOA_TTS_TIMEOUT_SECONDS). {cause}',
    en: 'The speech engine "{program}" had not finished after {seconds} seconds and was stopped (setting LOA_TTS_TIMEOUT_SECONDS). {cause}',
  },
  'speech-engine-no-audio': {
    vi: 'Bộ đọc văn bản «{program}» chạy xong nhưng {problem}; hãy kiểm tra thiết lập LOA_TTS_COMMAND (chỗ {out} là tệp âm thanh phải ghi ra).',
    en: 'The speech engine "{program}" finished but {problem}; check the setting LOA_TTS_COMMAND ({out} is the audio file it must write).',
  },
  'speech-voice-unknown': {
    vi: 'Không có giọng đọc «{voice}»; hãy chọn một trong: {voices}.',
    en: 'There is no voice "{voice}"; choose one of: {voices}.',
  },
  'speech-nothing-to-say': {
    vi: 'Văn bản không có chữ hay số nào để đọc.',
    en: 'The text has no letters or digits to read.',
  },
  // CAP 1.2 alerts (issue 10, decisions §6).
  'cap-invalid': { vi: 'Bản tin CAP 1.2 không hợp lệ: {details}', en: 'Not a valid CAP 1.2 alert: {details}' },
  'cap-not-xml': {
    vi: 'Hãy gửi bản tin CAP dạng XML (Content-Type: application/cap+xml, application/xml hoặc text/xml).',
    en: 'Send the CAP alert as XML (Content-Type: application/cap+xml, application/xml or text/xml).',
  },
  'cap-no-audio': {
    vi: 'Đã ghi nhận cảnh báo nhưng không phát được: cảnh báo không có âm thanh và không có tiêu đề, mô tả hay hướng dẫn để đọc.',
    en: 'The alert was logged but cannot air: it has no audio and no headline, description or instruction to read out.',
  },
  'cap-audio-failed': {
    vi: 'Đã ghi nhận cảnh báo nhưng không phát được: không lấy được âm thanh kèm theo và cảnh báo không có chữ để đọc.',
    en: 'The alert was logged but cannot air: its audio could not be used and it has no text to read out.',
  },
  'cap-no-speech': {
    vi: 'Đã ghi nhận cảnh báo nhưng không phát được: cảnh báo không có âm thanh dùng được và đài chưa có bộ đọc văn bản.',
    en: 'The alert was logged but cannot air: it has no usable audio and the station has no working speech engine.',
  },
  'cap-air-failed': { vi: 'Đã ghi nhận cảnh báo nhưng không phát được: {reason}', en: 'The alert was logged but cannot air: {reason}' },
  'cap-interrupted': {
    vi: 'Loa đã dừng khi đang xử lý cảnh báo này nên cảnh báo không được phát; hãy gửi một bản cập nhật (Update).',
    en: 'Loa stopped while handling this alert, so it did not air; send an Update.',
  },
  ...LIVE_AND_RELAY_MESSAGES,
} as const satisfies Record<string, Record<Lang, string>>;

export type MessageCode = keyof typeof MESSAGES;

/** A placeholder's value: a plain value, or a word in both languages (src/i18n/words.ts). */
export type MessageParams = Record<string, string | number | Readonly<Record<Lang, string>>>;

/** Fills a catalogue sentence for a language. */
export function translate(code: MessageCode, lang: Lang, params: MessageParams = {}): string {
  return MESSAGES[code][lang].replace(/\{(\w+)\}/g, (_, k: string) => {
    const value = params[k];
    if (value === undefined) return `{${k}}`;
    return typeof value === 'object' ? value[lang] : String(value);
  });
}

/** Both languages in one sentence, for readers that cannot ask for one (devices, their logs). */
export function bilingual(code: MessageCode, params: MessageParams = {}): string {
  return `${translate(code, 'vi', params)} / ${translate(code, 'en', params)}`;
}

/** Vietnamese unless the client asks for English (`?lang=en` or an Accept-Language starting with en). */
export function pickLang(acceptLanguage: string | undefined, query?: unknown): Lang {
  const q = (query as { lang?: unknown } | undefined)?.lang;
  if (q === 'en' || q === 'vi') return q;
  return acceptLanguage && /^en\b/i.test(acceptLanguage.trim()) ? 'en' : 'vi';
}
