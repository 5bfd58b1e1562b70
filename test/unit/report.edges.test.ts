/**
 * The monthly report beyond the May fixture's whole-station figures: one zone, ISO week 18 owned by
 * April, an empty month, bad requests, facts that changed mid-month, and a daylight-saving month.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { Zone } from '../../src/domain/station.ts';
import { zonedInstant } from '../../src/domain/time.ts';
import { buildMonthlyReport, ReportRequestError } from '../../src/reports/buildMonthlyReport.ts';
import { createAirtimeRecorder } from '../../src/storage/airtime.ts';
import type { Db } from '../../src/storage/db.ts';
import { openDatabase } from '../../src/storage/db.ts';
import { upsertZone } from '../../src/storage/station.ts';
import { buildAirtimeFixture, FIXTURE_GENERATED_AT, FIXTURE_TZ } from '../support/airtimeFixture.ts';

let db: Db;

beforeAll(() => {
  db = buildAirtimeFixture();
});

const pc = (period: string, from: string, to: string, count: number) => ({ period, from, to, count });

describe('monthly report: one zone, other months, bad requests', () => {
  it('zone tdp-1 only: its figures, its rules, its previous month', () => {
    const r = buildMonthlyReport(db, { month: '2026-05', zone: 'tdp-1', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(r.zone).toBe('tdp-1');
    expect(r.headline).toEqual({
      programmes: 13, plays: 23, airtimeMs: 3_645_000, minutes: 60.8, distinctItems: 8, activeZones: 1,
      ceremonialPlays: 4, ceremonialMs: 585_000, ceremonialPlayShare: 4 / 23, ceremonialAirtimeShare: 585 / 3645,
      emergencyPlays: 2, priorityPlays: 1, relayPlays: 2, failed: 1, interruptions: 2,
    });
    expect(r.byZone.map((z) => z.zone)).toEqual(['tdp-1']);
    expect(r.ceremonial.overall.flagged).toBe(true);
    expect(r.topics[2]!.rules[0]!.byZone.map((z) => [z.zone, z.met, z.required])).toEqual([['tdp-1', 2, 4]]);
    expect(r.topics[2]!.rules[1]!.met).toBe(2);
    expect(r.topics[1]!.rules[0]).toMatchObject({ required: 0, met: 0, byZone: [] });
    // Contributions are station-wide; what aired is the zone's.
    expect(r.units.find((u) => u.unit === 'Công an phường')).toEqual({
      unit: 'Công an phường', contributed: 2, distinctItemsAired: 1, plays: 2, airtimeMs: 600_000, minutes: 10,
    });
    expect(r.previous.headline).toMatchObject({ programmes: 2, plays: 4, airtimeMs: 720_000, distinctItems: 3, relayPlays: 1, failed: 0 });
    expect(r.planned.zones).toHaveLength(1);
    expect(r.planned.zones[0]).toMatchObject({ plannedSlots: 20, airedPlays: 23, diffPlays: 3 });
    expect(r.incidents.byZone.map((z) => z.zone)).toEqual(['tdp-1']);
  });

  it('April owns ISO week 18, so its count includes 2 May (r1) as well as 28 April (p5)', () => {
    const april = buildMonthlyReport(db, { month: '2026-04', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(april.period.weeks.map((w) => w.week)).toEqual(['2026-W14', '2026-W15', '2026-W16', '2026-W17', '2026-W18']);
    const tdp1 = april.topics.find((t) => t.topic === 'dai-hoi-xiv')!.rules[0]!.byZone.find((z) => z.zone === 'tdp-1')!;
    expect(tdp1.missed).toEqual([
      pc('2026-W14', '2026-03-30', '2026-04-05', 0),
      pc('2026-W15', '2026-04-06', '2026-04-12', 1),
      pc('2026-W16', '2026-04-13', '2026-04-19', 0),
      pc('2026-W17', '2026-04-20', '2026-04-26', 0),
      pc('2026-W18', '2026-04-27', '2026-05-03', 2),
    ]);
    expect(april.headline.plays).toBe(5); // the 2 May play is May's in every other figure
  });

  it('an empty month is all zeros, not an error', () => {
    const r = buildMonthlyReport(db, { month: '2025-01', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(r.headline).toMatchObject({ programmes: 0, plays: 0, airtimeMs: 0, distinctItems: 0, ceremonialPlayShare: 0 });
    expect(r.ceremonial.overall.flagged).toBe(false);
    expect(r.comparison.every((c) => c.change === null)).toBe(true);
  });

  it.each([
    [{ month: '2026-13' }, 'month', 400],
    [{ month: '2026-5' }, 'month', 400],
    [{ month: 'may' }, 'month', 400],
    [{ month: '2026-05', tz: 'Mars/Olympus' }, 'tz', 400],
    [{ month: '2026-05', zone: 'tdp-404' }, 'zone', 404],
  ])('rejects %o with a typed error naming %s (%i)', (input, field, status) => {
    let caught: unknown;
    try {
      buildMonthlyReport(db, { tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT, ...input });
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(ReportRequestError);
    const e = caught as ReportRequestError;
    expect(e.field).toBe(field);
    expect(e.statusCode).toBe(status);
    expect(e.message).toContain(field);
  });

  it('uses the facts copied into each row: an item edited mid-month counts once, under both kinds', () => {
    const small = openDatabase(':memory:');
    upsertZone(small, Zone.parse({ id: 'z-1', name: 'Khu 1', windows: [{ days: [1, 2, 3, 4, 5, 6, 7], start: '06:00', end: '07:00', peak: true }] }), 0);
    const rec = createAirtimeRecorder(small);
    const play = (date: string, kind: string, topics: string[], unit: string | null) => {
      const at = zonedInstant(date, 6 * 3600, FIXTURE_TZ);
      const id = rec.recordStart({
        zoneId: 'z-1', startedAt: at, outputs: ['http'],
        entry: { itemId: 'x', startMs: at, window: '06:00-07:00', source: 'plan', item: { title: 'X', kind, topics, ceremonial: false, unit, priority: 'normal' } },
      });
      rec.recordEnd(id, { endedAt: at + 60_000, playedMs: 60_000, outcome: 'completed', detail: null, outputs: ['http'] });
    };
    play('2026-05-04', 'tin', ['a'], 'Công an phường');
    play('2026-05-05', 'tin', ['a'], 'Công an phường');
    play('2026-05-06', 'bai', ['b'], null);
    const r = buildMonthlyReport(small, { month: '2026-05', tz: FIXTURE_TZ, generatedAt: FIXTURE_GENERATED_AT });
    expect(r.headline).toMatchObject({ plays: 3, distinctItems: 1, programmes: 3 });
    expect(r.byKind.filter((k) => k.plays > 0).map((k) => [k.kind, k.plays, k.distinctItems])).toEqual([['tin', 2, 1], ['bai', 1, 1]]);
    expect(r.topics.map((t) => [t.topic, t.plays])).toEqual([['a', 2], ['b', 1]]);
    expect(r.units.map((u) => [u.unit, u.plays, u.distinctItemsAired])).toEqual([['Công an phường', 2, 1], [null, 1, 1]]);
    expect(r.byZone[0]).toMatchObject({ zone: 'z-1', plays: 3, distinctItems: 1 });
  });

  it('counts local days across a daylight-saving change (a zone with two UTC offsets in the month)', () => {
    const tz = 'Europe/Berlin'; // UTC+1, then UTC+2 from 29 March 2026 02:00
    const small = openDatabase(':memory:');
    upsertZone(small, Zone.parse({ id: 'z-1', name: 'Khu 1', windows: [] }), 0);
    const rec = createAirtimeRecorder(small);
    const play = (iso: string) => {
      const at = Date.parse(iso);
      const id = rec.recordStart({
        zoneId: 'z-1', startedAt: at, outputs: [],
        entry: { itemId: 'x', startMs: at, window: null, source: 'relay', item: { title: 'X', kind: 'khac', topics: [], ceremonial: false, unit: null, priority: 'normal' } },
      });
      rec.recordEnd(id, { endedAt: at + 60_000, playedMs: 60_000, outcome: 'completed', detail: null, outputs: [] });
    };
    play('2026-03-01T00:30:00+01:00'); // first local minutes of March
    play('2026-03-29T00:30:00+01:00'); // before the change
    play('2026-03-29T23:30:00+02:00'); // after it: still 29 March locally (21:30 UTC)
    play('2026-03-31T23:59:00+02:00'); // last local minute of March
    play('2026-04-01T00:30:00+02:00'); // April locally, though still 31 March in UTC
    play('2026-02-28T23:30:00+01:00'); // February
    const r = buildMonthlyReport(small, { month: '2026-03', tz, generatedAt: FIXTURE_GENERATED_AT });
    expect(r.headline.plays).toBe(4);
    expect(r.byDay.filter((d) => d.plays > 0).map((d) => [d.date, d.plays])).toEqual([['2026-03-01', 1], ['2026-03-29', 2], ['2026-03-31', 1]]);
    expect(r.relays.items[0]).toMatchObject({ firstStartedAt: '2026-03-01T00:30:00+01:00', lastStartedAt: '2026-03-31T23:59:00+02:00' });
  });
});

describe('incidents per output', () => {
  it('counts a mount as one output whatever audience it was logged with', async () => {
    const { incidentSection } = await import('../../src/reports/sections.ts');
    const section = incidentSection(
      [
        { zone: 'tdp-1', outcome: 'interrupted', outputs: '["http:/stream/tdp-1 (3 listeners)"]', count: 2 },
        { zone: 'tdp-1', outcome: 'interrupted', outputs: '["http:/stream/tdp-1 (1 listener)"]', count: 1 },
        { zone: 'tdp-1', outcome: 'failed', outputs: '["icecast://127.0.0.1:8000/tdp-1"]', count: 4 },
      ],
      (id) => id,
      (a, b) => a.localeCompare(b),
    );
    const outputs = section.byZone[0]!.outputs.map((o) => [o.output, o.interrupted, o.failed]);
    expect(outputs).toEqual([
      ['http:/stream/tdp-1', 3, 0],
      ['icecast://127.0.0.1:8000/tdp-1', 0, 4],
    ]);
  });
});
