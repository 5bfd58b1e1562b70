import type { UiCatalogue } from './index.ts';

/** The «Zones» screen's words (and the save-refusal words the topics and policy screens share). */
export const zones: UiCatalogue = {
  'zones.title': { vi: 'Khu vực phát (Tổ dân phố)', en: 'Zones (residential groups)' },
  'zones.intro.edit': {
    vi: 'Mỗi khu vực là một Tổ dân phố hoặc thôn có cụm loa riêng. Đặt khung giờ phát cho từng ngày trong tuần, đánh dấu giờ cao điểm (nhiều người nghe), và lấy địa chỉ luồng để cài vào thiết bị.',
    en: 'Each zone is a residential group or village with its own loudspeakers. Set its broadcast windows for each weekday, mark the peak-listener ones, and get the stream address for the device.',
  },
  'zones.intro.read': {
    vi: 'Các khu vực, khung giờ phát và tình trạng cụm loa. Vai trò của bạn chỉ được xem, không sửa được.',
    en: 'The zones, their broadcast windows and the state of their loudspeakers. Your role may look but not change them.',
  },
  'zones.empty': { vi: 'Chưa có khu vực nào.', en: 'There are no zones yet.' },
  'zones.back': { vi: '← Danh sách khu vực', en: '← All zones' },
  'zones.notFound': { vi: 'Không có khu vực «{id}» (có thể vừa bị xoá).', en: 'There is no zone "{id}" (it may have just been deleted).' },
  'zones.readOnly': { vi: 'Bạn chỉ được xem khu vực này; người vận hành mới sửa được.', en: 'You may only look at this zone; an operator can change it.' },
  'zones.action.add': { vi: 'Thêm khu vực', en: 'Add a zone' },
  'zones.action.view': { vi: 'Xem', en: 'View' },
  'zones.new.title': { vi: 'Thêm khu vực', en: 'New zone' },
  'zones.edit.title': { vi: 'Sửa khu vực: {name}', en: 'Edit zone: {name}' },
  'zones.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'zones.delete.action': { vi: 'Xoá khu vực', en: 'Delete zone' },
  'zones.delete.confirm': {
    vi: 'Xoá khu vực «{name}»? Lịch phát và luồng của khu vực này sẽ dừng.',
    en: 'Delete zone "{name}"? Its programme and its stream will stop.',
  },
  'zones.id.taken': { vi: 'Đã có khu vực mang mã «{id}»; hãy chọn mã khác.', en: 'A zone with id "{id}" exists already; choose another id.' },

  'zones.field.id': { vi: 'Mã khu vực', en: 'Zone id' },
  'zones.field.idHint': {
    vi: 'Dùng trong địa chỉ luồng, không đổi được sau khi tạo: chữ thường không dấu, số và dấu gạch ngang, ví dụ tdp-7.',
    en: 'Used in the stream address and fixed once created: lower-case letters, digits and hyphens, e.g. tdp-7.',
  },
  'zones.field.name': { vi: 'Tên khu vực', en: 'Name' },
  'zones.field.nameHint': { vi: 'Ví dụ: Tổ dân phố 7.', en: 'For example: Tổ dân phố 7.' },
  'zones.field.areaCode': { vi: 'Mã địa bàn (không bắt buộc)', en: 'Area code (optional)' },
  'zones.field.areaCodeHint': {
    vi: 'Mã địa bàn nếu đài có dùng (ví dụ trong danh mục cụm loa); để trống nếu không cần.',
    en: 'The area\'s code if the station uses one (e.g. in its list of loudspeaker clusters); leave empty if not needed.',
  },
  'zones.field.group': { vi: 'Nhóm', en: 'Group' },
  'zones.field.groupHint': {
    vi: 'Các khu vực cùng nhóm phát chung một chương trình, nên phải có cùng khung giờ. Để trống nếu khu vực phát riêng.',
    en: 'Zones of one group air one shared programme, so they must have the same windows. Leave empty for a zone of its own.',
  },
  'zones.group.none': { vi: 'không thuộc nhóm nào', en: 'no group' },
  'zones.field.enabled': { vi: 'Đang hoạt động', en: 'In service' },
  'zones.field.enabledHint': {
    vi: 'Bỏ chọn để tạm ngừng phát ở khu vực này (lịch phát không xếp tin cho nó).',
    en: 'Untick to pause this zone (the programme plans nothing for it).',
  },
  'zones.state.enabled': { vi: 'đang hoạt động', en: 'in service' },
  'zones.state.disabled': { vi: 'tạm ngừng', en: 'paused' },

  'zones.windows.title': { vi: 'Khung giờ phát', en: 'Broadcast windows' },
  'zones.windows.hint': {
    vi: 'Tin bài chỉ được phát trong các khung giờ này. Khung giờ cao điểm (nhiều người nghe, thường khoảng 05:30–06:30 và 17:00–18:00) được xếp tin trước. Hai khung giờ cùng ngày không được chồng lên nhau.',
    en: 'Items air only inside these windows. Peak-listener windows (typically about 05:30–06:30 and 17:00–18:00) are filled first. Two windows on the same day must not overlap.',
  },
  'zones.windows.none': { vi: 'Chưa có khung giờ nào', en: 'No windows yet' },
  'zones.windows.summary': { vi: '{count} khung giờ, {peak} khung cao điểm', en: '{count} windows, {peak} at peak' },
  'zones.week.caption': { vi: 'Lịch trong tuần theo các khung giờ đang nhập (chưa lưu thì chưa có hiệu lực).', en: 'The week as the windows below make it (nothing takes effect until saved).' },
  'zones.week.day': { vi: 'Ngày', en: 'Day' },
  'zones.week.actions': { vi: 'Thao tác', en: 'Actions' },
  'zones.week.silent': { vi: 'không phát', en: 'no broadcast' },
  'zones.window.legend': { vi: 'Khung giờ {n}', en: 'Window {n}' },
  'zones.window.days': { vi: 'Các ngày phát', en: 'Days' },
  'zones.window.start': { vi: 'Bắt đầu', en: 'Start' },
  'zones.window.end': { vi: 'Kết thúc', en: 'End' },
  'zones.window.timeHint': { vi: 'Giờ dạng HH:MM, 24 giờ, theo giờ của đài (ví dụ 05:30, 17:00).', en: 'Time as HH:MM, 24-hour, in station time (e.g. 05:30, 17:00).' },
  'zones.window.peak': { vi: 'Giờ cao điểm (nhiều người nghe)', en: 'Peak-listener window' },
  'zones.window.peakHint': {
    vi: 'Khung giờ cao điểm được xếp tin trước; chỉ tiêu «chỉ tính giờ cao điểm» của chủ đề chỉ tính các lần phát trong các khung này.',
    en: 'Peak windows are filled first; a topic target marked "peak only" counts only plays inside them.',
  },
  'zones.window.peakBadge': { vi: 'cao điểm', en: 'peak' },
  'zones.window.add': { vi: 'Thêm khung giờ', en: 'Add a window' },
  'zones.window.addOn': { vi: 'Thêm khung giờ vào {day}', en: 'Add a window on {day}' },
  'zones.window.remove': { vi: 'Xoá khung giờ {n}', en: 'Remove window {n}' },
  'zones.days.weekdays': { vi: 'Thứ Hai–Thứ Sáu', en: 'Mon–Fri' },
  'zones.days.monSat': { vi: 'Thứ Hai–Thứ Bảy', en: 'Mon–Sat' },
  'zones.days.all': { vi: 'Cả tuần', en: 'Every day' },

  'zones.outputs.title': { vi: 'Đầu ra và tình trạng', en: 'Outputs and their state' },
  'zones.outputs.none': { vi: 'Khu vực này chưa có đầu ra nào: không thiết bị nào nhận được tiếng.', en: 'This zone has no output: no device receives its audio.' },
  'zones.output.http': { vi: 'Luồng HTTP (thiết bị tự kéo về)', en: 'HTTP stream (devices pull it)' },
  'zones.output.icecast': { vi: 'Đẩy lên máy chủ Icecast {url}', en: 'Pushed to the Icecast server {url}' },
  'zones.output.rtp': { vi: 'RTP tới {address}:{port} ({codec})', en: 'RTP to {address}:{port} ({codec})' },
  'zones.health.up': { vi: 'đang phát', en: 'on air' },
  'zones.health.idle': { vi: 'chờ (ngoài giờ phát)', en: 'idle (outside windows)' },
  'zones.health.connecting': { vi: 'đang kết nối', en: 'connecting' },
  'zones.health.down': { vi: 'mất kết nối', en: 'down' },
  'zones.health.unknown': { vi: 'chưa có số liệu', en: 'no data' },
  'zones.health.notRunning': {
    vi: 'Bộ phát của khu vực này chưa chạy (phát sóng đang tắt, hoặc khu vực tạm ngừng), nên chưa có tình trạng đầu ra.',
    en: 'This zone\'s player is not running (playout is off, or the zone is paused), so there is no output state yet.',
  },
  'zones.health.silenceAlarm': {
    vi: 'Cảnh báo: khu vực đang trong giờ phát mà không có tiếng. Kiểm tra tin bài và đầu ra.',
    en: 'Alarm: the zone is in a window but airs silence. Check the items and the outputs.',
  },
  'zones.health.listeners': { vi: '{n} thiết bị đang nghe', en: '{n} devices listening' },
  'zones.health.lastError': { vi: 'Lỗi gần nhất ({at}): {error}', en: 'Last error ({at}): {error}' },

  'zones.stream.title': { vi: 'Địa chỉ luồng cho thiết bị', en: 'Stream address for the device' },
  'zones.stream.hint': {
    vi: 'Đưa địa chỉ này cho người lắp đặt: nhập vào cụm loa IP (chế độ «HTTP streaming client»), hoặc mở bằng VLC để nghe thử.',
    en: 'Give this address to the installer: enter it into the IP loudspeaker (its "HTTP streaming client" mode), or open it in VLC to listen.',
  },
  'zones.stream.keyIncluded': {
    vi: 'Địa chỉ đã gồm khóa luồng (?key=…): giữ kín, ai có địa chỉ này đều nghe được.',
    en: 'The address includes the stream key (?key=…): keep it private, anyone with it can listen.',
  },
  'zones.stream.keyHidden': {
    vi: 'Khu vực này có đặt khóa luồng; khóa không bao giờ hiện lại sau khi đặt. Thiết bị đang dùng khóa cũ vẫn nghe được; để lắp thiết bị mới mà không có khóa, hãy đặt khóa mới (rồi nhập lại địa chỉ cho mọi thiết bị của khu vực).',
    en: 'This zone has a stream key; a key is never shown again once set. Devices using it keep listening; to install a device without the key, set a new one (then enter the new address into every device of the zone).',
  },
  'zones.stream.newKey': { vi: 'Đặt khóa mới', en: 'Set a new key' },
  'zones.stream.newKey.confirm': {
    vi: 'Đặt khóa luồng mới cho «{name}»? Các thiết bị đang dùng khóa cũ sẽ mất tiếng cho tới khi được nhập địa chỉ mới.',
    en: 'Set a new stream key for "{name}"? Devices using the old key go silent until they are given the new address.',
  },
  'zones.stream.newKey.shown': {
    vi: 'Khóa mới đã lưu. Sao chép địa chỉ này ngay: khóa sẽ không hiện lại.',
    en: 'The new key is saved. Copy this address now: the key will not be shown again.',
  },
  'zones.stream.noKey': {
    vi: 'Khu vực này không đặt khóa luồng: mọi máy trong mạng đều nghe được.',
    en: 'This zone has no stream key: any computer on the network can listen.',
  },
  'zones.stream.noHttp': {
    vi: 'Khu vực này không có luồng HTTP; thiết bị nhận tiếng qua các đầu ra ở trên.',
    en: 'This zone has no HTTP stream; devices get its audio through the outputs above.',
  },
  'zones.stream.copy': { vi: 'Sao chép địa chỉ', en: 'Copy the address' },
  'zones.stream.copied': { vi: 'Đã sao chép.', en: 'Copied.' },

  'zones.problem.fixMarked': {
    vi: 'Chưa lưu được: hãy sửa các ô có ghi lý do màu đỏ rồi lưu lại.',
    en: 'Not saved: fix the fields with a reason in red, then save again.',
  },
};
