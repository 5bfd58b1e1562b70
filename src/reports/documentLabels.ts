/**
 * The words of the report as a document (its outline, version notes) and of the difficulties Loa
 * suggests from the data, in Vietnamese and English. The figures' own words stay in labels.ts.
 */
import type { Label } from './labels.ts';

/** Headings and notes of the document (Decree 30/2020/NĐ-CP form of a "Báo cáo"). */
export const DOC = {
  numberBlank: { vi: '......../BC', en: '......../BC' },
  draftMark: { vi: 'DỰ THẢO', en: 'DRAFT' },
  results: { vi: 'KẾT QUẢ THỰC HIỆN', en: 'RESULTS' },
  resultParts: {
    vi: 'Kết quả chung|Kết quả theo khu vực|Theo chủ đề và chỉ tiêu tần suất|Theo thể loại và đơn vị gửi tin, bài|Tin, bài lễ tân, hội họp|Bản tin khẩn cấp, ưu tiên, tiếp âm và sự cố|Kế hoạch và thực tế',
    en: 'Headline figures|By zone|By topic and frequency targets|By kind and submitting unit|Ceremonial content|Bulletins, relays and incidents|Planned vs aired',
  },
  assessment: { vi: 'ĐÁNH GIÁ CHUNG', en: 'ASSESSMENT' },
  difficulties: { vi: 'KHÓ KHĂN, VƯỚNG MẮC', en: 'DIFFICULTIES AND PROBLEMS' },
  proposals: { vi: 'ĐỀ XUẤT, KIẾN NGHỊ', en: 'PROPOSALS' },
  appendix: { vi: 'PHỤ LỤC: KẾT QUẢ THEO NGÀY', en: 'APPENDIX: BY DAY' },
  defaultRecipient: { vi: 'Lưu: VT', en: 'Archive' },
  version: {
    vi: 'Phiên bản {version}, hoàn thành lúc {time} ngày {date} ({name}).',
    en: 'Version {version}, finalized at {time} on {date} ({name}).',
  },
  replaces: { vi: 'Thay thế phiên bản {version} ngày {date}{reason}.', en: 'Replaces version {version} of {date}{reason}.' },
  draftNote: {
    vi: 'Bản dự thảo: số liệu còn thay đổi theo nhật ký phát sóng cho đến khi báo cáo được hoàn thành.',
    en: 'Draft: the figures follow the airtime log until the report is finalized.',
  },
} satisfies Record<string, Label>;

/** Sentences of the suggested difficulties ("Loa gợi ý từ số liệu"). */
export const SUGGEST = {
  target: {
    vi: 'Chủ đề «{topic}» chưa đạt chỉ tiêu {target}: đạt {met}/{required} kỳ; chưa đạt ở {zones}. Nguyên nhân: {reasons}.',
    en: 'Topic "{topic}" fell short of its target {target}: {met}/{required} periods met; missed in {zones}. Why: {reasons}.',
  },
  zoneMissed: { vi: '{zone} ({n} kỳ)', en: '{zone} ({n})' },
  moreZones: { vi: '{n} khu vực khác', en: '{n} more zones' },
  reasonCount: { vi: '{reason} ({n})', en: '{reason} ({n})' },
  airedLess: {
    vi: 'kế hoạch đã đủ nhưng thực tế phát thiếu (lượt lỗi, bị ngắt hoặc bỏ qua)',
    en: 'the plan had enough but fewer aired (failed, interrupted or skipped plays)',
  },
  incidents: { vi: 'Trong tháng có {list}; nhiều nhất ở {zones}.', en: 'The month had {list}; most in {zones}.' },
  failed: { vi: '{n} lượt phát lỗi', en: '{n} failed plays' },
  interrupted: { vi: '{n} lượt bị ngắt', en: '{n} interrupted plays' },
  preempted: { vi: '{n} lượt bị chen ngang', en: '{n} preempted plays' },
  skipped: { vi: '{n} lượt bỏ qua', en: '{n} skipped plays' },
  incidentZone: { vi: '{zone} ({n} lượt)', en: '{zone} ({n})' },
  incidentZoneOutput: { vi: '{zone} ({n} lượt, chủ yếu ở đầu ra {output})', en: '{zone} ({n}, mostly on output {output})' },
  unheard: {
    vi: 'Có {plays} lượt ({minutes} phút) phát nhưng không có thiết bị nhận, nhiều nhất ở {zones}; cần kiểm tra cụm loa và đường truyền.',
    en: '{plays} plays ({minutes} minutes) went out to no receiver, most in {zones}; the speakers and links need checking.',
  },
  silentZones: {
    vi: 'Khu vực {zones} không phát được lượt tin, bài nào trong tháng; cần kiểm tra thiết bị và đường truyền.',
    en: 'Zones {zones} aired nothing in the month; their equipment and links need checking.',
  },
  ceremonialOver: {
    vi: 'Tin, bài lễ tân, hội họp chiếm {plays} số lượt và {airtime} thời lượng phát sóng, vượt mức tối đa {max}; cần giảm trong tháng tới.',
    en: 'Ceremonial content took {plays} of plays and {airtime} of airtime, over the {max} cap; it must come down next month.',
  },
  ceremonialNear: {
    vi: 'Tin, bài lễ tân, hội họp chiếm {plays} số lượt và {airtime} thời lượng phát sóng, sát mức tối đa {max}.',
    en: 'Ceremonial content took {plays} of plays and {airtime} of airtime, close to the {max} cap.',
  },
  ceremonialZones: {
    vi: 'Tin, bài lễ tân, hội họp vượt mức tối đa {max} ở {zones}.',
    en: 'Ceremonial content was over the {max} cap in {zones}.',
  },
  planned: {
    vi: 'Thực tế chỉ phát {aired}/{planned} lượt theo kế hoạch ({share}).',
    en: 'Only {aired} of {planned} planned plays aired ({share}).',
  },
  emptyWindows: {
    vi: 'Có {count} để trống dù đã có tin, bài được duyệt; nguyên nhân: {reasons}.',
    en: '{count} stayed empty although approved items were on hand; why: {reasons}.',
  },
  emptyWindowCount: { vi: '{n} khung giờ cao điểm', en: '{n} peak windows' },
  emptyDayCount: { vi: '{n} ngày', en: '{n} days' },
  and: { vi: ' và ', en: ' and ' },
  nothingAired: {
    vi: 'Trong tháng chưa phát được lượt tin, bài nào trên hệ thống loa.',
    en: 'Nothing aired on the loudspeaker system in the month.',
  },
} satisfies Record<string, Label>;
