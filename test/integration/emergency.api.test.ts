import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { getItem } from '../../src/storage/items.ts';
import { makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { bearer, json, multipart, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { readFile } from 'node:fs/promises';

/** The emergency API without playout: what it accepts, refuses, records and lists. */
describe('POST/GET/DELETE /api/emergency', () => {
  let t: TestDaemon;
  let dir: string;
  let admin: string;
  let reviewer: string;
  let operator: string;
  let itemId: string;

  const call = (token: string, method: 'GET' | 'POST' | 'DELETE', url: string, payload?: unknown) =>
    t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload !== undefined && { payload: payload as object }) });

  beforeAll(async () => {
    t = await startTestDaemon({ env: { LOA_PLAYOUT: 'false', LOA_TTS_COMMAND: '' } });
    admin = await t.login('admin', 'admin-pass-123');
    reviewer = await t.userToken('kiem-duyet', 'reviewer');
    operator = await t.userToken('van-hanh', 'operator');
    for (const [id, group] of [['tdp-1', 'cum-a'], ['tdp-2', 'cum-a'], ['tdp-3', null]] as const) {
      const put = await t.daemon.app.inject({ method: 'PUT', url: `/api/zones/${id}`, headers: bearer(admin), payload: { name: `Tổ ${id}`, group, windows: [] } });
      expect(put.statusCode).toBe(200);
    }
    dir = await makeTempDir();
    const file = await makeTone(dir, { freq: 900, seconds: 2, format: 'wav' });
    const up = multipart({ title: 'Khẩn cấp: thử' }, { name: 'kc.wav', data: await readFile(file) });
    const res = await t.daemon.app.inject({ method: 'POST', url: '/api/items', headers: { ...bearer(reviewer), ...up.headers }, payload: up.payload });
    expect(res.statusCode).toBe(202);
    itemId = json<{ id: string }>(res).id;
    for (let i = 0; i < 300 && getItem(t.daemon.db, itemId)?.status === 'processing'; i++) await new Promise((r) => setTimeout(r, 100));
    expect(getItem(t.daemon.db, itemId)?.status).toBe('pending');
  }, 60_000);
  afterAll(async () => {
    await t.close();
    await removeDir(dir);
  });

  it('refuses bad requests with the field to fix, and changes nothing', async () => {
    const bad: [unknown, number, string][] = [
      [{ itemId, zones: [] }, 400, 'body.zones'],
      [{ itemId, zones: ['khong-co'] }, 400, 'body.zones[0]'],
      [{ zones: ['tdp-3'] }, 400, 'body.itemId'],
      [{ itemId, text: 'Bão', zones: ['tdp-3'] }, 400, 'body.itemId'],
      [{ text: 'Bão số 3 đang đến gần', zones: ['tdp-3'] }, 422, 'body.text'],
      [{ itemId, zones: ['tdp-3'], repeat: { times: 3 } }, 400, 'body.repeat.everyMinutes'],
      [{ itemId, zones: ['tdp-3'], repeat: { everyMinutes: 30 } }, 400, 'body.repeat'],
      [{ itemId, zones: ['tdp-3'], repeat: { everyMinutes: 30, until: '2020-01-01T00:00:00+07:00' } }, 400, 'body.repeat.until'],
      [{ itemId: 'itm_khongco', zones: ['tdp-3'] }, 400, 'body.itemId'],
    ];
    for (const [payload, status, field] of bad) {
      const res = await call(reviewer, 'POST', '/api/emergency', payload);
      expect([JSON.stringify(payload), res.statusCode]).toEqual([JSON.stringify(payload), status]);
      expect(JSON.stringify(res.json())).toContain(field);
    }
    expect(getItem(t.daemon.db, itemId)!.status).toBe('pending');
    expect(json<{ active: unknown[] }>(await call(admin, 'GET', '/api/emergency')).active).toEqual([]);
  });

  it('only reviewers and admin may trigger or cancel', async () => {
    expect((await call(operator, 'POST', '/api/emergency', { itemId, zones: ['tdp-3'] })).statusCode).toBe(403);
    expect((await call(operator, 'DELETE', '/api/emergency/kc_x')).statusCode).toBe(403);
    expect((await call(operator, 'GET', '/api/emergency')).statusCode).toBe(200);
  });

  it('a trigger approves the content as the reviewer, reaches whole groups, is listed, audited and cancelled once', async () => {
    const res = await call(reviewer, 'POST', '/api/emergency', { itemId, zones: ['tdp-1'], repeat: { times: 3, everyMinutes: 10 } });
    expect(res.statusCode).toBe(201);
    const made = json<{ id: string; reached: string[]; airings: { start: string }[]; state: string }>(res);
    expect(made.reached).toEqual(['tdp-1', 'tdp-2']); // a group shares one stream (decisions §3)
    expect(made.airings).toHaveLength(3);
    expect(made.airings[0]!.start).toMatch(/\+07:00$/);
    expect(getItem(t.daemon.db, itemId)!.status).toBe('approved');
    const listed = json<{ active: { id: string }[] }>(await call(admin, 'GET', '/api/emergency')).active;
    expect(listed.map((e) => e.id)).toEqual([made.id]);

    const cancel = await call(reviewer, 'DELETE', `/api/emergency/${made.id}`);
    expect(cancel.statusCode).toBe(200);
    expect(json<{ state: string; airings: unknown[] }>(cancel)).toMatchObject({ state: 'cancelled' });
    expect(json<{ airings: unknown[] }>(cancel).airings).toHaveLength(1); // the repeats to come are gone
    expect((await call(reviewer, 'DELETE', `/api/emergency/${made.id}`)).statusCode).toBe(409);
    expect((await call(reviewer, 'DELETE', '/api/emergency/kc_khongco')).statusCode).toBe(404);
    expect(json<{ active: unknown[] }>(await call(admin, 'GET', '/api/emergency')).active).toEqual([]);

    const audit = json<{ entries: { action: string; actor: string; after: Record<string, unknown> | null }[] }>(
      await call(admin, 'GET', `/api/audit?target=emergency:${made.id}`),
    ).entries;
    expect(audit.map((a) => [a.action, a.actor])).toEqual([['emergency.cancel', 'kiem-duyet'], ['emergency.trigger', 'kiem-duyet']]);
    expect(audit[1]!.after).toMatchObject({ reached: ['tdp-1', 'tdp-2'], approvedAs: 'tự duyệt khi khẩn cấp' });
  });
});

/** A typed storm warning airs through the station's speech engine (espeak-ng), approved by its trigger. */
describe('POST /api/emergency with text', () => {
  let t: TestDaemon;
  afterAll(async () => t?.close());

  it('reads the text out, ingests it, approves it as the reviewer and airs it', async () => {
    t = await startTestDaemon({ env: { LOA_PLAYOUT: 'false' } });
    const admin = await t.login('admin', 'admin-pass-123');
    const reviewer = await t.userToken('kiem-duyet', 'reviewer');
    await t.daemon.app.inject({ method: 'PUT', url: '/api/zones/tdp-1', headers: bearer(admin), payload: { name: 'Tổ 1', windows: [] } });
    const res = await t.daemon.app.inject({
      method: 'POST', url: '/api/emergency', headers: bearer(reviewer),
      payload: { text: 'Bão số 3 sẽ đổ bộ lúc 17 giờ ngày 5/10. Bà con TDP 1 khẩn trương chằng chống nhà cửa.', zones: ['*'] },
    });
    expect(res.statusCode, res.body).toBe(201);
    const made = json<{ itemId: string; title: string; reached: string[] }>(res);
    expect(made.reached).toEqual(['tdp-1']);
    expect(made.title).toMatch(/^Khẩn cấp: Bão số 3/);
    const item = getItem(t.daemon.db, made.itemId)!;
    expect(item).toMatchObject({ status: 'approved', kind: 'thong-bao', submittedBy: item.reviewedBy });
    expect(item.durationMs).toBeGreaterThan(3000); // speech, not a click
    // Made for this bulletin only: valid until its trigger, so the planner never puts it in the windows.
    expect(item.validUntil).toBeLessThanOrEqual(Date.now());
  }, 90_000);
});
