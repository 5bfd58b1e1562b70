import type { Lang } from './messages.ts';

/**
 * Words that fill a catalogue sentence's placeholders (`{what}`, `{action}`, `{status}`), in both
 * languages: an error carries the word, not a Vietnamese string, so an English sentence never holds
 * a Vietnamese word (and the reverse).
 */
export type Localized = Readonly<Record<Lang, string>>;

export const THINGS = {
  item: { vi: 'tin bài', en: 'item' },
  user: { vi: 'người dùng', en: 'user' },
  pin: { vi: 'ghim', en: 'pin' },
  token: { vi: 'mã truy cập', en: 'token' },
  emergency: { vi: 'bản tin khẩn cấp', en: 'emergency bulletin' },
} as const satisfies Record<string, Localized>;

export const ACTIONS = {
  edit: { vi: 'sửa', en: 'edit' },
  replaceAudio: { vi: 'thay âm thanh của', en: 'replace the audio of' },
  archive: { vi: 'lưu trữ', en: 'archive' },
  listen: { vi: 'nghe', en: 'listen to' },
  approve: { vi: 'duyệt', en: 'approve' },
  reject: { vi: 'từ chối', en: 'reject' },
} as const satisfies Record<string, Localized>;

/** An item's status as a reader says it. */
export const ITEM_STATUS = {
  processing: { vi: 'đang xử lý âm thanh', en: 'processing' },
  pending: { vi: 'chờ duyệt', en: 'waiting for review' },
  approved: { vi: 'đã duyệt', en: 'approved' },
  rejected: { vi: 'bị từ chối', en: 'rejected' },
  failed: { vi: 'xử lý lỗi', en: 'failed' },
  archived: { vi: 'đã lưu trữ', en: 'archived' },
} as const satisfies Record<string, Localized>;
