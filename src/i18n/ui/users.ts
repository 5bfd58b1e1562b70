import type { UiCatalogue } from './index.ts';

/** The «Người dùng» screen's words. */
export const users: UiCatalogue = {
  'users.title': { vi: 'Người dùng', en: 'Users' },
  'users.intro': {
    vi: 'Ai được dùng Loa và với vai trò nào. Chỉ quản trị viên thấy màn hình này.',
    en: 'Who may use Loa, and in which role. Only administrators see this screen.',
  },
  'users.list': { vi: 'Danh sách người dùng', en: 'All users' },
  'users.col.username': { vi: 'Tên đăng nhập', en: 'Username' },
  'users.col.role': { vi: 'Vai trò', en: 'Role' },
  'users.col.unit': { vi: 'Đơn vị', en: 'Unit' },
  'users.col.actions': { vi: 'Thao tác', en: 'Actions' },
  'users.you': { vi: '(bạn)', en: '(you)' },
  'users.disabled': { vi: 'đã khoá', en: 'disabled' },
  'users.noUnit': { vi: '—', en: '—' },
  'users.empty': { vi: 'Chưa có người dùng nào.', en: 'No users yet.' },
  'users.add.title': { vi: 'Thêm người dùng', en: 'Add a user' },
  'users.add.username.hint': {
    vi: '2–64 ký tự: chữ không dấu, số, dấu chấm, gạch dưới hoặc gạch ngang (ví dụ: congan.phuong).',
    en: '2–64 characters: letters without accents, digits, dot, underscore or hyphen (e.g. police.ward).',
  },
  'users.add.role.hint': {
    vi: 'Kiểm duyệt: duyệt tin bài. Vận hành: thư viện, lịch phát, khu vực, báo cáo. Đơn vị gửi tin: chỉ gửi và xem tin bài của đơn vị mình. Quản trị: mọi việc.',
    en: 'Reviewer: approves items. Operator: library, schedule, zones, reports. Submitter: sends and sees only their unit\'s items. Admin: everything.',
  },
  'users.add.unit.hint': {
    vi: 'Tên cơ quan, ví dụ «Công an phường». Bắt buộc với đơn vị gửi tin: họ thấy tin bài của cả đơn vị.',
    en: 'The body they belong to, e.g. "Ward police". Required for submitters: they see their whole unit\'s items.',
  },
  'users.password': { vi: 'Mật khẩu', en: 'Password' },
  'users.password.hint': {
    vi: 'Ít nhất 8 ký tự (tối đa 512). Hãy trao mật khẩu trực tiếp cho người dùng.',
    en: 'At least 8 characters (at most 512). Hand it to the user in person.',
  },
  'users.password.show': { vi: 'Hiện mật khẩu', en: 'Show the password' },
  'users.password.generate': { vi: 'Tạo mật khẩu ngẫu nhiên', en: 'Generate a random password' },
  'users.add.submit': { vi: 'Thêm người dùng', en: 'Add user' },
  'users.add.busy': { vi: 'Đang thêm…', en: 'Adding…' },
  'users.add.done': { vi: 'Đã thêm «{name}» với vai trò {role}.', en: 'Added "{name}" as {role}.' },
  'users.add.taken': { vi: 'Tên đăng nhập «{name}» đã có người dùng; hãy chọn tên khác.', en: 'The username "{name}" is taken; choose another.' },
  'users.reset': { vi: 'Đặt lại mật khẩu', en: 'Reset password' },
  'users.reset.label': { vi: 'Mật khẩu mới cho «{name}»', en: 'New password for "{name}"' },
  'users.reset.submit': { vi: 'Đặt mật khẩu mới', en: 'Set the new password' },
  'users.reset.done': {
    vi: 'Đã đặt mật khẩu mới cho «{name}»; {n} phiên đăng nhập và mã truy cập cũ đã bị thu hồi.',
    en: 'Set a new password for "{name}"; {n} old sessions and tokens were revoked.',
  },
  'users.revoke': { vi: 'Thu hồi phiên', en: 'Revoke sessions' },
  'users.revoke.confirm': {
    vi: 'Thu hồi mọi phiên đăng nhập và mã truy cập của «{name}»? Người đó và các thiết bị dùng mã của họ phải đăng nhập lại.',
    en: 'Revoke every session and token of "{name}"? They, and any device using their tokens, must log in again.',
  },
  'users.revoke.self': {
    vi: 'Đây là tài khoản của bạn: bạn cũng sẽ bị đăng xuất ngay.',
    en: 'This is your own account: you will be logged out at once too.',
  },
  'users.revoke.yes': { vi: 'Xác nhận thu hồi', en: 'Yes, revoke' },
  'users.revoke.done': { vi: 'Đã thu hồi {n} phiên đăng nhập và mã truy cập của «{name}».', en: 'Revoked {n} sessions and tokens of "{name}".' },
};
