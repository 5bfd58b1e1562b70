import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAuditLog } from '../../audit/auditLog.ts';
import { userSnapshot } from '../../audit/snapshots.ts';
import { Role, Username } from '../../domain/user.ts';
import { ApiError } from '../../errors.ts';
import { findUserById, listUsers } from '../../storage/users.ts';
import type { ServerDeps } from '../deps.ts';
import { THINGS } from '../../i18n/words.ts';
import { sessionOf } from '../auth.ts';

const NewUser = z.object({
  username: Username,
  role: Role,
  unit: z.string().trim().min(1).max(200).nullable().default(null),
  password: z.string().min(8).max(512),
});

const UserParams = z.object({ id: z.string().min(1).max(64) });
const NewPassword = z.object({ password: z.string().min(8).max(512) });

/** User management (admin only): list and create users, reset passwords, end sessions; the CLI does the same offline. */
export function registerUserRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = { access: 'users:manage' } as const;
  // Who added whom, whose password was reset, whose sessions ended: never the password itself.
  const audit = createAuditLog({ db: deps.db, clock: deps.clock });
  r.get('/api/users', { schema: { tags: ['users'], summary: 'Danh sách người dùng' }, config: manage }, async () => ({
    users: listUsers(deps.db).map((u) => ({ id: u.id, username: u.username, role: u.role, unit: u.unit, disabled: u.disabled })),
  }));
  r.post('/api/users', { schema: { tags: ['users'], summary: 'Thêm người dùng', body: NewUser }, config: manage }, async (req, reply) => {
    try {
      const u = await deps.accounts.addUser(req.body.username, req.body.role, req.body.password, req.body.unit);
      audit.record(sessionOf(req).user, 'user.add', { type: 'user', id: u.id }, null, userSnapshot(u));
      return reply.status(201).send({ id: u.id, username: u.username, role: u.role, unit: u.unit });
    } catch (err) {
      if ((err as Error).message === 'username-taken') throw new ApiError(409, 'username-taken', { username: req.body.username }, { field: 'body.username' });
      throw err;
    }
  });

  const userOf = (id: string) => {
    const user = findUserById(deps.db, id);
    if (!user) throw new ApiError(404, 'not-found', { what: THINGS.user, id });
    return user;
  };
  r.post('/api/users/:id/password', {
    schema: { tags: ['users'], summary: 'Đặt lại mật khẩu (kết thúc mọi phiên và mã của người đó)', params: UserParams, body: NewPassword },
    config: manage,
  }, async (req) => {
    const user = userOf(req.params.id);
    const revoked = await deps.accounts.resetPassword(user.id, req.body.password);
    audit.record(sessionOf(req).user, 'user.password-reset', { type: 'user', id: user.id }, null, { username: user.username, revokedTokens: revoked });
    return { id: user.id, revoked };
  });
  r.post('/api/users/:id/revoke', {
    schema: { tags: ['users'], summary: 'Thu hồi mọi mã truy cập và phiên đăng nhập của người dùng', params: UserParams },
    config: manage,
  }, async (req) => {
    const user = userOf(req.params.id);
    const revoked = deps.accounts.revokeAll(user.id);
    audit.record(sessionOf(req).user, 'user.revoke', { type: 'user', id: user.id }, null, { username: user.username, revokedTokens: revoked });
    return { id: user.id, revoked };
  });
}
