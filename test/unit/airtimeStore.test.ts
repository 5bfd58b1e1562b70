import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import Fastify from 'fastify';
import type { FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { openDatabase } from '../../src/storage/db.ts';
import type { Db } from '../../src/storage/db.ts';
import { alreadyAired, closeInterrupted, createAirtimeRecorder } from '../../src/storage/airtime.ts';
import { listAirtime } from '../../src/storage/airtimeQueries.ts';
import type { AiredEntry, AirtimeRecorder } from '../../src/storage/airtime.ts';
import { registerAirtimeRoutes } from '../../src/http/routes/airtime.ts';

const TZ = 'Asia/Ho_Chi_Minh';
const at = (iso: string) => Date.parse(iso);

function aired(itemId: string, startIso: string, extra: Partial<AiredEntry['item']> = {}): AiredEntry {
  return {
    itemId,
    startMs: at(startIso),
    window: '05:30-06:30',
    source: 'plan',
    item: { title: `Tin ${itemId}`, kind: 'tin', topics: ['cai-cach-hanh-chinh'], ceremonial: false, unit: 'Công an phường', priority: 'normal', ...extra },
  };
}

describe('airtime store', () => {
  let db: Db;
  let rec: AirtimeRecorder;
  beforeEach(() => {
    db = openDatabase(':memory:');
    rec = createAirtimeRecorder(db);
  });

  it('opens a row with the item facts copied, beats while open, and finalises it once', () => {
    const e = aired('a', '2026-05-18T05:30:00+07:00', { ceremonial: true, topics: ['dai-hoi-xiv', 'le-tan'] });
    const id = rec.recordStart({ zoneId: 'tdp-1', entry: e, startedAt: e.startMs + 12.6, outputs: ['http:/stream/tdp-1'] });
    rec.heartbeat([id], e.startMs + 5000);
    let [row] = listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(row).toMatchObject({
      zoneId: 'tdp-1', itemId: 'a', itemTitle: 'Tin a', itemKind: 'tin', topics: ['dai-hoi-xiv', 'le-tan'], ceremonial: true,
      unit: 'Công an phường', priority: 'normal', source: 'plan', window: '05:30-06:30', plannedStart: e.startMs,
      startedAt: e.startMs + 13, heartbeatAt: e.startMs + 5000, endedAt: null, outcome: null, outputs: ['http:/stream/tdp-1'],
    });
    rec.recordEnd(id, { endedAt: e.startMs + 60_000, playedMs: 59_987.4, outcome: 'completed', detail: null, outputs: [] });
    // Late calls on a final row change nothing, and a direct edit is refused by the trigger.
    rec.heartbeat([id], e.startMs + 90_000);
    rec.recordEnd(id, { endedAt: e.startMs + 99_000, playedMs: 1, outcome: 'failed', detail: 'x', outputs: [] });
    [row] = listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(row).toMatchObject({ endedAt: e.startMs + 60_000, playedMs: 59_987, outcome: 'completed', heartbeatAt: e.startMs + 60_000, outputs: [] });
    expect(() => db.prepare('UPDATE airtime SET outcome = ? WHERE id = ?').run('skipped', id)).toThrow(/final/);
  });

  it('closeInterrupted ends open rows at their last heartbeat and leaves final rows alone', () => {
    const e = aired('a', '2026-05-18T05:30:00+07:00');
    const open1 = rec.recordStart({ zoneId: 'tdp-1', entry: e, startedAt: e.startMs, outputs: [] });
    const open2 = rec.recordStart({ zoneId: 'tdp-2', entry: e, startedAt: e.startMs, outputs: [] });
    rec.heartbeat([open1, open2], e.startMs + 15_000);
    const done = rec.recordStart({ zoneId: 'tdp-3', entry: e, startedAt: e.startMs, outputs: [] });
    rec.recordEnd(done, { endedAt: e.startMs + 30_000, playedMs: 30_000, outcome: 'completed', detail: null, outputs: [] });
    expect(closeInterrupted(db)).toBe(2);
    expect(closeInterrupted(db)).toBe(0);
    const rows = listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER });
    expect(rows.map((r) => [r.zoneId, r.outcome, r.endedAt! - e.startMs, r.playedMs])).toEqual([
      ['tdp-1', 'interrupted', 15_000, 15_000],
      ['tdp-2', 'interrupted', 15_000, 15_000],
      ['tdp-3', 'completed', 30_000, 30_000],
    ]);
    expect(rows[0]!.detail).toMatch(/heartbeat/);
  });

  it('alreadyAired: only a completed or preempted play of that slot in that zone counts', () => {
    const outcomes = ['completed', 'preempted', 'interrupted', 'failed'] as const;
    outcomes.forEach((outcome, i) => {
      const e = aired(`i${i}`, '2026-05-18T05:30:00+07:00');
      const id = rec.recordStart({ zoneId: 'tdp-1', entry: e, startedAt: e.startMs, outputs: [] });
      rec.recordEnd(id, { endedAt: e.startMs + 1000, playedMs: 1000, outcome, detail: null, outputs: [] });
    });
    const start = at('2026-05-18T05:30:00+07:00');
    expect(outcomes.map((_, i) => alreadyAired(db, 'tdp-1', start, `i${i}`))).toEqual([true, true, false, false]);
    expect(rec.alreadyAired('tdp-1', start, 'i0')).toBe(true);
    expect(alreadyAired(db, 'tdp-2', start, 'i0')).toBe(false);
    expect(alreadyAired(db, 'tdp-1', start + 1, 'i0')).toBe(false);
    // An open row (airing now) is not "already aired" either.
    rec.recordStart({ zoneId: 'tdp-1', entry: aired('open', '2026-05-18T05:30:00+07:00'), startedAt: start, outputs: [] });
    expect(alreadyAired(db, 'tdp-1', start, 'open')).toBe(false);
  });

  it('lists rows started in [from, to), by zone, oldest first, with limit and offset', () => {
    const times = ['2026-05-17T23:59:59+07:00', '2026-05-18T00:00:00+07:00', '2026-05-18T17:00:00+07:00', '2026-05-19T00:00:00+07:00'];
    times.forEach((t, i) => rec.recordStart({ zoneId: i % 2 ? 'tdp-2' : 'tdp-1', entry: aired(`i${i}`, t), startedAt: at(t), outputs: [] }));
    const day = { fromMs: at('2026-05-18T00:00:00+07:00'), toMs: at('2026-05-19T00:00:00+07:00') };
    expect(listAirtime(db, day).map((r) => r.itemId)).toEqual(['i1', 'i2']);
    expect(listAirtime(db, { ...day, zone: 'tdp-1' }).map((r) => r.itemId)).toEqual(['i2']);
    expect(listAirtime(db, { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER, limit: 2, offset: 1 }).map((r) => r.itemId)).toEqual(['i1', 'i2']);
  });
});

describe('GET /api/airtime', () => {
  let db: Db;
  let app: FastifyInstance;
  beforeEach(async () => {
    db = openDatabase(':memory:');
    const rec = createAirtimeRecorder(db);
    const a = aired('tin-1', '2026-05-18T05:30:00+07:00');
    const b = aired('tin-2', '2026-05-18T17:00:00+07:00', { title: '=HYPERLINK("x"), "Đại hội XIV", phần 2' });
    const c = aired('tin-3', '2026-05-19T05:30:00+07:00');
    const ids = [a, b, c].map((e, i) => rec.recordStart({ zoneId: i === 1 ? 'tdp-2' : 'tdp-1', entry: e, startedAt: e.startMs + 20, outputs: ['http:/stream/tdp-1'] }));
    rec.recordEnd(ids[0]!, {
      endedAt: a.startMs + 180_020, playedMs: 180_000, outcome: 'completed', detail: null, outputs: ['http:/stream/tdp-1', 'rtp://239.0.0.1:5004'],
      receivers: 3, carriers: [{ output: 'http:/stream/tdp-1', kind: 'http', receivers: 2 }, { output: 'rtp://239.0.0.1:5004', kind: 'rtp', receivers: 1 }],
    });
    rec.recordEnd(ids[1]!, { endedAt: b.startMs + 1020, playedMs: 1000, outcome: 'preempted', detail: 'preempted by emergency cap:1', outputs: [] });
    app = Fastify();
    app.setValidatorCompiler(validatorCompiler);
    app.setSerializerCompiler(serializerCompiler);
    registerAirtimeRoutes(app, { db, tz: TZ });
    await app.ready();
  });
  afterEach(() => app.close());

  it('returns JSON with instants in station time (+07:00); a date covers the whole local day', async () => {
    const res = await app.inject({ url: '/api/airtime?from=2026-05-18&to=2026-05-18' });
    expect(res.statusCode).toBe(200);
    const body = res.json<{ from: string; to: string; count: number; rows: Record<string, unknown>[] }>();
    expect(body).toMatchObject({ from: '2026-05-18T00:00:00+07:00', to: '2026-05-19T00:00:00+07:00', count: 2 });
    expect(body.rows[0]).toMatchObject({
      zone: 'tdp-1', itemId: 'tin-1', plannedStart: '2026-05-18T05:30:00+07:00', startedAt: '2026-05-18T05:30:00.020+07:00',
      endedAt: '2026-05-18T05:33:00.020+07:00', playedMs: 180_000, outcome: 'completed', outputs: ['http:/stream/tdp-1', 'rtp://239.0.0.1:5004'],
      receivers: 3, carriers: [{ output: 'http:/stream/tdp-1', kind: 'http', receivers: 2 }, { output: 'rtp://239.0.0.1:5004', kind: 'rtp', receivers: 1 }],
    });
    // A writer that does not count receivers leaves them unknown, never heard.
    expect(body.rows[1]).toMatchObject({ itemId: 'tin-2', receivers: null, carriers: null });
    const zoned = await app.inject({ url: '/api/airtime?from=2026-05-18T00:00:00%2B07:00&to=2026-05-20T00:00:00Z&zone=tdp-1' });
    expect(zoned.json<{ rows: { itemId: string; endedAt: string | null }[] }>().rows.map((r) => [r.itemId, r.endedAt])).toEqual([
      ['tin-1', '2026-05-18T05:33:00.020+07:00'],
      ['tin-3', null],
    ]);
  });

  it('exports CSV in UTF-8 with a BOM and Vietnamese headers, quoting and defusing text', async () => {
    const res = await app.inject({ url: '/api/airtime?from=2026-05-18&to=2026-05-19&format=csv' });
    expect(res.statusCode).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="airtime-2026-05-18-2026-05-19.csv"');
    expect([...res.rawPayload.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const lines = res.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe(
      'Tổ dân phố,Mã tin,Tiêu đề,Bắt đầu dự kiến,Bắt đầu thực tế,Kết thúc,Thời lượng phát (giây),Kết quả,Chi tiết,Đầu ra,Thiết bị nhận,Nhận qua',
    );
    expect(lines[1]).toBe(
      'tdp-1,tin-1,Tin tin-1,2026-05-18T05:30:00+07:00,2026-05-18T05:30:00.020+07:00,2026-05-18T05:33:00.020+07:00,180.0,Phát trọn,,' +
        'http:/stream/tdp-1; rtp://239.0.0.1:5004,3,http:/stream/tdp-1 (2); rtp://239.0.0.1:5004 (1)',
    );
    expect(lines[2]).toBe(
      `tdp-2,tin-2,"'=HYPERLINK(""x""), ""Đại hội XIV"", phần 2",2026-05-18T17:00:00+07:00,2026-05-18T17:00:00.020+07:00,` +
        '2026-05-18T17:00:01.020+07:00,1.0,Bị ngắt (ưu tiên/khẩn cấp),preempted by emergency cap:1,,không rõ,',
    );
    expect(lines[3]).toMatch(/^tdp-1,tin-3,.*,,,Đang phát,,http:\/stream\/tdp-1,không rõ,$/);
    expect(lines[4]).toBe('');
  });

  it('filters by outcome (airing = still open), lists newest first on request, and exports in English', async () => {
    const ids = async (query: string) =>
      (await app.inject({ url: `/api/airtime?from=2026-05-18&to=2026-05-19&${query}` })).json<{ rows: { itemId: string }[] }>().rows.map((r) => r.itemId);
    expect(await ids('outcome=preempted')).toEqual(['tin-2']);
    expect(await ids('outcome=airing')).toEqual(['tin-3']);
    expect(await ids('outcome=failed')).toEqual([]);
    expect(await ids('order=desc')).toEqual(['tin-3', 'tin-2', 'tin-1']);
    expect(await ids('reception=heard')).toEqual(['tin-1']);
    expect(await ids('reception=unknown')).toEqual(['tin-2', 'tin-3']);
    expect(await ids('reception=unheard')).toEqual([]);
    const csv = await app.inject({ url: '/api/airtime?from=2026-05-18&to=2026-05-19&format=csv&lang=en&outcome=preempted&order=desc' });
    const lines = csv.rawPayload.subarray(3).toString('utf8').split('\r\n');
    expect(lines[0]).toBe('Zone,Item id,Title,Planned start,Actual start,End,Played (seconds),Outcome,Detail,Outputs,Receivers,Received through');
    expect(lines[1]).toContain(',1.0,Cut by a priority or emergency bulletin,preempted by emergency cap:1,');
    expect(lines).toHaveLength(3);
  });

  it('400s naming the bad field', async () => {
    for (const [query, field] of [
      ['from=18/05/2026&to=2026-05-18', 'from'],
      ['from=2026-05-18&to=2026-05-18T05:00:00', 'to'],
      ['from=2026-05-18', 'to'],
      ['from=2026-05-18&to=2026-05-17', 'to'],
      ['from=2026-05-18&to=2026-05-18&format=xlsx', 'format'],
      ['from=2026-05-18&to=2026-05-18&outcome=aired', 'outcome'],
      ['from=2026-05-18&to=2026-05-18&reception=yes', 'reception'],
    ] as const) {
      const res = await app.inject({ url: `/api/airtime?${query}` });
      expect(res.statusCode, query).toBe(400);
      expect(res.json<{ message: string }>().message, query).toMatch(new RegExp(`querystring/${field}\\b`));
    }
  });
});
