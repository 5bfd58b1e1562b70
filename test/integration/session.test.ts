/**
 * The admin page's sessions through the API: a cookie that expires, CSRF on changes, login backoff
 * per (user, address) with Retry-After, listen passes bound to the session, password reset and
 * revocation ending every session of a user.
 */
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLoginLimiter } from '../../src/access/loginLimiter.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

let t: TestDaemon;
let clock: FakeClock;
beforeAll(async () => {
  clock = fakeClock('2026-12-03T08:00:00+07:00');
  t = await startTestDaemon({ clock, env: { LOA_SESSION_HOURS: '2' } });
});
afterAll(() => t.close());

const inject = (opts: InjectOptions): Promise<LightMyRequestResponse> => t.daemon.app.inject(opts);
const cookieOf = (res: LightMyRequestResponse, name: string) => res.cookies.find((c) => c.name === name);

async function browserLogin(username = 'admin', password = ADMIN_PASSWORD, ip = '10.0.0.1') {
  const res = await inject({ method: 'POST', url: '/api/auth/session', payload: { username, password }, remoteAddress: ip });
  expect(res.statusCode).toBe(200);
  const session = cookieOf(res, 'loa_session')!;
  const csrf = cookieOf(res, '_csrf')!;
  return { cookie: `loa_session=${session.value}; _csrf=${csrf.value}`, csrfToken: json<{ csrfToken: string }>(res).csrfToken, session };
}

describe('browser sessions', () => {
  it('sets an httpOnly, SameSite=Strict cookie that ends after the session hours', async () => {
    const { cookie, session } = await browserLogin();
    expect(session).toMatchObject({ httpOnly: true, sameSite: 'Strict', path: '/' });
    expect(session.secure).toBeFalsy();
    expect((await inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(200);
    clock.advance(2 * 3_600_000 + 1000);
    expect((await inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
  });

  it('marks the cookie Secure behind an https proxy', async () => {
    const res = await inject({ method: 'POST', url: '/api/auth/session', headers: { 'x-forwarded-proto': 'https' }, payload: { username: 'admin', password: ADMIN_PASSWORD } });
    expect(cookieOf(res, 'loa_session')!.secure).toBe(true);
  });

  it('refuses a change that rides on the cookie without the CSRF token, accepts it with the token', async () => {
    const { cookie, csrfToken } = await browserLogin();
    const without = await inject({ method: 'PUT', url: '/api/policy', headers: { cookie }, payload: {} });
    expect(without.statusCode).toBe(403);
    expect(json(without).message).toContain('CSRF');
    const forged = await inject({ method: 'PUT', url: '/api/policy', headers: { cookie, 'x-csrf-token': 'forged' }, payload: {} });
    expect(forged.statusCode).toBe(403);
    const policy = json((await inject({ url: '/api/policy', headers: { cookie } })));
    const ok = await inject({ method: 'PUT', url: '/api/policy', headers: { cookie, 'x-csrf-token': csrfToken }, payload: policy });
    expect(ok.statusCode).toBe(200);
    // A bearer token needs no CSRF token: browsers never attach it on their own.
    const token = await t.login('admin', ADMIN_PASSWORD);
    expect((await inject({ method: 'PUT', url: '/api/policy', headers: bearer(token), payload: policy })).statusCode).toBe(200);
  });

  it('lists the permissions of the role for the page to offer only what it may', async () => {
    const { cookie } = await browserLogin();
    const me = json<{ permissions: string[]; csrfToken: string }>(await inject({ url: '/api/auth/me', headers: { cookie } }));
    expect(me.permissions).toContain('users:manage');
    expect(me.csrfToken).toEqual(expect.any(String));
  });
});

describe('login backoff', () => {
  it('answers 429 with Retry-After from the 5th failure, for that user and address only', async () => {
    await t.userToken('vanhanh', 'operator');
    const attempt = (password: string, ip = '10.0.0.9', username = 'vanhanh') =>
      inject({ method: 'POST', url: '/api/auth/session', payload: { username, password }, remoteAddress: ip });
    for (let i = 0; i < 4; i++) expect((await attempt('wrong')).statusCode).toBe(401);
    const fifth = await attempt('wrong');
    expect(fifth.statusCode).toBe(429);
    expect(json(fifth).message).toMatch(/thử lại sau 30 giây/);
    expect(fifth.headers['retry-after']).toBe('30');
    expect((await attempt('vanhanh-password')).statusCode).toBe(429);
    // Another address, or another user from the same address, is not locked out.
    expect((await attempt('vanhanh-password', '10.0.0.10')).statusCode).toBe(200);
    expect((await attempt(ADMIN_PASSWORD, '10.0.0.9', 'admin')).statusCode).toBe(200);
    clock.advance(31_000);
    expect((await attempt('vanhanh-password')).statusCode).toBe(200);
  });

  it('doubles the wait with each further failure, up to 15 minutes', () => {
    const limiter = createLoginLimiter();
    let now = 0;
    const waits: number[] = [];
    for (let i = 0; i < 12; i++) {
      limiter.failed('a', 'ip', now);
      waits.push(limiter.waitMs('a', 'ip', now));
      now += limiter.waitMs('a', 'ip', now);
    }
    expect(waits.slice(0, 4)).toEqual([0, 0, 0, 0]);
    expect(waits.slice(4, 8)).toEqual([30_000, 60_000, 120_000, 240_000]);
    expect(Math.max(...waits)).toBe(15 * 60_000);
  });
});

describe('users: reset and revoke', () => {
  it('a password reset or a revoke ends every session and token of that user', async () => {
    const admin = await t.login('admin', ADMIN_PASSWORD);
    const token = await t.userToken('kiemduyet', 'reviewer');
    const { cookie } = await browserLogin('kiemduyet', 'kiemduyet-password', '10.0.0.20');
    const users = json<{ users: { id: string; username: string }[] }>(await inject({ url: '/api/users', headers: bearer(admin) })).users;
    const id = users.find((u) => u.username === 'kiemduyet')!.id;
    const reset = await inject({ method: 'POST', url: `/api/users/${id}/password`, headers: bearer(admin), payload: { password: 'mat-khau-moi-123' } });
    expect(json(reset)).toMatchObject({ revoked: 2 });
    expect((await inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
    expect((await inject({ url: '/api/auth/me', headers: { cookie } })).statusCode).toBe(401);
    const again = await t.login('kiemduyet', 'mat-khau-moi-123');
    expect(json(await inject({ method: 'POST', url: `/api/users/${id}/revoke`, headers: bearer(admin) }))).toMatchObject({ revoked: 1 });
    expect((await inject({ url: '/api/auth/me', headers: bearer(again) })).statusCode).toBe(401);
    expect((await inject({ method: 'POST', url: '/api/users/usr_nobody/revoke', headers: bearer(admin) })).statusCode).toBe(404);
  });
});

describe('security headers on the page', () => {
  it('serves / with a CSP that allows only the daemon itself and no inline code but the import map', async () => {
    const res = await inject({ url: '/' });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'self'");
    expect(csp).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'(;|$)/);
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('upgrade-insecure-requests');
    expect(csp).toContain("frame-ancestors 'none'");
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('lets the print view of a report style itself inline but load and run nothing', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const res = await inject({ url: '/api/reports/monthly?month=2026-11&format=html', headers: bearer(token) });
    expect(res.statusCode).toBe(200);
    const csp = String(res.headers['content-security-policy']);
    expect(csp).toContain("default-src 'none'");
    expect(csp).toContain("style-src 'unsafe-inline'");
    expect(csp).not.toContain('script-src');
  });
});
