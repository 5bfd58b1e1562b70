import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { Accounts, Session } from '../access/accounts.ts';
import { can, type Permission } from '../access/roles.ts';
import { ApiError } from '../errors.ts';

/** The admin page's session cookie: it holds a session token (stored hashed, like API tokens). */
export const SESSION_COOKIE = 'loa_session';

/** Routes under /api that need no token or session. */
const PUBLIC = [/^\/api\/auth\/(login|session)$/, /^\/api\/openapi\.json$/, /^\/api\/docs(\/|$)/];
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Every /api route needs `Authorization: Bearer TOKEN` or the admin page's session cookie, except
 * login and the API documentation. A request that rides on the cookie and changes something must
 * also carry the CSRF token (header `x-csrf-token`); bearer tokens are not sent by browsers on their
 * own, so they need none.
 */
export function registerAuth(app: FastifyInstance, accounts: Accounts): void {
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    if (!path.startsWith('/api/') || PUBLIC.some((re) => re.test(path))) return;
    const header = req.headers.authorization ?? '';
    const match = /^Bearer\s+(\S+)$/i.exec(header);
    // Browsers' EventSource cannot send headers: the live event stream also takes ?token=.
    const queryToken = path === '/api/events' ? (req.query as { token?: string }).token : undefined;
    const bearerToken = match?.[1] ?? queryToken;
    const cookieToken = req.cookies[SESSION_COOKIE];
    const token = bearerToken ?? cookieToken;
    const session = token ? accounts.authenticate(token) : null;
    if (!session) throw new ApiError(401, 'unauthorized');
    // A session token presented as a bearer is not a cookie the browser attaches by itself.
    req.session = bearerToken ? { ...session, kind: 'api' } : session;
  });
  app.addHook('onRequest', (req, reply, done) => {
    if (req.session?.kind !== 'session' || SAFE_METHODS.has(req.method)) return done();
    app.csrfProtection(req, reply, done);
  });
}

/** Sets the session cookie: httpOnly, SameSite=Strict, Secure when the page came over https. */
export function setSessionCookie(req: FastifyRequest, reply: FastifyReply, token: string, expiresAt: number): void {
  reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: req.protocol === 'https',
    expires: new Date(expiresAt),
  });
}

export function clearSessionCookie(reply: FastifyReply): void {
  reply.clearCookie(SESSION_COOKIE, { path: '/' });
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
