import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

describe('users, login and tokens', () => {
  let t: TestDaemon;
  beforeAll(async () => {
    t = await startTestDaemon();
  });
  afterAll(() => t.close());

  it('creates the first admin from LOA_ADMIN_PASSWORD and logs in', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const me = await t.daemon.app.inject({ url: '/api/auth/me', headers: bearer(token) });
    expect(me.statusCode).toBe(200);
    expect(json(me)).toMatchObject({ username: 'admin', role: 'admin' });
  });

  it('refuses a wrong password with 401 in Vietnamese (English on request)', async () => {
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/auth/login', payload: { username: 'admin', password: 'nope' } });
    expect(res.statusCode).toBe(401);
    expect(json(res).message).toBe('Sai tên đăng nhập hoặc mật khẩu.');
    const en = await t.daemon.app.inject({
      method: 'POST', url: '/api/auth/login', headers: { 'accept-language': 'en-US' }, payload: { username: 'admin', password: 'nope' },
    });
    expect(json(en).message).toBe('Wrong username or password.');
  });

  it('needs a bearer token on /api routes and refuses a bad one', async () => {
    expect((await t.daemon.app.inject({ url: '/api/items' })).statusCode).toBe(401);
    expect((await t.daemon.app.inject({ url: '/api/items', headers: bearer('forged') })).statusCode).toBe(401);
  });

  it('gives 403 to a role that may not', async () => {
    const token = await t.userToken('donvi-ca', 'submitter', 'Công an phường');
    const res = await t.daemon.app.inject({ method: 'PUT', url: '/api/policy', headers: bearer(token), payload: {} });
    expect(res.statusCode).toBe(403);
    expect(json(res).message).toContain('submitter');
  });

  it('revokes a token on logout', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    expect((await t.daemon.app.inject({ method: 'POST', url: '/api/auth/logout', headers: bearer(token) })).statusCode).toBe(204);
    expect((await t.daemon.app.inject({ url: '/api/auth/me', headers: bearer(token) })).statusCode).toBe(401);
  });

  it('names the field of a malformed request with 400', async () => {
    const token = await t.login('admin', ADMIN_PASSWORD);
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/users', headers: bearer(token), payload: { username: 'x', role: 'king' } });
    expect(res.statusCode).toBe(400);
    const fields = (json(res).details as { field: string }[]).map((d) => d.field);
    expect(fields).toEqual(expect.arrayContaining(['body.username', 'body.role', 'body.password']));
  });

  it('serves health, metrics and the OpenAPI document', async () => {
    const health = await t.daemon.app.inject({ url: '/healthz' });
    expect(health.statusCode).toBe(200);
    expect(json(health)).toMatchObject({ status: 'ok', checks: { database: { state: 'ok' }, ffmpeg: { state: 'ok' }, disk: { state: 'ok' } } });
    const metrics = await t.daemon.app.inject({ url: '/metrics' });
    expect(metrics.body).toContain('loa_items');
    const openapi = await t.daemon.app.inject({ url: '/api/openapi.json' });
    expect(openapi.statusCode).toBe(200);
    expect(Object.keys(json<{ paths: object }>(openapi).paths)).toEqual(expect.arrayContaining(['/api/items', '/api/items/{id}/approve']));
  });
});
