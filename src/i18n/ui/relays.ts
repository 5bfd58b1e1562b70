import type { UiCatalogue } from './index.ts';

/** The «Tiếp âm» (relays) section of the Lịch phát screen: relay sources and the times they air. */
export const relays: UiCatalogue = {
  'relays.title': { vi: 'Tiếp âm', en: 'Relays' },
  'relays.intro.edit': {
    vi: 'Tiếp âm đài cấp trên (VOV, đài thành phố…) vào giờ cố định trên các khu vực đã chọn. Lịch phát được lập quanh giờ tiếp âm.',
    en: 'Relay a higher-level station (VOV, the city station…) at fixed times on the chosen zones. The programme is planned around the relays.',
  },
  'relays.intro.readOnly': {
    vi: 'Các nguồn tiếp âm và giờ tiếp âm của đài (chỉ xem).',
    en: "The station's relay sources and relay times (read only).",
  },
  'relays.actions': { vi: 'Thao tác', en: 'Actions' },
  'relays.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'relays.seconds': { vi: '{n} giây', en: '{n} s' },

  'relays.sources.title': { vi: 'Nguồn tiếp âm', en: 'Relay sources' },
  'relays.sources.hint': {
    vi: 'Mỗi nguồn được kiểm tra đều đặn, kể cả khi không có giờ tiếp âm, để biết trước nguồn có nghe được không.',
    en: 'Each source is checked regularly, even when no relay is airing, so you know ahead whether it can be heard.',
  },
  'relays.sources.none': { vi: 'Chưa có nguồn tiếp âm nào.', en: 'There is no relay source yet.' },
  'relays.source.name': { vi: 'Tên nguồn', en: 'Source name' },
  'relays.source.url': { vi: 'Địa chỉ', en: 'Address' },
  'relays.source.urlHint': {
    vi: 'Địa chỉ http:// hoặc https:// của luồng MP3/AAC (kể cả mount Icecast) hoặc danh sách HLS (.m3u8). Mật khẩu trong địa chỉ được ẩn thành ***; để nguyên *** thì giữ mật khẩu cũ.',
    en: 'The http:// or https:// address of an MP3/AAC stream (Icecast mounts included) or an HLS playlist (.m3u8). A password in the address is shown as ***; leaving *** keeps the stored password.',
  },
  'relays.source.kind': { vi: 'Loại', en: 'Kind' },
  'relays.source.kind.http': { vi: 'Luồng HTTP (MP3/AAC, Icecast)', en: 'HTTP stream (MP3/AAC, Icecast)' },
  'relays.source.kind.hls': { vi: 'HLS (.m3u8)', en: 'HLS (.m3u8)' },
  'relays.source.silence': { vi: 'Giới hạn im lặng', en: 'Silence limit' },
  'relays.source.silenceSeconds': { vi: 'Giới hạn im lặng (giây)', en: 'Silence limit (seconds)' },
  'relays.source.silenceHint': {
    vi: 'Nguồn mất tiếng quá số giây này thì phát tin bài dự phòng (hoặc im lặng) và thử kết nối lại. Mặc định 10 giây.',
    en: 'When the source has no sound for longer than this, the fallback item (or silence) airs and the source is retried. Default 10 seconds.',
  },
  'relays.source.health': { vi: 'Tình trạng', en: 'Health' },
  'relays.source.add': { vi: 'Thêm nguồn tiếp âm', en: 'Add a relay source' },
  'relays.source.addTitle': { vi: 'Nguồn tiếp âm mới', en: 'New relay source' },
  'relays.source.editTitle': { vi: 'Sửa nguồn «{name}»', en: 'Edit source "{name}"' },
  'relays.source.editNamed': { vi: 'Sửa nguồn {name}', en: 'Edit source {name}' },
  'relays.source.deleteNamed': { vi: 'Xoá nguồn {name}', en: 'Delete source {name}' },
  'relays.source.deleteConfirm': { vi: 'Xoá nguồn tiếp âm «{name}»?', en: 'Delete relay source "{name}"?' },
  'relays.source.deleted': { vi: 'Đã xoá nguồn «{name}».', en: 'Source "{name}" deleted.' },
  'relays.source.saved': { vi: 'Đã lưu nguồn «{name}».', en: 'Source "{name}" saved.' },

  'relays.health.ok': { vi: 'Nghe được', en: 'Reachable' },
  'relays.health.down': { vi: 'Không kết nối được', en: 'Cannot connect' },
  'relays.health.unchecked': { vi: 'Chưa kiểm tra', en: 'Not checked yet' },
  'relays.health.kbps': { vi: '{kbps} kbps', en: '{kbps} kbps' },
  'relays.health.checkedAt': { vi: 'kiểm tra lúc {time}', en: 'checked at {time}' },

  'relays.list.title': { vi: 'Giờ tiếp âm', en: 'Relay times' },
  'relays.list.hint': {
    vi: 'Trong giờ tiếp âm, các khu vực đã chọn phát nguồn tiếp âm thay cho tin bài. Lưu xong, lịch phát được lập lại.',
    en: 'During a relay, the chosen zones air the source instead of items. After saving, the programme is re-planned.',
  },
  'relays.list.none': { vi: 'Chưa có giờ tiếp âm nào.', en: 'There are no relay times yet.' },
  'relays.list.add': { vi: 'Thêm giờ tiếp âm', en: 'Add a relay time' },
  'relays.list.needSource': { vi: 'Thêm một nguồn tiếp âm trước.', en: 'Add a relay source first.' },
  'relays.list.deleteConfirm': { vi: 'Xoá giờ tiếp âm này?\n{sentence}', en: 'Delete this relay time?\n{sentence}' },
  'relays.sentence': {
    vi: '{days}, {start}–{end}: tiếp âm {source} trên {zones}; dự phòng: {fallback}',
    en: '{days}, {start}–{end}: relay {source} on {zones}; fallback: {fallback}',
  },
  'relays.zones.all': { vi: 'tất cả khu vực', en: 'all zones' },
  'relays.zones.allChoice': { vi: 'Tất cả khu vực', en: 'All zones' },
  'relays.zones.group': { vi: 'nhóm {group}', en: 'group {group}' },
  'relays.fallback.silence': { vi: 'Im lặng', en: 'Silence' },
  'relays.fallback.silenceWord': { vi: 'im lặng', en: 'silence' },
  'relays.days.everyDay': { vi: 'Hằng ngày', en: 'Every day' },
  'relays.days.weekdays': { vi: 'Thứ Hai–Thứ Sáu', en: 'Monday–Friday' },

  'relays.form.addTitle': { vi: 'Giờ tiếp âm mới', en: 'New relay time' },
  'relays.form.editTitle': { vi: 'Sửa giờ tiếp âm', en: 'Edit relay time' },
  'relays.form.source': { vi: 'Nguồn tiếp âm', en: 'Relay source' },
  'relays.form.zones': { vi: 'Khu vực phát', en: 'Zones' },
  'relays.form.zonesRequired': { vi: 'Chọn ít nhất một khu vực.', en: 'Choose at least one zone.' },
  'relays.form.days': { vi: 'Các ngày trong tuần', en: 'Days of the week' },
  'relays.form.daysRequired': { vi: 'Chọn ít nhất một ngày.', en: 'Choose at least one day.' },
  'relays.form.start': { vi: 'Bắt đầu', en: 'Start' },
  'relays.form.end': { vi: 'Kết thúc', en: 'End' },
  'relays.form.fallback': { vi: 'Tin bài dự phòng', en: 'Fallback item' },
  'relays.form.fallbackHint': {
    vi: 'Phát khi nguồn không kết nối được hoặc mất tiếng quá giới hạn im lặng. Chỉ chọn được tin bài đã duyệt.',
    en: 'Airs when the source cannot be reached or stays silent past its silence limit. Only approved items can be chosen.',
  },
  'relays.refused.marked': {
    vi: 'Chưa lưu được giờ tiếp âm: xem lý do màu đỏ ở ô hoặc dòng được đánh dấu.',
    en: 'The relay times were not saved: see the reason in red at the marked field or line.',
  },
  'relays.replan.working': {
    vi: 'Đã lưu giờ tiếp âm. Đang lập lại lịch phát…',
    en: 'Relay times saved. Re-planning the programme…',
  },
  'relays.replan.done': {
    vi: 'Đã lưu giờ tiếp âm và lập lại lịch phát: giờ tiếp âm đã có trong lịch.',
    en: 'Relay times saved and the programme re-planned: the relays now show in the schedule.',
  },
  'relays.replan.slow': {
    vi: 'Đã lưu giờ tiếp âm. Chưa nhận được tin lịch phát đã lập lại; lịch đã được tải lại, nếu chưa thấy giờ tiếp âm hãy bấm «Lập lại lịch phát».',
    en: 'Relay times saved. No word yet that the programme was re-planned; the schedule was reloaded. If the relays do not show, press "Re-plan".',
  },
};
