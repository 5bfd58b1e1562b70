import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { LoginOptions } from '../../access/accounts.ts';
import { permissionsOf } from '../../access/roles.ts';
import { createAuditLog, type AuditActor } from '../../audit/auditLog.ts';
import { Username } from '../../domain/user.ts';
import { ApiError } from '../../errors.ts';
import { revokeTokens } from '../../storage/tokens.ts';
import { findUserByName } from '../../storage/users.ts';
import { clearSessionCookie, SESSION_COOKIE, sessionOf, setSessionCookie } from '../auth.ts';
import type { RouteDeps } from '../deps.ts';

const LoginBody = z.object({ username: z.string().min(1).max(64), password: z.string().min(1).max(512) });
const UserView = z.object({ username: z.string(), role: z.string(), unit: z.string().nullable() });
/** Per address, whatever the name tried: a flood from one machine slows down before backoff. */
const PER_ADDRESS = { access: 'public', rateLimit: { max: 30, timeWindow: '1 minute' } } as const;

/** Login (a bearer token or a browser session), logout, and who am I. */
export function registerAuthRoutes(app: FastifyInstance, deps: RouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const audit = createAuditLog({ db: deps.db, clock: deps.clock });

  /**
   * A failed login in the audit log: who (the user, or the name tried when it is no user's) and from
   * where, never the password. A name that could not be a username is not kept either: people type
   * their password into the name field.
   */
  function auditFailedLogin(req: FastifyRequest, username: string, locked: boolean): void {
    const user = findUserByName(deps.db, username);
    const actor: AuditActor = user
      ? { id: user.id, username: user.username }
      : { id: null, username: Username.safeParse(username).success ? username : '?' };
    const reason = locked ? 'locked' : !user ? 'unknown-user' : user.disabled ? 'disabled' : 'wrong-password';
    audit.record(actor, 'auth.login-failed', { type: 'user', id: user?.id ?? null }, null, { reason }, { address: req.ip });
  }

  /** Checks the password under the per-(user, address) backoff; 429 with Retry-After when locked. */
  async function checkLogin(req: FastifyRequest, body: z.infer<typeof LoginBody>, opts: LoginOptions) {
    const now = deps.clock.now();
    const wait = deps.loginLimiter.waitMs(body.username, req.ip, now);
    if (wait > 0) {
      auditFailedLogin(req, body.username, true);
      throw lockedOut(wait);
    }
    const result = await deps.accounts.login(body.username, body.password, opts);
    if (!result) {
      auditFailedLogin(req, body.username, false);
      deps.loginLimiter.failed(body.username, req.ip, now);
      const after = deps.loginLimiter.waitMs(body.username, req.ip, now);
      if (after > 0) throw lockedOut(after);
      throw new ApiError(401, 'login-failed');
    }
    deps.loginLimiter.succeeded(body.username, req.ip);
    audit.record(result.user, 'auth.login', { type: 'user', id: result.user.id }, null, { kind: opts.kind ?? 'api' }, { address: req.ip });
    return result;
  }

  r.post('/api/auth/login', {
    config: PER_ADDRESS,
    schema: { tags: ['auth'], summary: 'Đăng nhập (mã truy cập cho API)', security: [], body: LoginBody, response: { 200: z.object({ token: z.string(), user: UserView }) } },
  }, async (req) => {
    const result = await checkLogin(req, req.body, { label: req.headers['user-agent']?.slice(0, 200) ?? null });
    const { user } = result;
    return { token: result.token, user: { username: user.username, role: user.role, unit: user.unit } };
  });

  r.post('/api/auth/session', {
    config: PER_ADDRESS,
    schema: { tags: ['auth'], summary: 'Đăng nhập trang quản trị (cookie phiên làm việc)', security: [], body: LoginBody },
  }, async (req, reply) => {
    const ttlMs = deps.config.sessionHours * 3_600_000;
    const result = await checkLogin(req, req.body, { kind: 'session', ttlMs, label: `trình duyệt: ${req.headers['user-agent']?.slice(0, 180) ?? ''}` });
    setSessionCookie(req, reply, result.token, result.expiresAt!);
    const { user } = result;
    return {
      user: { id: user.id, username: user.username, role: user.role, unit: user.unit, permissions: permissionsOf(user.role) },
      csrfToken: reply.generateCsrf(),
      expiresAt: new Date(result.expiresAt!).toISOString(),
    };
  });

  // Logout needs no valid session: a stale cookie is cleared all the same.
  r.delete('/api/auth/session', { config: { access: 'public' }, schema: { tags: ['auth'], summary: 'Đăng xuất trang quản trị', security: [] } }, async (req, reply) => {
    const token = req.cookies[SESSION_COOKIE];
    const session = token ? deps.accounts.authenticate(token) : null;
    if (session) revokeTokens(deps.db, { id: session.tokenId }, deps.clock.now());
    clearSessionCookie(reply);
    return reply.status(204).send();
  });

  r.post('/api/auth/logout', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'Đăng xuất (thu hồi mã)' } }, async (req, reply) => {
    revokeTokens(deps.db, { id: sessionOf(req).tokenId }, deps.clock.now());
    if (sessionOf(req).kind === 'session') clearSessionCookie(reply);
    return reply.status(204).send();
  });

  r.get('/api/auth/me', { config: { access: 'signed-in' }, schema: { tags: ['auth'], summary: 'Người dùng hiện tại (và mã CSRF cho trang quản trị)' } }, async (req, reply) => {
    const { user, kind } = sessionOf(req);
    return { id: user.id, username: user.username, role: user.role, unit: user.unit, permissions: permissionsOf(user.role), ...(kind === 'session' && { csrfToken: reply.generateCsrf() }) };
  });
}

function lockedOut(waitMs: number): ApiError {
  const seconds = Math.ceil(waitMs / 1000);
  return new ApiError(429, 'login-locked', { seconds }, undefined, { 'retry-after': String(seconds) });
}
