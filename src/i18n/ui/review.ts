import type { UiCatalogue } from './index.ts';

/** The «Review» screen's words (kinds, statuses and field names come from the library's). */
export const review: UiCatalogue = {
  'review.title': { vi: 'Kiểm duyệt tin bài', en: 'Review items' },
  'review.rule': {
    vi: 'Chỉ tin bài đã duyệt mới được xếp lịch và phát. Theo quy tắc hai người, người gửi một tin bài không được tự duyệt tin bài đó.',
    en: 'Only approved items are ever scheduled and aired. Under the four-eyes rule, whoever submitted an item may not approve it.',
  },
  'review.count': { vi: '{count} tin bài đang chờ duyệt.', en: '{count} items await review.' },
  'review.empty': { vi: 'Không có tin bài nào chờ duyệt.', en: 'Nothing awaits review.' },
  'review.reload': { vi: 'Tải lại danh sách', en: 'Reload the list' },
  'review.listen': { vi: 'Nghe «{title}»', en: 'Listen to "{title}"' },
  'review.field.submittedBy': { vi: 'Người gửi', en: 'Submitted by' },
  'review.field.submittedAt': { vi: 'Gửi lúc', en: 'Submitted at' },
  'review.field.duration': { vi: 'Thời lượng', en: 'Length' },
  'review.field.validity': { vi: 'Hiệu lực', en: 'Valid' },
  'review.field.ceremonial': { vi: 'Lễ tân, hội họp', en: 'Ceremonial' },
  'review.field.file': { vi: 'Tệp gốc', en: 'Original file' },
  'review.field.loudness': { vi: 'Độ to', en: 'Loudness' },
  'review.loudness': { vi: '{before} LUFS → {after} LUFS sau chuẩn hoá', en: '{before} LUFS → {after} LUFS after normalising' },
  'review.validity': { vi: 'từ {from} đến {until}', en: 'from {from} until {until}' },
  'review.validity.open': { vi: 'không giới hạn', en: 'no limit' },
  'review.ceremonial.yes': { vi: 'Có — tính vào giới hạn 15%', en: 'Yes — counts towards the 15% cap' },
  'review.ceremonial.no': { vi: 'Không', en: 'No' },
  'review.unknownUser': { vi: '(tài khoản đã xoá)', en: '(deleted account)' },
  'review.you': { vi: '{name} (bạn)', en: '{name} (you)' },
  'review.approve': { vi: 'Duyệt', en: 'Approve' },
  'review.approved': { vi: 'Đã duyệt «{title}»; tin bài có thể được xếp lịch phát.', en: 'Approved "{title}"; it can now be scheduled.' },
  'review.ownItem': {
    vi: 'Bạn không thể duyệt tin bài này vì chính bạn đã gửi nó (quy tắc hai người): một người kiểm duyệt khác phải nghe và duyệt. Bạn vẫn có thể từ chối nếu muốn rút lại.',
    en: 'You cannot approve this item because you submitted it (four-eyes rule): another reviewer must listen to it and approve it. You may still reject it to withdraw it.',
  },
  'review.ownItemAdmin': {
    vi: 'Bạn đã gửi tin bài này. Quản trị được phép tự duyệt, nhưng việc tự duyệt được ghi vào nhật ký.',
    en: 'You submitted this item. An admin may approve their own item, but doing so is recorded in the log.',
  },
  'review.reject.open': { vi: 'Từ chối…', en: 'Reject…' },
  'review.reject.note': { vi: 'Lý do từ chối (bắt buộc)', en: 'Reason for rejecting (required)' },
  'review.reject.hint': { vi: 'Người gửi đọc lý do này để sửa tin bài.', en: 'The submitter reads this to fix the item.' },
  'review.reject.submit': { vi: 'Xác nhận từ chối', en: 'Confirm rejection' },
  'review.rejected': { vi: 'Đã từ chối «{title}».', en: 'Rejected "{title}".' },
};
