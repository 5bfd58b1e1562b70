/**
 * The words of the report's relay parts (tiếp âm, issue 11), in Vietnamese and English: the relay
 * airings cut short, and why each was. Part of the report's catalogue (labels.ts), which holds the
 * relay table's title and headings.
 */
import type { Label } from './labels.ts';

/** Why a relay airing was cut short (relayCuts.ts finds it), as the report's table and the Báo cáo screen say it. */
export const RELAY_REASON_LABELS: Record<'unreachable' | 'http-status' | 'ended' | 'silent' | 'stalled' | 'ffmpeg-error' | 'preempted' | 'other', Label> = {
  unreachable: { vi: 'Không kết nối được nguồn', en: 'Source unreachable' },
  'http-status': { vi: 'Nguồn báo lỗi (HTTP)', en: 'Source answered an error (HTTP)' },
  ended: { vi: 'Nguồn ngừng phát', en: 'Source stopped' },
  silent: { vi: 'Nguồn im lặng quá thời gian cho phép', en: 'Source silent beyond its limit' },
  stalled: { vi: 'Nguồn không gửi âm thanh', en: 'Source sent no audio' },
  'ffmpeg-error': { vi: 'Không đọc được âm thanh của nguồn', en: 'Source audio unreadable' },
  preempted: { vi: 'Bị chương trình khác chen ngang', en: 'Cut by another broadcast' },
  other: { vi: 'Dừng phát (khởi động lại hoặc lỗi khác)', en: 'Stopped (restart or other fault)' },
};

/** The document's sentence over the table of relay airings cut short (relayOutline.ts). */
export const RELAY_PROSE = {
  count: {
    vi: 'Có {count} lượt tiếp âm bị gián đoạn. Phần nguồn không phát được đã được thay bằng nội dung dự phòng hoặc khoảng lặng và không tính vào thời lượng tiếp âm.',
    en: 'Relay airings cut short: {count}. What the source could not carry was replaced by the fallback item or silence, and is not counted as relayed.',
  },
} satisfies Record<string, Label>;
