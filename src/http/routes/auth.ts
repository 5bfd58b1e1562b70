import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { ApiError } from '../../errors.ts';
import { revokeTokens } from '../../storage/tokens.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(512) });

/** Login (returns a bearer token), logout (revokes it), and who am I. */
export function registerAuthRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  r.post('/api/auth/login', {
    schema: {
      tags: ['auth'],
      summary: 'Đăng nhập',
      security: [],
      body: LoginBody,
      response: { 200: z.object({ token: z.string(), user: z.object({ username: z.string(), role: z.string(), unit: z.string().nullable() }) }) },
    },
  }, async (req) => {
    const result = await deps.accounts.login(req.body.username, req.body.password, req.headers['user-agent']?.slice(0, 200) ?? null);
    if (!result) throw new ApiError(401, 'login-failed');
    const { user } = result;
    return { token: result.token, user: { username: user.username, role: user.role, unit: user.unit } };
  });

  r.post('/api/auth/logout', { schema: { tags: ['auth'], summary: 'Đăng xuất (thu hồi mã)' } }, async (req, reply) => {
    revokeTokens(deps.db, { id: sessionOf(req).tokenId }, deps.clock.now());
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { schema: { tags: ['auth'], summary: 'Người dùng hiện tại' } }, async (req) => {
    const { user } = sessionOf(req);
    return { id: user.id, username: user.username, role: user.role, unit: user.unit };
  });
}
