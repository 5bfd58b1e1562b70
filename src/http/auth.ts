import type { FastifyInstance, FastifyReply, FastifyRequest, onRequestHookHandler } from 'fastify';
import type { Accounts, Session } from '../access/accounts.ts';
import { can, type Permission } from '../access/roles.ts';
import { ApiError } from '../errors.ts';

/** The admin page's session cookie: it holds a session token (stored hashed, like API tokens). */
export const SESSION_COOKIE = 'loa_session';

/** Who may call a route: anyone, any signed-in user, or the roles that have a permission. */
export type Access = 'public' | 'signed-in' | Permission;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Every /api route states this (`config: { access }`); one hook enforces it. */
    access?: Access;
  }
}

/** The API documentation, served by a plugin that takes no per-route config. */
const DOCS = /^\/api\/(docs(\/|$)|openapi\.json$)/;
const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * One mechanism for the role matrix: each /api route declares its access and this hook installs the
 * check. A route that declares nothing stops the server from starting, so a new route cannot be
 * open by omission (test/integration/routeAccess.test.ts tries every route as every role).
 */
function enforceAccessRules(app: FastifyInstance): void {
  app.addHook('onRoute', (route) => {
    if (!route.url.startsWith('/api/')) return;
    const access = DOCS.test(route.url) ? 'public' : route.config?.access;
    if (!access) throw new Error(`${String(route.method)} ${route.url} declares no access rule: add config: { access } (src/http/auth.ts)`);
    route.config = { ...route.config, access };
    if (access === 'public' || access === 'signed-in') return;
    // On the route's onRequest (after the app's sign-in hook, before the body is read): a role that
    // may not gets 403 whatever it sent, never a 400 that tells it about the body.
    const existing = [route.onRequest ?? []].flat() as onRequestHookHandler[];
    route.onRequest = [...existing, requirePermission(access)];
  });
}

/**
 * Every /api route needs `Authorization: Bearer TOKEN` or the admin page's session cookie, except
 * login and the API documentation. A request that rides on the cookie and changes something must
 * also carry the CSRF token (header `x-csrf-token`); bearer tokens are not sent by browsers on their
 * own, so they need none.
 */
export function registerAuth(app: FastifyInstance, accounts: Accounts): void {
  enforceAccessRules(app);
  app.addHook('onRequest', async (req) => {
    const path = req.url.split('?')[0] ?? '';
    // An unknown /api path is treated as private: who is not signed in learns nothing of what exists.
    if (!path.startsWith('/api/') || DOCS.test(path) || req.routeOptions.config?.access === 'public') return;
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

/** A hook refusing with 403 when the user's role lacks the permission. */
export function requirePermission(permission: Permission) {
  return async (req: FastifyRequest) => {
    const { user, scopes } = sessionOf(req);
    if (!can(user.role, permission)) throw new ApiError(403, 'forbidden', { role: user.role });
    if (scopes && !scopes.includes(permission)) throw new ApiError(403, 'token-scope', { permission });
  };
}
