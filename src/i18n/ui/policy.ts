import type { UiCatalogue } from './index.ts';

/** The «Policy» screen's words: every field with its label and a hint in plain words. */
export const policy: UiCatalogue = {
  'policy.title': { vi: 'Chính sách lập lịch', en: 'Planning policy' },
  'policy.intro.edit': {
    vi: 'Các quy định chung cho mọi khu vực khi Loa lập lịch phát. Thay đổi có hiệu lực từ lần lập lịch tiếp theo.',
    en: 'The rules Loa follows for every zone when it plans the programme. Changes apply from the next planning run.',
  },
  'policy.intro.read': {
    vi: 'Các quy định chung khi lập lịch phát. Vai trò của bạn chỉ được xem, không sửa được.',
    en: 'The rules followed when planning the programme. Your role may look but not change them.',
  },
  'policy.saving': { vi: 'Đang lưu…', en: 'Saving…' },
  'policy.unit.percent': { vi: '%', en: '%' },
  'policy.unit.plays': { vi: 'lần', en: 'plays' },
  'policy.unit.minutes': { vi: 'phút', en: 'minutes' },
  'policy.unit.seconds': { vi: 'giây', en: 'seconds' },
  'policy.unit.days': { vi: 'ngày', en: 'days' },

  'policy.ceremonial.title': { vi: 'Tin lễ tân, hội họp', en: 'Ceremonial and meeting items' },
  'policy.ceremonial.intro': {
    vi: 'Văn bản chỉ đạo yêu cầu giảm tối đa tin, bài mang tính lễ tân, hội họp, hoạt động nội bộ của lãnh đạo, bảo đảm dưới 15% tổng số bài và thời lượng phát sóng. Loa chỉ dùng các tin này để lấp chỗ không tin nào khác lấp được.',
    en: 'The directive asks to cut ceremonial, meeting and leaders\' internal-activity items to the minimum, under 15% of all items and of airtime. Loa uses them only to fill what no other item can.',
  },
  'policy.ceremonial.example': {
    vi: 'Ví dụ: một khu vực có {plays} lượt phát trong tháng thì tin lễ tân phải ít hơn {cap} lượt; khi lập lịch, Loa giữ dưới {plan} lượt.',
    en: 'For example: a zone with {plays} plays in a month must air fewer than {cap} ceremonial plays; when planning, Loa keeps them under {plan}.',
  },
  'policy.directive.apply': { vi: 'Đặt theo văn bản: dưới 15% (lập lịch 12%)', en: 'Set as the directive says: under 15% (planning at 12%)' },
  'policy.directive.applied': { vi: 'Đã điền theo văn bản chỉ đạo. Bấm Lưu để áp dụng.', en: 'Filled in as the directive says. Save to apply.' },
  'policy.ceremonialMaxShare.label': { vi: 'Mức trần tin lễ tân, hội họp (phần trăm)', en: 'Ceremonial cap (percent)' },
  'policy.ceremonialMaxShare.hint': {
    vi: 'Tin lễ tân, hội họp luôn phải dưới mức này: tính theo số lượt phát, thời lượng phát và số tin bài, ở từng khu vực trong từng tháng. Văn bản chỉ đạo: dưới 15%.',
    en: 'Ceremonial items always stay below this: by plays, by airtime and by distinct items, per zone and month. The directive says under 15%.',
  },
  'policy.ceremonialPlanShare.label': { vi: 'Mức lập lịch cho tin lễ tân (phần trăm)', en: 'Ceremonial planning level (percent)' },
  'policy.ceremonialPlanShare.hint': {
    vi: 'Khi lập lịch, Loa giữ tin lễ tân dưới mức này, thấp hơn mức trần một khoảng, để lượt phát hỏng hay bị tin khẩn chen ngang không đẩy tỷ lệ thực phát vượt trần. Mặc định 12%; không được cao hơn mức trần.',
    en: 'When planning, Loa keeps ceremonial items under this, a margin below the cap, so that failed or preempted plays cannot push what actually airs over it. Default 12%; never above the cap.',
  },

  'policy.planning.title': { vi: 'Lặp lại và thời gian lập lịch', en: 'Repeats and planning range' },
  'policy.maxPlaysPerItemPerDay.label': { vi: 'Số lần phát tối đa của một tin trong ngày', en: 'Most plays of one item a day' },
  'policy.maxPlaysPerItemPerDay.hint': {
    vi: 'Một tin bài không được phát quá số lần này trong một ngày ở một khu vực.',
    en: 'An item airs at most this many times a day in one zone.',
  },
  'policy.minRepeatGapMinutes.label': { vi: 'Khoảng cách tối thiểu giữa hai lần phát một tin (phút)', en: 'Least time between two plays of an item (minutes)' },
  'policy.minRepeatGapMinutes.hint': {
    vi: 'Một tin đã phát thì phải chờ ít nhất từng này phút mới được phát lại ở cùng khu vực. Ví dụ 120: phát lúc 05:30 thì sớm nhất 07:30 mới phát lại.',
    en: 'After an item airs, it waits at least this long before airing again in the same zone. E.g. 120: aired at 05:30, next at 07:30 at the earliest.',
  },
  'policy.gapBetweenItemsMs.label': { vi: 'Khoảng lặng giữa hai tin (giây)', en: 'Silence between two items (seconds)' },
  'policy.gapBetweenItemsMs.hint': {
    vi: 'Thời gian nghỉ giữa hai tin liền nhau trong một khung giờ; 0 là phát nối tiếp. Tối đa 60 giây.',
    en: 'The pause between two items in a window; 0 plays them back to back. At most 60 seconds.',
  },
  'policy.horizonDays.label': { vi: 'Lập lịch trước (ngày)', en: 'Plan ahead (days)' },
  'policy.horizonDays.hint': {
    vi: 'Lịch phát được lập sẵn cho từng này ngày tới (mỗi lần lập lịch kéo đến hết tuần chứa ngày cuối). Từ 1 đến 62 ngày.',
    en: 'The programme is planned this many days ahead (each run reaches the end of the week of its last day). From 1 to 62 days.',
  },

  'policy.jingles.title': { vi: 'Nhạc hiệu', en: 'Jingles' },
  'policy.jingles.intro': {
    vi: 'Nhạc hiệu là tin bài loại «nhạc hiệu» đã được duyệt; Loa phát nhạc hiệu mở đầu ở đầu mỗi khung giờ và nhạc hiệu kết thúc ở cuối.',
    en: 'A jingle is an approved item of kind "jingle"; Loa plays the opening one at the start of each window and the closing one at its end.',
  },
  'policy.openingJingle.label': { vi: 'Nhạc hiệu mở đầu', en: 'Opening jingle' },
  'policy.openingJingle.hint': { vi: 'Chọn «Không dùng» nếu không phát nhạc hiệu mở đầu.', en: 'Choose "None" to play no opening jingle.' },
  'policy.closingJingle.label': { vi: 'Nhạc hiệu kết thúc', en: 'Closing jingle' },
  'policy.closingJingle.hint': { vi: 'Chọn «Không dùng» nếu không phát nhạc hiệu kết thúc.', en: 'Choose "None" to play no closing jingle.' },
  'policy.jingle.none': { vi: 'Không dùng', en: 'None' },
  'policy.jingle.unlisted': { vi: '{id} (không còn trong danh sách nhạc hiệu đã duyệt)', en: '{id} (no longer among the approved jingles)' },
};
