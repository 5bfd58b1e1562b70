/**
 * The role matrix on every route (issue 12, Security): the routes come from the app itself (an
 * `onRoute` hook added before anything registers), and each is tried with no token, a forged, an
 * expired and a revoked one, and as every role. A role the route's rule refuses gets 403 before its
 * body is read; a role it admits is never refused. A new route without a rule stops the app.
 */
import type * as FastifyModule from 'fastify';
import type { InjectOptions, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import Fastify from 'fastify';
import type { Accounts } from '../../src/access/accounts.ts';
import { can } from '../../src/access/roles.ts';
import { registerAuth } from '../../src/http/auth.ts';
import type { Role } from '../../src/domain/user.ts';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

const registered = vi.hoisted(() => [] as { method: string; url: string; access: string | undefined }[]);
vi.mock('fastify', async (importOriginal) => {
  const real = await importOriginal<typeof FastifyModule>();
  // The factory's overloads cannot be restated generically; the wrapper only adds a hook.
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const wrapped = ((opts?: any) => {
    const app = real.default(opts);
    app.addHook('onRoute', (route: RouteOptions) => {
      const access = (route.config as { access?: string } | undefined)?.access;
      for (const method of [route.method].flat()) registered.push({ method, url: route.url, access });
    });
    return app;
  }) as typeof real.default;
  return { ...real, default: wrapped, fastify: wrapped };
});

const ROLES: Role[] = ['admin', 'reviewer', 'operator', 'submitter'];
/** Routes whose admitted call would not return (an event stream) or would end the caller's token. */
const NOT_CALLED_WHEN_ADMITTED = new Set(['GET /api/events', 'POST /api/auth/logout']);

let t: TestDaemon;
let clock: FakeClock;
const tokens = {} as Record<Role | 'expired' | 'revoked', string>;

beforeAll(async () => {
  clock = fakeClock('2026-12-03T09:00:00+07:00');
  t = await startTestDaemon({ clock, env: { LOA_SESSION_HOURS: '1' } });
  for (const role of ROLES) tokens[role] = role === 'admin' ? await t.login('admin', ADMIN_PASSWORD) : await t.userToken(`u-${role}`, role, role === 'submitter' ? 'Công an phường' : null);
  const session = await t.daemon.app.inject({ method: 'POST', url: '/api/auth/session', payload: { username: 'admin', password: ADMIN_PASSWORD } });
  tokens.expired = session.cookies.find((c) => c.name === 'loa_session')!.value;
  tokens.revoked = await t.login('admin', ADMIN_PASSWORD);
  await t.daemon.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(tokens.revoked) });
  clock.advance(3_600_000 + 1000);
});
afterAll(() => t?.close());

const apiRoutes = () => registered.filter((r) => r.url.startsWith('/api/') && r.method !== 'HEAD' && !r.url.startsWith('/api/docs'));
const concrete = (url: string) => url.replace(/:(\w+)/g, 'x-$1').replace(/\*$/, 'x');

function request(route: { method: string; url: string }, token?: string): InjectOptions {
  const body = ['POST', 'PUT', 'PATCH'].includes(route.method) ? { payload: {} } : {};
  return { method: route.method as InjectOptions['method'], url: concrete(route.url), headers: token ? bearer(token) : {}, ...body };
}

describe('every /api route against the role matrix', () => {
  it('will not register an /api route that declares no access rule', () => {
    const app = Fastify();
    registerAuth(app, {} as Accounts);
    expect(() => app.get('/api/new-thing', async () => 'open by omission')).toThrow(/declares no access rule/);
    expect(() => app.get('/api/new-thing', { config: { access: 'items:read' } }, async () => 'ruled')).not.toThrow();
    // This throwaway app's routes are not the daemon's.
    registered.splice(0, registered.length, ...registered.filter((r) => r.url !== '/api/new-thing'));
  });

  it('has an access rule on every route', () => {
    const missing = apiRoutes().filter((r) => !r.access && r.url !== '/api/openapi.json').map((r) => `${r.method} ${r.url}`);
    expect(apiRoutes().length).toBeGreaterThan(40);
    expect(missing).toEqual([]);
  });

  it('refuses every non-public route with no token, a forged, an expired and a revoked one (401)', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const route of apiRoutes().filter((r) => r.access !== 'public' && r.url !== '/api/openapi.json')) {
      for (const token of [undefined, 'forged-token-0000', tokens.expired, tokens.revoked]) {
        const res = await t.daemon.app.inject(request(route, token));
        tried++;
        if (res.statusCode !== 401) wrong.push(`${route.method} ${route.url} with ${token ? 'a bad token' : 'no token'}: ${res.statusCode}`);
      }
    }
    console.log(`route access: ${tried} requests without a valid token`);
    expect(wrong).toEqual([]);
  });

  it('gives 403 to every role the rule refuses, and never refuses a role it admits', async () => {
    const wrong: string[] = [];
    let tried = 0;
    for (const route of apiRoutes().filter((r) => r.access && r.access !== 'public')) {
      for (const role of ROLES) {
        const admitted = route.access === 'signed-in' || can(role, route.access as Parameters<typeof can>[1]);
        const key = `${route.method} ${route.url}`;
        if (admitted && NOT_CALLED_WHEN_ADMITTED.has(key)) continue;
        const res = await t.daemon.app.inject(request(route, tokens[role]));
        tried++;
        if (admitted ? [401, 403].includes(res.statusCode) : res.statusCode !== 403) wrong.push(`${key} as ${role}: ${res.statusCode}`);
      }
    }
    console.log(`route access: ${tried} requests as the four roles`);
    expect(wrong).toEqual([]);
  });

  it('lets reviewers, operators and the admin read the airtime log and the reports, and no unit', async () => {
    const reads = ['/api/airtime?from=2026-11-01&to=2026-11-30', '/api/reports/monthly?month=2026-11'];
    for (const url of reads) {
      for (const role of ROLES) {
        const res = await t.daemon.app.inject({ url, headers: bearer(tokens[role]) });
        expect(res.statusCode, `${url} as ${role}`).toBe(role === 'submitter' ? 403 : 200);
      }
    }
  });
});
