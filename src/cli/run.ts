import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { createAccounts } from '../access/accounts.ts';
import { createAuditLog } from '../audit/auditLog.ts';
import { userSnapshot } from '../audit/snapshots.ts';
import { systemClock } from '../clock.ts';
import type { Config } from '../config.ts';
import { Role, Username } from '../domain/user.ts';
import { backupDatabase, openDatabase, type Db } from '../storage/db.ts';
import { findUserByName, listUsers } from '../storage/users.ts';
import { listTokens, revokeTokens } from '../storage/tokens.ts';
import { demoRemoveCommand } from './demoCommand.ts';
import { stationCommands } from './stationCommands.ts';
import { deviceCommand, DeviceUsageError } from './deviceCommand.ts';

const USAGE = `loa — quản lý đài truyền thanh (Loa)

  loa users add NAME --role admin|reviewer|operator|submitter [--unit UNIT]
                                  thêm người dùng (mật khẩu từ LOA_PASSWORD hoặc nhập)
  loa users list                  danh sách người dùng
  loa users passwd NAME           đổi mật khẩu
  loa tokens list [--user NAME]   danh sách mã truy cập
  loa tokens revoke ID | --user NAME
                                  thu hồi mã truy cập
  loa backup FILE                 sao lưu CSDL (an toàn khi đang chạy)
  loa apply FILE                  nạp tệp YAML trạm (vùng loa, chủ đề, chính sách)
  loa export [--out FILE] [--with-secrets]   xuất cấu hình trạm ra YAML (khóa, mật khẩu là *** nếu không có --with-secrets)
  loa plan --from D --to D [--zone Z] [--dry-run]
                                  lập lịch và in chương trình từng vùng
  loa report --month YYYY-MM [--zone Z] [--format json|csv|xlsx|html] [--table T] [--out FILE]
                                  báo cáo tháng từ nhật ký phát sóng
  loa demo remove                 gỡ dữ liệu mẫu: xoá tin mẫu chưa phát, lưu trữ tin mẫu đã phát
  loa device --url URL --key KEY [--cache DIR] [--sink alsa|pulse|FILE|-] [--poll S]
                                  chạy một cụm loa tải về-phát lại (nhận chương trình, phát đúng giờ cả khi mất mạng)

Settings come from the same LOA_* environment as the daemon (LOA_DATA_DIR …).`;

export class CliError extends Error {}

async function readPassword(prompt: string): Promise<string> {
  if (process.env.LOA_PASSWORD) return process.env.LOA_PASSWORD;
  if (!process.stdin.isTTY) throw new CliError('set LOA_PASSWORD (no terminal to ask for the password)');
  const rl = createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  // Hide typed characters: write the prompt once, then swallow echo.
  const out = rl as unknown as { _writeToOutput: (s: string) => void };
  process.stdout.write(prompt);
  out._writeToOutput = () => {};
  const answer = await new Promise<string>((res) => rl.question('', res));
  rl.close();
  process.stdout.write('\n');
  return answer;
}

function openDb(config: Config): Db {
  return openDatabase(join(resolve(config.dataDir), 'loa.sqlite'));
}

/** The audit log as the command line writes it: every change it makes has the actor "cli". */
const cliAudit = (db: Db) => createAuditLog({ db, clock: systemClock });

async function usersCommand(db: Db, args: string[]): Promise<string> {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { role: { type: 'string' }, unit: { type: 'string' } } });
  const [sub, name] = positionals;
  if (sub === 'list') {
    return listUsers(db).map((u) => `${u.username}\t${u.role}\t${u.unit ?? ''}${u.disabled ? '\t(disabled)' : ''}`).join('\n');
  }
  if (sub === 'add') {
    const username = Username.safeParse(name);
    if (!username.success) throw new CliError(`NAME: ${username.error.issues[0]?.message ?? 'invalid'}`);
    const role = Role.safeParse(values.role);
    if (!role.success) throw new CliError('--role must be admin, reviewer, operator or submitter');
    const password = await readPassword(`Mật khẩu cho ${username.data}: `);
    if (password.length < 8) throw new CliError('the password must have at least 8 characters');
    try {
      const user = await createAccounts(db, systemClock).addUser(username.data, role.data, password, values.unit ?? null);
      cliAudit(db).record('cli', 'user.add', { type: 'user', id: user.id }, null, userSnapshot(user), { note: 'loa users add' });
    } catch (err) {
      if ((err as Error).message === 'username-taken') throw new CliError(`user "${username.data}" already exists`);
      throw err;
    }
    return `added ${username.data} (${role.data})`;
  }
  if (sub === 'passwd') {
    const user = name ? findUserByName(db, name) : undefined;
    if (!user) throw new CliError(`no user "${name ?? ''}"`);
    const password = await readPassword(`Mật khẩu mới cho ${user.username}: `);
    if (password.length < 8) throw new CliError('the password must have at least 8 characters');
    // As the API's reset does: a changed password ends every session and token made with the old one.
    const revoked = await createAccounts(db, systemClock).resetPassword(user.id, password);
    cliAudit(db).record('cli', 'user.password-reset', { type: 'user', id: user.id }, null, { username: user.username, revokedTokens: revoked }, { note: 'loa users passwd' });
    return `password of ${user.username} changed; ${revoked} session(s) and token(s) ended`;
  }
  throw new CliError(USAGE);
}

function tokensCommand(db: Db, args: string[]): string {
  const { values, positionals } = parseArgs({ args, allowPositionals: true, options: { user: { type: 'string' } } });
  const [sub, id] = positionals;
  const user = values.user ? findUserByName(db, values.user) : undefined;
  if (values.user && !user) throw new CliError(`no user "${values.user}"`);
  if (sub === 'list') {
    return listTokens(db, user?.id)
      .map((t) => `${t.id}\t${t.userId}\t${new Date(t.createdAt).toISOString()}\t${t.revokedAt ? 'revoked' : 'live'}\t${t.label ?? ''}`)
      .join('\n');
  }
  if (sub === 'revoke') {
    if (!id && !user) throw new CliError('give a token ID or --user NAME');
    const n = revokeTokens(db, id ? { id } : { userId: user!.id }, systemClock.now());
    const target = id ? { type: 'token', id } as const : { type: 'user', id: user!.id } as const;
    cliAudit(db).record('cli', id ? 'token.revoke' : 'user.revoke', target, null, { ...(user && { username: user.username }), revokedTokens: n }, { note: 'loa tokens revoke' });
    return `revoked ${n} token(s)`;
  }
  throw new CliError(USAGE);
}

/** Runs one CLI command; returns what to print. Exported for tests. */
export async function runCli(argv: string[], config: Config): Promise<string> {
  const [command, ...rest] = argv;
  if (!command || command === 'help' || command === '--help') return USAGE;
  // A head-end talks to Loa over HTTP: it opens no database.
  if (command === 'device') {
    try {
      return await deviceCommand(rest);
    } catch (err) {
      if (err instanceof DeviceUsageError) throw new CliError(err.message);
      throw err;
    }
  }
  const db = openDb(config);
  try {
    switch (command) {
      case 'users':
        return await usersCommand(db, rest);
      case 'tokens':
        return tokensCommand(db, rest);
      case 'backup': {
        if (!rest[0]) throw new CliError('usage: loa backup FILE');
        await backupDatabase(db, resolve(rest[0]));
        return `backup written to ${resolve(rest[0])}`;
      }
      case 'demo':
        if (rest.length !== 1 || rest[0] !== 'remove') throw new CliError('usage: loa demo remove');
        return demoRemoveCommand(db, config);
      default: {
        const station = stationCommands[command];
        if (station) return await station(db, rest, config);
        throw new CliError(`unknown command "${command}"\n\n${USAGE}`);
      }
    }
  } finally {
    db.close();
  }
}

