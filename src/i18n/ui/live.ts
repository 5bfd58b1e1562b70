import type { UiCatalogue } from './index.ts';

/** The words of «Phát trực tiếp» from the admin page's microphone (on Tổng quan). */
export const live: UiCatalogue = {
  'live.title': { vi: 'Phát trực tiếp', en: 'Live broadcast' },
  'live.hint': {
    vi: 'Nói trực tiếp tới các Tổ dân phố qua micrô của máy này. Buổi phát được ghi âm và lưu vào thư viện.',
    en: 'Speak live to the zones through this computer\'s microphone. The broadcast is recorded and kept in the library.',
  },
  'live.open': { vi: 'Phát trực tiếp', en: 'Go live' },
  'live.form.title': { vi: 'Phát trực tiếp: chọn nơi phát và mức phát', en: 'Live broadcast: choose where and how' },
  'live.zones': { vi: 'Tổ dân phố nghe', en: 'Zones that hear it' },
  'live.group': {
    vi: '{names} dùng chung một nhóm loa: chọn một Tổ dân phố thì cả nhóm cùng nghe.',
    en: '{names} share one loudspeaker group: choosing one zone reaches the whole group.',
  },
  'live.level': { vi: 'Mức phát', en: 'Level' },
  'live.level.priority': { vi: 'Ưu tiên: lên sóng khi tin đang phát kết thúc', en: 'Priority: goes on air when the item playing ends' },
  'live.level.emergency': { vi: 'Khẩn cấp: ngắt ngay chương trình đang phát', en: 'Emergency: cuts into what is playing at once' },
  'live.start': { vi: 'Bắt đầu phát', en: 'Start' },
  'live.noZone': { vi: 'Hãy chọn ít nhất một Tổ dân phố.', en: 'Choose at least one zone.' },
  'live.playoutOff': {
    vi: 'Phát sóng đang tắt trên máy chủ: buổi phát chỉ được ghi âm, không Tổ dân phố nào nghe.',
    en: 'Playout is off on the server: the broadcast is only recorded; no zone hears it.',
  },
  'live.confirm.title': { vi: 'Phát trực tiếp ở mức khẩn cấp?', en: 'Go live at emergency level?' },
  'live.confirm.body': {
    vi: 'Khi bạn lên sóng, chương trình đang phát trên {zones} bị ngắt ngay và chỉ phát tiếp sau khi bạn bấm «Dừng».',
    en: 'When you go on air, what is playing on {zones} is cut at once and goes on only after you press "Stop".',
  },
  'live.confirm.go': { vi: 'Xác nhận, phát khẩn cấp', en: 'Confirm, go live at emergency level' },
  'live.confirm.back': { vi: 'Quay lại', en: 'Back' },
  'live.asking': { vi: 'Đang xin quyền dùng micrô…', en: 'Asking to use the microphone…' },
  'live.connecting': { vi: 'Đang kết nối tới máy chủ…', en: 'Connecting to the server…' },
  'live.countdown': { vi: 'Lên sóng sau {n}…', en: 'On air in {n}…' },
  'live.onAir': { vi: 'Đang phát trực tiếp {elapsed}', en: 'Live on air {elapsed}' },
  'live.queued': {
    vi: 'Đang ghi âm {elapsed}: chờ tin đang phát kết thúc rồi lên sóng',
    en: 'Recording {elapsed}: goes on air when the item playing ends',
  },
  'live.recordOnly': {
    vi: 'Đang ghi âm {elapsed}: phát sóng đang tắt nên không Tổ dân phố nào nghe',
    en: 'Recording {elapsed}: playout is off, so no zone hears it',
  },
  'live.where': { vi: 'Trên: {zones}', en: 'On: {zones}' },
  'live.meter': { vi: 'Mức âm micrô', en: 'Microphone level' },
  'live.meter.quiet': {
    vi: 'Chưa nghe thấy tiếng từ micrô: hãy nói gần micrô hơn hoặc kiểm tra micrô.',
    en: 'The microphone hears nothing yet: speak closer to it or check it.',
  },
  'live.meter.heard': { vi: 'Micrô đang nhận tiếng.', en: 'The microphone hears you.' },
  'live.stop': { vi: 'Dừng', en: 'Stop' },
  'live.stopping': { vi: 'Đang dừng, lưu bản ghi…', en: 'Stopping, saving the recording…' },
  'live.done': {
    vi: 'Đã dừng phát trực tiếp sau {duration}. Bản ghi «{title}» đã lưu vào thư viện.',
    en: 'The live broadcast stopped after {duration}. The recording "{title}" is in the library.',
  },
  'live.error.insecure': {
    vi: 'Trình duyệt chỉ cho dùng micrô khi trang quản trị được mở qua https (hoặc ngay trên máy chủ, địa chỉ localhost). Hãy mở trang qua https rồi thử lại.',
    en: 'Browsers allow the microphone only when the admin page is opened over https (or on the server itself, at localhost). Open the page over https and try again.',
  },
  'live.error.unsupported': {
    vi: 'Trình duyệt này không ghi âm được dạng Opus. Hãy dùng Chrome, Edge hoặc Firefox bản mới.',
    en: 'This browser cannot record Opus audio. Use a recent Chrome, Edge or Firefox.',
  },
  'live.error.noMic': { vi: 'Không tìm thấy micrô nào trên máy này. Hãy cắm micrô rồi thử lại.', en: 'No microphone was found on this computer. Plug one in and try again.' },
  'live.error.denied': {
    vi: 'Trình duyệt không cho trang dùng micrô. Hãy cho phép dùng micrô (biểu tượng cạnh địa chỉ trang) rồi thử lại.',
    en: 'The browser did not let the page use the microphone. Allow it (the icon next to the page address) and try again.',
  },
  'live.error.micBusy': {
    vi: 'Micrô đang bị chương trình khác dùng hoặc bị lỗi. Hãy đóng chương trình đó rồi thử lại.',
    en: 'The microphone is in use by another program or failed. Close that program and try again.',
  },
  'live.error.micFailed': { vi: 'Không mở được micrô ({reason}).', en: 'The microphone could not be opened ({reason}).' },
  'live.error.lost': {
    vi: 'Mất kết nối tới máy chủ nên buổi phát trực tiếp đã dừng. Phần đã nói vẫn được lưu; hãy kiểm tra mạng rồi phát lại.',
    en: 'The connection to the server was lost, so the live broadcast stopped. What was said is kept; check the network and go live again.',
  },
};
