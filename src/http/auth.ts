import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Accounts, Session } from '../access/accounts.ts';
import { can, type Permission } from '../access/roles.ts';
import { ApiError } from '../errors.ts';

/** Routes under /api that need no token. */
const PUBLIC = [/^\/api\/auth\/login$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/|$)/];

/** Every /api route needs `Authorization: Bearer TOKEN` except login and the API documentation. */
export function registerAuth(app: FastifyInstance, accounts: Accounts): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC.some((re) => re.test(path))) return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Browsers' EventSource cannot send headers: the live event stream also takes ?token=.
    const queryToken = path === '/api/events' ? (req.query as { token?: string }).token : undefined;
    const token = match?.[1] ?? queryToken;
    const session = token ? accounts.authenticate(token) : null;
    if (!session) throw new ApiError(401, 'unauthorized');
    req.session = session;
  });
}

/** The session of an authenticated request (the hook guarantees it on /api routes). */
export function sessionOf(req: FastifyRequest): Session {
  if (!req.session) throw new ApiError(401, 'unauthorized');
  return req.session;
}

/** A preHandler refusing with 403 when the user's role lacks the permission. */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest) => {
    const { user } = sessionOf(req);
    if (!can(user.role, permission)) throw new ApiError(403, 'forbidden', { role: user.role });
  };
}
