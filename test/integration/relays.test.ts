/**
 * Relays (tiếp âm, issue 11, decisions §9) through the HTTP API: sources and relays are configured,
 * refused with the field named when wrong, audited with their secrets hidden; the saved programme
 * has the relay slots and no item over them, the schedule shows them, playout reads them as relay
 * entries, and the station file carries them.
 */
import { once } from 'node:events';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { audioPath } from '../../src/library/audioStore.ts';
import { createPlanSource } from '../../src/playout/planSource.ts';
import { createStationService } from '../../src/station/stationService.ts';
import { parseStationYaml, stationToYaml } from '../../src/station/stationYaml.ts';
import { insertItem, type ItemRecord } from '../../src/storage/items.ts';
import { listRelaySlots, listSlots } from '../../src/storage/plans.ts';
import { getRelaySource } from '../../src/storage/relays.ts';
import { ApiError } from '../../src/errors.ts';
import { fakeClock } from '../support/fakeClock.ts';
import { ADMIN_PASSWORD, bearer, json, startTestDaemon, type TestDaemon } from '../support/testDaemon.ts';
import { approvedItem } from '../support/approvedItem.ts';

const NOW = Date.parse('2026-05-18T00:00:00+07:00'); // a Monday
const at = (date: string, time: string) => Date.parse(`${date}T${time}:00+07:00`);
const SECRET_URL = 'http://relay:s3cret-pw@127.0.0.1:9/vov1';
const SHOWN_URL = 'http://relay:***@127.0.0.1:9/vov1';
const FALLBACK_SHA = 'ab'.repeat(32);

const approved = (id: string, minutes: number, extra: Partial<ItemRecord> = {}) => approvedItem(id, minutes, NOW - 1000, extra);

const MORNING = { id: 'thoi-su-sang', source: 'vov1', zones: ['tdp-1', 'khu-a'], days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '06:15', fallbackItemId: 'itm_fallback' };
const NOON = { id: 'trua-thu-hai', source: 'vov1', zones: ['tdp-2'], days: [1], start: '12:00', end: '12:30' };

describe('relays through the API', () => {
  let t: TestDaemon;
  let op: string;
  let reviewer: string;
  const call = (method: 'GET' | 'PUT' | 'DELETE', url: string, payload?: unknown, token = op) =>
    t.daemon.app.inject({ method, url, headers: bearer(token), ...(payload !== undefined && { payload: payload as object }) });
  const fieldsOf = (res: { json(): unknown }) => ((res.json() as { details?: { field: string }[] }).details ?? []).map((d) => d.field);

  beforeAll(async () => {
    t = await startTestDaemon({ clock: fakeClock(NOW) });
    op = await t.login('admin', ADMIN_PASSWORD);
    reviewer = await t.userToken('kiem-duyet', 'reviewer');
    const window = [{ days: [1, 2, 3, 4, 5, 6, 7], start: '05:30', end: '06:30', peak: true }];
    expect((await call('PUT', '/api/zones/tdp-1', { name: 'Tổ dân phố 1', windows: window })).statusCode).toBe(200);
    for (const id of ['tdp-2', 'tdp-3']) {
      expect((await call('PUT', `/api/zones/${id}`, { name: `Tổ dân phố ${id}`, group: 'khu-a', windows: window })).statusCode).toBe(200);
    }
    for (let i = 0; i < 30; i++) insertItem(t.daemon.db, approved(`itm_${i}`, 2));
    insertItem(t.daemon.db, approved('itm_fallback', 1, { audioSha256: FALLBACK_SHA }));
    insertItem(t.daemon.db, approved('itm_pending', 1, { status: 'pending', approvedAt: null }));
  });
  afterAll(() => t.close());

  it('saves a source with its password hidden on every read, and keeps it when the hidden form comes back', async () => {
    const put = await call('PUT', '/api/sources/vov1', { name: 'VOV1 Thời sự', url: SECRET_URL, kind: 'http' });
    expect(put.statusCode).toBe(200);
    const { health, ...shown } = json<{ health: { id: string } | null }>(put);
    expect(shown).toEqual({ id: 'vov1', name: 'VOV1 Thời sự', url: SHOWN_URL, kind: 'http', silenceLimitSeconds: 10 });
    // The sources' watcher answers once it has looked at the source (null before).
    expect(health === null || health.id === 'vov1').toBe(true);
    const again = await call('PUT', '/api/sources/vov1', { name: 'VOV1 Thời sự', url: SHOWN_URL, kind: 'http', silenceLimitSeconds: 15 });
    expect(again.statusCode).toBe(200);
    expect(getRelaySource(t.daemon.db, 'vov1')).toMatchObject({ url: SECRET_URL, silenceLimitMs: 15_000 });
    const list = await call('GET', '/api/sources', undefined, reviewer);
    expect(list.statusCode).toBe(200);
    expect(json(list)).toEqual({
      sources: [{ id: 'vov1', name: 'VOV1 Thời sự', url: SHOWN_URL, kind: 'http', silenceLimitSeconds: 15, health: expect.toSatisfy((h) => h === null || (h as { id: string }).id === 'vov1') }],
    });
    expect(list.body).not.toContain('s3cret');
  });

  it('refuses a URL that cannot be pulled with 400 naming url, and saves nothing', async () => {
    for (const url of ['file:///srv/audio/vov.mp3', '/srv/audio/vov.mp3', 'ftp://radio.example/vov.mp3', 'icecast://source:pw@radio.example:8000/vov']) {
      const res = await call('PUT', '/api/sources/bad', { name: 'Sai', url, kind: 'http' });
      expect(res.statusCode, url).toBe(400);
      expect(fieldsOf(res), url).toEqual(['body.url']);
    }
    const icecast = await call('PUT', '/api/sources/bad', { name: 'Sai', url: 'icecast://source:pw@radio.example:8000/vov', kind: 'http' });
    expect(json(icecast).message).toMatch(/icecast:\/\/.*http\(s\)/);
    const english = await t.daemon.app.inject({ method: 'PUT', url: '/api/sources/bad?lang=en', headers: bearer(op), payload: { name: 'Sai', url: 'file:///x.mp3', kind: 'hls' } });
    expect(json(english).message).toContain('must be an http:// or https:// address');
    expect(json(await call('GET', '/api/sources')).sources).toHaveLength(1);
    expect((await call('PUT', '/api/sources/vov2', { name: 'VOV2', url: SECRET_URL, kind: 'http' }, reviewer)).statusCode).toBe(403);
  });

  it('refuses impossible relays, each with its field', async () => {
    const relays = (r: object) => call('PUT', '/api/relays', { relays: [r] });
    const unknownSource = await relays({ ...MORNING, source: 'vov9' });
    expect([unknownSource.statusCode, fieldsOf(unknownSource)]).toEqual([400, ['body.relays[0].source']]);
    const unknownZone = await relays({ ...MORNING, zones: ['tdp-1', 'khu-z'] });
    expect([unknownZone.statusCode, fieldsOf(unknownZone)]).toEqual([400, ['body.relays[0].zones[1]']]);
    const backwards = await relays({ ...MORNING, start: '06:15', end: '06:00' });
    expect([backwards.statusCode, fieldsOf(backwards)]).toEqual([400, ['body.relays[0].end']]);
    const missingItem = await relays({ ...MORNING, fallbackItemId: 'itm_none' });
    expect([missingItem.statusCode, fieldsOf(missingItem)]).toEqual([400, ['body.relays[0].fallbackItemId']]);
    const pending = await relays({ ...MORNING, fallbackItemId: 'itm_pending' });
    expect([pending.statusCode, fieldsOf(pending)]).toEqual([409, ['body.relays[0].fallbackItemId']]);
    // A member of khu-a brings the whole group: tdp-3 overlaps the morning relay on khu-a.
    const overlap = await call('PUT', '/api/relays', { relays: [MORNING, { ...NOON, id: 'chen', zones: ['tdp-3'], start: '06:10', end: '06:20' }] });
    expect([overlap.statusCode, fieldsOf(overlap)]).toEqual([400, ['body.relays[1]']]);
    expect(json(await call('GET', '/api/relays', undefined, reviewer))).toEqual({ relays: [] });
  });

  it('plans the relays as fixed events: every airing saved, no item over one, shown in the schedule', async () => {
    const saved = once(t.daemon.events, 'plan:saved');
    const put = await call('PUT', '/api/relays', { relays: [MORNING, NOON] });
    expect(put.statusCode).toBe(200);
    expect(json(put)).toEqual({ relays: [MORNING, { ...NOON, fallbackItemId: null }] });
    // The change re-plans the programme (replanScheduler, as a station change does).
    await saved;

    const all = { fromMs: 0, toMs: Number.MAX_SAFE_INTEGER };
    const relaySlots = listRelaySlots(t.daemon.db, all);
    // 7 mornings on tdp-1 and on both members of khu-a, Monday noon on the group tdp-2 belongs to.
    expect(relaySlots).toHaveLength(7 * 3 + 2);
    expect(relaySlots.filter((s) => s.relayId === 'trua-thu-hai').map((s) => [s.zoneId, s.startMs, s.window])).toEqual([
      ['tdp-2', at('2026-05-18', '12:00'), null],
      ['tdp-3', at('2026-05-18', '12:00'), null],
    ]);
    const items = listSlots(t.daemon.db, all);
    const clash = items.filter((s) => relaySlots.some((r) => r.zoneId === s.zoneId && s.startMs < r.endMs && r.startMs < s.endMs));
    expect(clash).toEqual([]);
    // The morning window is planned before the relay and after it.
    const tdp1Monday = items.filter((s) => s.zoneId === 'tdp-1' && s.date === '2026-05-18').map((s) => s.startMs);
    expect(tdp1Monday).toContain(at('2026-05-18', '05:30'));
    expect(tdp1Monday).toContain(at('2026-05-18', '06:15'));

    const schedule = await call('GET', '/api/schedule?zone=tdp-2&date=2026-05-18', undefined, reviewer);
    expect(schedule.statusCode).toBe(200);
    const slots = json<{ slots: { kind: string; start: string; title: string; window: string | null; itemId: string | null }[] }>(schedule).slots;
    const shown = slots.filter((s) => s.kind === 'relay');
    expect(shown).toMatchObject([
      { start: '2026-05-18T06:00:00+07:00', title: 'Tiếp âm: VOV1 Thời sự', window: '05:30-06:30', itemId: null },
      { start: '2026-05-18T12:00:00+07:00', title: 'Tiếp âm: VOV1 Thời sự', window: null, itemId: null },
    ]);
    expect(slots.map((s) => s.start)).toEqual([...slots.map((s) => s.start)].sort());
    expect(slots.find((s) => s.start === '2026-05-18T06:15:00+07:00')).toMatchObject({ kind: 'item' });
  });

  it('gives playout a relay entry in place of the plan at the relay\'s time', () => {
    const source = createPlanSource(t.daemon.db, t.config.audioDir, (player) => (player === 'group:khu-a' ? ['tdp-2', 'tdp-3'] : [player]));
    const start = at('2026-05-18', '06:00');
    const entries = source.entriesBetween('tdp-1', start - 60_000, at('2026-05-18', '06:15') + 60_000);
    const relay = entries.filter((e) => e.source === 'relay');
    expect(relay).toEqual([{
      key: `relay:thoi-su-sang:${start}`,
      itemId: 'relay:vov1',
      startMs: start,
      endMs: at('2026-05-18', '06:15'),
      window: '05:30-06:30',
      source: 'relay',
      audioPath: '',
      durationMs: 15 * 60_000,
      item: { title: 'Tiếp âm: VOV1 Thời sự', kind: 'tiep-am', topics: [], ceremonial: false, unit: null, priority: 'normal' },
      relay: {
        relayId: 'thoi-su-sang',
        source: { id: 'vov1', name: 'VOV1 Thời sự', url: SECRET_URL, kind: 'http', silenceLimitMs: 15_000 },
        fallbackAudioPath: audioPath(t.config.audioDir, FALLBACK_SHA),
      },
    }]);
    expect(entries.filter((e) => e.source !== 'relay' && e.startMs < relay[0]!.endMs && relay[0]!.startMs < e.endMs)).toEqual([]);
    const noon = source.entriesBetween('group:khu-a', at('2026-05-18', '12:00'), at('2026-05-18', '12:30'));
    expect(noon.map((e) => [e.key, e.window, e.relay?.fallbackAudioPath])).toEqual([[`relay:trua-thu-hai:${at('2026-05-18', '12:00')}`, null, null]]);
  });

  it('keeps a source while a relay uses it, and records every change in the audit log without the password', async () => {
    const inUse = await call('DELETE', '/api/sources/vov1');
    expect(inUse.statusCode).toBe(409);
    expect(json(inUse).message).toContain('thoi-su-sang');
    const audit = await call('GET', '/api/audit?action=source');
    const relayAudit = await call('GET', '/api/audit?action=relay');
    const actions = [...json<{ entries: { action: string }[] }>(audit).entries, ...json<{ entries: { action: string }[] }>(relayAudit).entries].map((e) => e.action);
    expect(actions.sort()).toEqual(['relay.put', 'source.put', 'source.put']);
    expect(audit.body).toContain(SHOWN_URL);
    expect(audit.body).not.toContain('s3cret');
    const row = json<{ entries: { after: { relays: { id: string }[] } }[] }>(relayAudit).entries[0]!;
    expect(row.after.relays.map((r) => r.id)).toEqual(['thoi-su-sang', 'trua-thu-hai']);
  });

  it('carries sources and relays in the station file, the password hidden unless asked', () => {
    const station = createStationService({ db: t.daemon.db, clock: fakeClock(NOW), events: t.daemon.events });
    const yaml = stationToYaml(station.export());
    expect(yaml).toContain('thoi-su-sang');
    expect(yaml).toContain(SHOWN_URL);
    expect(yaml).not.toContain('s3cret');
    expect(stationToYaml(station.export(), { withSecrets: true })).toContain(SECRET_URL);
    // Applied back as exported (password hidden): the stored password stays.
    station.apply(parseStationYaml(yaml, station.zones()), 'cli', 'test');
    expect(getRelaySource(t.daemon.db, 'vov1')?.url).toBe(SECRET_URL);
    const bad = yaml.replace(SHOWN_URL, 'file:///srv/vov.mp3');
    let refused: unknown;
    try {
      station.apply(parseStationYaml(bad, station.zones()), 'cli', 'test');
    } catch (err) {
      refused = err;
    }
    expect(refused).toBeInstanceOf(ApiError);
    expect((refused as ApiError).details).toEqual([{ field: 'sources[0].url' }]);
    expect(getRelaySource(t.daemon.db, 'vov1')?.url).toBe(SECRET_URL);
  });

  it('deletes a source once no relay uses it', async () => {
    expect((await call('PUT', '/api/relays', { relays: [] })).statusCode).toBe(200);
    expect((await call('DELETE', '/api/sources/vov1')).statusCode).toBe(204);
    expect((await call('DELETE', '/api/sources/vov1')).statusCode).toBe(404);
    const audit = json<{ entries: { action: string }[] }>(await call('GET', '/api/audit?action=source.delete'));
    expect(audit.entries).toHaveLength(1);
  });
});
