import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Role, Username } from '../../domain/user.ts';
import { ApiError } from '../../errors.ts';
import { listUsers } from '../../storage/users.ts';
import { requirePermission } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';

const NewUser = z.object({
  username: Username,
  role: Role,
  unit: z.string().trim().min(1).max(200).nullable().default(null),
  password: z.string().min(8).max(512),
});

/** User management (admin only): list and create users; the CLI does the same offline. */
export function registerUserRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const manage = requirePermission('users:manage');
  r.get('/api/users', { schema: { tags: ['users'], summary: 'Danh sách người dùng' }, preHandler: manage }, async () => ({
    users: listUsers(deps.db).map((u) => ({ id: u.id, username: u.username, role: u.role, unit: u.unit, disabled: u.disabled })),
  }));
  r.post('/api/users', { schema: { tags: ['users'], summary: 'Thêm người dùng', body: NewUser }, preHandler: manage }, async (req, reply) => {
    try {
      const u = await deps.accounts.addUser(req.body.username, req.body.role, req.body.password, req.body.unit);
      return reply.status(201).send({ id: u.id, username: u.username, role: u.role, unit: u.unit });
    } catch (err) {
      if ((err as Error).message === 'username-taken') throw new ApiError(409, 'conflict', { reason: `username "${req.body.username}" is taken` });
      throw err;
    }
  });
}
