/**
 * Station settings revisions (migrations/0020, issue 12): every writer of the settings makes one, a
 * station-service change makes exactly one (a YAML import of many zones too) with who and why, a
 * change that leaves the settings as they were makes none, secrets never enter one, revisions are
 * never edited, and every airtime row references the revision in force when it was logged.
 */
import { describe, expect, it } from 'vitest';
import { Policy, Topic, Zone } from '../../src/domain/station.ts';
import { parseStationYaml } from '../../src/station/stationYaml.ts';
import { createStationService } from '../../src/station/stationService.ts';
import { StationEvents } from '../../src/stationEvents.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import * as station from '../../src/storage/station.ts';
import { currentRevisionId, getStationRevision, listStationRevisions } from '../../src/storage/stationRevisions.ts';
import { fakeClock } from '../support/fakeClock.ts';

const everyDay = [1, 2, 3, 4, 5, 6, 7];
const zoneA = Zone.parse({ id: 'tdp-1', name: 'Tổ 1', windows: [{ days: everyDay, start: '05:30', end: '06:30', peak: true }] });
const topicA = Topic.parse({ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: [{ per: 'day', min: 1, peakOnly: true }] });
const revisionCount = (db: Db) => (db.prepare('SELECT COUNT(*) AS n FROM station_revisions').get() as { n: number }).n;
const stampOf = (db: Db, airtimeId: number) =>
  (db.prepare('SELECT revision_id AS r FROM airtime_revisions WHERE airtime_id = ?').get(airtimeId) as { r: number } | undefined)?.r;

describe('settings revisions: the writers', () => {
  it('revision 0 is the settings at migration (an empty station here)', () => {
    const db = openDatabase(':memory:');
    expect(currentRevisionId(db)).toBe(0);
    expect(getStationRevision(db, 0)).toMatchObject({ id: 0, createdByName: 'migration', settings: { zones: [], topics: [] } });
  });

  it('each writer of station.ts makes a revision dated by its `at` (a new writer must be listed here)', () => {
    const db = openDatabase(':memory:');
    // Every function of station.ts that writes: adding one without a revision fails the count below.
    const writers = Object.keys(station).filter((name) => /^(upsert|delete|save|put|remove|set|insert|update)/.test(name)).sort();
    expect(writers).toEqual(['deleteTopic', 'deleteZone', 'savePolicy', 'upsertTopic', 'upsertZone']);
    const writes: [string, () => void][] = [
      ['upsertZone', () => station.upsertZone(db, zoneA, 1000)],
      ['upsertTopic', () => station.upsertTopic(db, topicA, 2000)],
      ['savePolicy', () => station.savePolicy(db, Policy.parse({ ceremonialMaxShare: 0.2 }), 3000)],
      ['deleteTopic', () => station.deleteTopic(db, topicA.id, 4000)],
      ['deleteZone', () => station.deleteZone(db, zoneA.id, 5000)],
    ];
    expect(writes.map(([name]) => name).sort()).toEqual(writers);
    writes.forEach(([name, write], i) => {
      write();
      expect({ name, current: currentRevisionId(db) }).toEqual({ name, current: i + 1 });
      expect(getStationRevision(db, i + 1)!.createdAt).toBe((i + 1) * 1000);
    });
    const [latest] = listStationRevisions(db, { limit: 1 });
    expect(latest!.settings).toMatchObject({ zones: [], topics: [], policy: { ceremonialMaxShare: 0.2 } });
    expect(getStationRevision(db, 2)!.settings.topics).toEqual([{ id: 'dai-hoi-xiv', name: 'Đại hội XIV', rules: topicA.rules }]);
  });

  it('a write that leaves the settings that judge plays as they were makes none; secrets never enter a revision', () => {
    const db = openDatabase(':memory:');
    station.upsertZone(db, zoneA, 1000);
    expect(revisionCount(db)).toBe(2);
    station.upsertZone(db, zoneA, 2000);
    // A stream key is no setting that judges plays, and a secret.
    station.upsertZone(db, { ...zoneA, outputs: [{ type: 'http', key: 'secret-stream-key-123', idle: 'silence' }] }, 3000);
    expect(revisionCount(db)).toBe(2);
    expect(station.deleteTopic(db, 'no-such-topic', 4000)).toBe(false);
    expect(revisionCount(db)).toBe(2);
    const all = JSON.stringify(db.prepare('SELECT settings FROM station_revisions').all());
    expect(all).not.toContain('secret-stream-key-123');
    expect(getStationRevision(db, 1)!.settings.zones).toEqual([
      { id: 'tdp-1', name: 'Tổ 1', group: null, enabled: true, windows: zoneA.windows },
    ]);
  });

  it('a revision is never edited or deleted', () => {
    const db = openDatabase(':memory:');
    station.upsertZone(db, zoneA, 1000);
    expect(() => db.prepare("UPDATE station_revisions SET settings = '{}' WHERE id = 1").run()).toThrow(/never edited/);
    expect(() => db.prepare('DELETE FROM station_revisions WHERE id = 0').run()).toThrow(/never deleted/);
    expect(revisionCount(db)).toBe(2);
  });
});

describe('settings revisions: the station service', () => {
  const setup = () => {
    const db = openDatabase(':memory:');
    const clock = fakeClock('2026-05-01T08:00:00+07:00');
    const service = createStationService({ db, clock, events: new StationEvents(), tz: 'Asia/Ho_Chi_Minh' });
    return { db, clock, service };
  };
  const admin = { id: null, username: 'admin' } as const;

  it('makes exactly one revision per change, with who, when, the time zone and the note', () => {
    const { db, clock, service } = setup();
    service.putZone(zoneA, admin);
    clock.advance(60_000);
    service.putTopic(topicA, 'system');
    clock.advance(60_000);
    service.putPolicy(Policy.parse({ ceremonialMaxShare: 0.2 }), 'cli');
    clock.advance(60_000);
    service.removeTopic(topicA.id, admin);
    clock.advance(60_000);
    service.removeZone(zoneA.id, admin);
    const list = listStationRevisions(db, { limit: 10 }).reverse();
    expect(list.map((r) => [r.id, r.createdByName, r.createdAt - Date.parse('2026-05-01T08:00:00+07:00'), r.tz])).toEqual([
      [0, 'migration', expect.any(Number), null],
      [1, 'admin', 0, 'Asia/Ho_Chi_Minh'],
      [2, 'system', 60_000, 'Asia/Ho_Chi_Minh'],
      [3, 'cli', 120_000, 'Asia/Ho_Chi_Minh'],
      [4, 'admin', 180_000, 'Asia/Ho_Chi_Minh'],
      [5, 'admin', 240_000, 'Asia/Ho_Chi_Minh'],
    ]);
  });

  it('a YAML import of many zones, topics and the policy is ONE revision; a refused one is none', () => {
    const { db, service } = setup();
    const file = parseStationYaml(`
policy: { ceremonialMaxShare: 0.2 }
topics:
  - { id: dai-hoi-xiv, name: Đại hội XIV, rules: [{ per: day, min: 1 }] }
zones:
  - { id: tdp-1, name: Tổ 1, windows: [{ days: [1,2,3,4,5,6,7], start: "05:30", end: "06:30", peak: true }] }
  - { id: tdp-2, name: Tổ 2, windows: [{ days: [1,2,3,4,5,6,7], start: "17:00", end: "18:00", peak: true }] }
  - { id: tdp-3, name: Tổ 3 }
`);
    service.apply(file, admin, 'ward.yaml');
    expect(currentRevisionId(db)).toBe(1);
    const r = getStationRevision(db, 1)!;
    expect(r.note).toBe('ward.yaml');
    expect(r.settings.zones.map((z) => z.id)).toEqual(['tdp-1', 'tdp-2', 'tdp-3']);
    expect(r.settings.topics.map((t) => t.id)).toEqual(['dai-hoi-xiv']);
    // The same file again changes nothing: no revision.
    service.apply(file, admin, 'ward.yaml');
    expect(currentRevisionId(db)).toBe(1);
    // A rule naming an unknown zone is refused whole: no revision either.
    const bad = parseStationYaml('topics:\n  - { id: x, name: X, rules: [{ per: day, min: 1, zones: [nowhere] }] }\n');
    expect(() => service.apply(bad, admin)).toThrow();
    expect(currentRevisionId(db)).toBe(1);
  });
});

describe('settings revisions: airtime rows', () => {
  it('every row references the revision in force when it was logged, whoever wrote it', () => {
    const db = openDatabase(':memory:');
    station.upsertZone(db, zoneA, 1000);
    const recorder = createAirtimeRecorder(db, 'Asia/Ho_Chi_Minh');
    const startedAt = Date.parse('2026-05-04T05:35:00+07:00');
    const entry = {
      itemId: 'tin-1', startMs: startedAt, window: '05:30-06:30', source: 'plan' as const,
      item: { title: 'Tin', kind: 'tin', topics: ['dai-hoi-xiv'], ceremonial: false, unit: null, priority: 'normal' },
    };
    const open = recorder.recordStart({ zoneId: 'tdp-1', entry, startedAt, outputs: [] });
    station.upsertZone(db, { ...zoneA, name: 'Tổ dân phố 1' }, 2000);
    // Still the revision it started under, after it ends under the next.
    recorder.recordEnd(open, { endedAt: startedAt + 60_000, playedMs: 60_000, outcome: 'completed', detail: null, outputs: [], receivers: 1, carriers: [] });
    const direct = Number(
      db
        .prepare(
          `INSERT INTO airtime (zone_id, item_id, item_title, item_kind, started_at, heartbeat_at, ended_at, played_ms, outcome, local_date)
           VALUES ('tdp-1', 'tin-1', 'Tin', 'tin', @at, @at, @at + 60000, 60000, 'completed', '2026-05-04')`,
        )
        .run({ at: startedAt + 3_600_000 }).lastInsertRowid,
    );
    expect([stampOf(db, open), stampOf(db, direct)]).toEqual([1, 2]);
    // The per-day summary counts both aired plays, each under its revision.
    expect(db.prepare('SELECT local_date, revision_id, plays FROM airtime_day_revisions ORDER BY revision_id').all()).toEqual([
      { local_date: '2026-05-04', revision_id: 1, plays: 1 },
      { local_date: '2026-05-04', revision_id: 2, plays: 1 },
    ]);
  });
});
