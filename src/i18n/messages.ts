/**
 * The message catalogue for what operators see from the API: every code has a Vietnamese and an
 * English sentence. `{name}` placeholders are filled from the error's params.
 */
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
