import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makePngNamedMp3, makeTempDir, makeTone, removeDir } from '../support/makeAudio.ts';
import { ADMIN_PASSWORD, bearer, json, multipart, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';

interface ApiItem { id: string; status: string; durationMs: number | null; failureReason: string | null; submittedBy: string; unit: string | null; reviewedBy: string | null }

describe('the audio library through the API (real ffmpeg ingest)', () => {
  let t: TestDaemon;
  let fixtures: string;
  let admin: string, reviewer: string, operator: string, unitCa: string, unitQs: string;
  let tone: Buffer;

  beforeAll(async () => {
    t = await startTestDaemon({ env: { LOA_MAX_UPLOAD_BYTES: String(2 * 1024 * 1024) } });
    fixtures = await makeTempDir();
    tone = readFileSync(await makeTone(fixtures, { freq: 440, seconds: 4, format: 'mp3' }));
    admin = await t.login('admin', ADMIN_PASSWORD);
    reviewer = await t.userToken('kiemduyet', 'reviewer');
    operator = await t.userToken('vanhanh', 'operator');
    unitCa = await t.userToken('congan', 'submitter', 'Công an phường');
    unitQs = await t.userToken('quansu', 'submitter', 'Ban chỉ huy quân sự');
    const topic = await t.daemon.app.inject({ method: 'PUT', url: '/api/topics/cai-cach-hanh-chinh', headers: bearer(admin), payload: { name: 'Cải cách hành chính' } });
    expect(topic.statusCode).toBe(200);
  });
  afterAll(async () => {
    await t.close();
    await removeDir(fixtures);
  });

  const upload = async (token: string, fields: Record<string, string | string[]>, file?: { name: string; data: Buffer }) => {
    const body = multipart(fields, file);
    return t.daemon.app.inject({ method: 'POST', url: '/api/items', headers: { ...bearer(token), ...body.headers }, payload: body.payload });
  };
  const waitProcessed = async (id: string, token = admin): Promise<ApiItem> => {
    for (let i = 0; i < 200; i++) {
      const item = json<ApiItem>(await t.daemon.app.inject({ url: `/api/items/${id}`, headers: bearer(token) }));
      if (item.status !== 'processing') return item;
      await new Promise((r) => setTimeout(r, 100));
    }
    throw new Error('ingest did not finish');
  };

  it('ingests an upload, then a reviewer approves it (four-eyes recorded in history)', async () => {
    const res = await upload(unitCa, { title: 'Tin phòng chống lừa đảo qua mạng', kind: 'tin', topics: 'cai-cach-hanh-chinh' }, { name: 'tin.mp3', data: tone });
    expect(res.statusCode).toBe(202);
    const created = json<ApiItem>(res);
    expect(created.status).toBe('processing');
    expect(created.unit).toBe('Công an phường');
    const done = await waitProcessed(created.id);
    expect(done.status).toBe('pending');
    expect(done.durationMs).toBeGreaterThan(3900);
    expect(done.durationMs).toBeLessThan(4200);

    const approved = await t.daemon.app.inject({ method: 'POST', url: `/api/items/${created.id}/approve`, headers: bearer(reviewer), payload: {} });
    expect(approved.statusCode).toBe(200);
    expect(json<ApiItem>(approved).status).toBe('approved');

    const history = json<{ events: { action: string; actor: string | null }[] }>(
      await t.daemon.app.inject({ url: `/api/items/${created.id}/history`, headers: bearer(admin) }),
    );
    expect(history.events.map((e) => e.action)).toEqual(['uploaded', 'ingested', 'approved']);
    expect(history.events[2]!.actor).toBe('kiemduyet');

    const audio = await t.daemon.app.inject({ url: `/api/items/${created.id}/audio`, headers: { ...bearer(admin), range: 'bytes=0-99' } });
    expect(audio.statusCode).toBe(206);
    expect(audio.headers['content-type']).toContain('audio/mpeg');
    expect(audio.rawPayload.length).toBe(100);
  });

  it('refuses a reviewer approving their own upload, but lets admin (recorded)', async () => {
    const own = json<ApiItem>(await upload(reviewer, { title: 'Tự gửi' }, { name: 'a.mp3', data: tone }));
    await waitProcessed(own.id);
    const res = await t.daemon.app.inject({ method: 'POST', url: `/api/items/${own.id}/approve`, headers: bearer(reviewer) });
    expect(res.statusCode).toBe(403);
    expect(json(res).code).toBe('four-eyes');
    const byAdmin = json<ApiItem>(await upload(admin, { title: 'Admin tự gửi' }, { name: 'b.mp3', data: tone }));
    await waitProcessed(byAdmin.id);
    expect((await t.daemon.app.inject({ method: 'POST', url: `/api/items/${byAdmin.id}/approve`, headers: bearer(admin) })).statusCode).toBe(200);
    const history = json<{ events: { action: string; data: Record<string, unknown> | null }[] }>(
      await t.daemon.app.inject({ url: `/api/items/${byAdmin.id}/history`, headers: bearer(admin) }),
    );
    expect(history.events.at(-1)!.data).toEqual({ selfApprovedByAdmin: true });
  });

  it('requires a note to reject, and records it', async () => {
    const item = json<ApiItem>(await upload(operator, { title: 'Thông báo lịch cắt điện', kind: 'thong-bao' }, { name: 'c.mp3', data: tone }));
    await waitProcessed(item.id);
    const noNote = await t.daemon.app.inject({ method: 'POST', url: `/api/items/${item.id}/reject`, headers: bearer(reviewer), payload: { note: '  ' } });
    expect(noNote.statusCode).toBe(400);
    const rejected = await t.daemon.app.inject({ method: 'POST', url: `/api/items/${item.id}/reject`, headers: bearer(reviewer), payload: { note: 'Sai số liệu' } });
    expect(rejected.statusCode).toBe(200);
    expect(json(rejected)).toMatchObject({ status: 'rejected', reviewNote: 'Sai số liệu' });
  });

  it('marks a PNG renamed .mp3 as failed with a Vietnamese reason and leaves no files behind', async () => {
    const png = readFileSync(await makePngNamedMp3(fixtures));
    const item = json<ApiItem>(await upload(operator, { title: 'Ảnh' }, { name: 'anh.mp3', data: png }));
    const done = await waitProcessed(item.id);
    expect(done.status).toBe('failed');
    expect(done.failureReason).toBe('Tệp không phải âm thanh');
    expect(readdirSync(join(t.config.dataDir, 'incoming'))).toEqual([]);
    expect(readdirSync(join(t.config.dataDir, 'tmp'))).toEqual([]);
  });

  it('answers 413 above the upload limit and 400 naming bad fields, keeping nothing', async () => {
    const big = await upload(operator, { title: 'Quá lớn' }, { name: 'big.mp3', data: Buffer.alloc(3 * 1024 * 1024, 1) });
    expect(big.statusCode).toBe(413);
    const bad = await upload(operator, { title: '', kind: 'podcast', validFrom: 'tomorrow' }, { name: 'x.mp3', data: tone });
    expect(bad.statusCode).toBe(400);
    expect((json(bad).details as { field: string }[]).map((d) => d.field)).toEqual(expect.arrayContaining(['body.title', 'body.kind', 'body.validFrom']));
    const unknownTopic = await upload(operator, { title: 'Chủ đề lạ', topics: 'khong-co' }, { name: 'x.mp3', data: tone });
    expect(unknownTopic.statusCode).toBe(400);
    expect(json(unknownTopic).message).toContain('khong-co');
    const noFile = await upload(operator, { title: 'Không tệp' });
    expect(noFile.statusCode).toBe(400);
    expect(readdirSync(join(t.config.dataDir, 'incoming'))).toEqual([]);
  });

  it('shows a unit only its own items; filters by status and text', async () => {
    const mine = json<{ items: ApiItem[] }>(await t.daemon.app.inject({ url: '/api/items', headers: bearer(unitQs) }));
    expect(mine.items).toEqual([]);
    const ca = json<{ items: ApiItem[] }>(await t.daemon.app.inject({ url: '/api/items', headers: bearer(unitCa) }));
    expect(ca.items.every((i) => i.unit === 'Công an phường')).toBe(true);
    const other = ca.items[0]!.id;
    expect((await t.daemon.app.inject({ url: `/api/items/${other}`, headers: bearer(unitQs) })).statusCode).toBe(404);
    const approved = json<{ items: ApiItem[] }>(await t.daemon.app.inject({ url: '/api/items?status=approved&q=lừa đảo', headers: bearer(admin) }));
    expect(approved.items).toHaveLength(1);
    expect((await t.daemon.app.inject({ url: '/api/items?status=bogus', headers: bearer(admin) })).statusCode).toBe(400);
  });

  it('sends an approved item back to review when its audio is replaced, and archives instead of deleting', async () => {
    const list = json<{ items: ApiItem[] }>(await t.daemon.app.inject({ url: '/api/items?status=approved', headers: bearer(admin) }));
    const id = list.items[0]!.id;
    const body = multipart({ title: 'Bản sửa' }, { name: 'v2.mp3', data: tone });
    const res = await t.daemon.app.inject({ method: 'PATCH', url: `/api/items/${id}`, headers: { ...bearer(operator), ...body.headers }, payload: body.payload });
    expect(res.statusCode).toBe(200);
    expect((await waitProcessed(id)).status).toBe('pending');
    const meta = await t.daemon.app.inject({ method: 'PATCH', url: `/api/items/${id}`, headers: bearer(operator), payload: { ceremonial: true, note: 'Hội nghị' } });
    expect(json(meta)).toMatchObject({ ceremonial: true, note: 'Hội nghị', status: 'pending' });
    const archived = await t.daemon.app.inject({ method: 'DELETE', url: `/api/items/${id}`, headers: bearer(operator) });
    expect(json(archived).status).toBe('archived');
    expect((await t.daemon.app.inject({ url: `/api/items/${id}`, headers: bearer(admin) })).statusCode).toBe(200);
  });
});
