/**
 * API tokens with scopes and an end (issue 12, Security): a token narrowed to some permissions is
 * refused the others (403 naming the missing one), cannot be given more than its user's role, ends
 * on its day, and is listed without its secret and revoked by its owner only.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fakeClock, type FakeClock } from '../support/fakeClock.ts';
import { bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

let t: TestDaemon;
let clock: FakeClock;
let operator: string;
beforeAll(async () => {
  clock = fakeClock('2026-12-03T09:00:00+07:00');
  t = await startTestDaemon({ clock });
  operator = await t.userToken('vanhanh', 'operator');
});
afterAll(() => t.close());

const inject = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, token: string, payload?: object) =>
  t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload && { payload }) });

describe('API tokens', () => {
  it('narrows a token to its scopes and says which permission it lacks', async () => {
    const made = await inject('POST', '/api/tokens', operator, { label: 'máy đọc lịch', scopes: ['station:read'] });
    expect(made.statusCode).toBe(201);
    const { token } = json<{ token: string }>(made);
    expect((await inject('GET', '/api/zones', token)).statusCode).toBe(200);
    const refused = await inject('PUT', '/api/policy', token, {});
    expect(refused.statusCode).toBe(403);
    expect(json(refused).message).toContain('station:edit');
    // The operator's own unscoped token still may.
    expect((await inject('GET', '/api/policy', operator)).statusCode).toBe(200);
  });

  it('cannot grant more than the role has', async () => {
    const res = await inject('POST', '/api/tokens', operator, { label: 'quá quyền', scopes: ['users:manage'] });
    expect(res.statusCode).toBe(400);
    expect(json(res).message).toContain('users:manage');
  });

  it('ends a token after its days', async () => {
    const { token } = json<{ token: string; expiresAt: string }>(await inject('POST', '/api/tokens', operator, { label: 'một ngày', expiresInDays: 1 }));
    expect((await inject('GET', '/api/zones', token)).statusCode).toBe(200);
    clock.advance(86_400_000 + 1000);
    expect((await inject('GET', '/api/zones', token)).statusCode).toBe(401);
  });

  it('lists a user\'s tokens without their secret, and only the owner revokes one', async () => {
    const { id, token } = json<{ id: string; token: string }>(await inject('POST', '/api/tokens', operator, { label: 'thiết bị' }));
    const list = await inject('GET', '/api/tokens', operator);
    expect(list.body).not.toContain(token);
    expect(json<{ tokens: { id: string; label: string }[] }>(list).tokens.map((x) => x.label)).toContain('thiết bị');
    const other = await t.userToken('kiemduyet', 'reviewer');
    expect((await inject('DELETE', `/api/tokens/${id}`, other)).statusCode).toBe(404);
    expect((await inject('DELETE', `/api/tokens/${id}`, operator)).statusCode).toBe(204);
    expect((await inject('GET', '/api/zones', token)).statusCode).toBe(401);
  });
});
