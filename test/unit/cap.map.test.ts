/**
 * What a CAP alert means for the station (pure): the Vietnamese info, the level by the urgency ×
 * severity table, the zones its geocodes name, and when it airs nowhere.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { CapAlert } from '../../src/cap/capAlert.ts';
import { matchArea, pickInfo, planAlert, speechTextOf } from '../../src/cap/capMap.ts';
import { parseCap } from '../../src/cap/capParse.ts';
import { CapPolicy, defaultLevelTable } from '../../src/domain/cap.ts';
import { Zone } from '../../src/domain/station.ts';
import { win, zone } from '../support/stationBuilder.ts';

const FIXTURES = join(import.meta.dirname, '..', 'fixtures', 'cap');
function alertOf(name: string, edit: (s: string) => string = (s) => s): CapAlert {
  const result = parseCap(edit(readFileSync(join(FIXTURES, name), 'utf8')));
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.alert;
}

const NOW = Date.parse('2026-10-12T08:00:00+07:00');
const ZONES = [
  zone('tdp-1', [win('05:30', '06:30')], { areaCodes: ['20194'] }),
  zone('tdp-2', [win('05:30', '06:30')], { areaCodes: ['20197'], testAlerts: true }),
  zone('tdp-3', [win('05:30', '06:30')], { areaCodes: ['20200', 'HOA-CUONG'] }),
  zone('tdp-4', [win('05:30', '06:30')], { areaCodes: ['20194'], enabled: false }),
];
const plan = (a: CapAlert, over: { zones?: typeof ZONES; now?: number } = {}) =>
  planAlert(a, { zones: over.zones ?? ZONES, levels: defaultLevelTable(), now: over.now ?? NOW });

describe('the level table', () => {
  it('by default makes Immediate or Expected × Extreme or Severe an emergency, the rest priority', () => {
    const t = defaultLevelTable();
    expect([t.Immediate.Extreme, t.Immediate.Severe, t.Expected.Extreme, t.Expected.Severe]).toEqual(['emergency', 'emergency', 'emergency', 'emergency']);
    expect([t.Immediate.Moderate, t.Future.Extreme, t.Past.Severe, t.Unknown.Unknown, t.Expected.Minor]).toEqual(['priority', 'priority', 'priority', 'priority', 'priority']);
  });

  it('takes a station\'s cells over the default and keeps the others', () => {
    const policy = CapPolicy.parse({ levels: { Future: { Extreme: 'emergency' }, Immediate: { Severe: 'priority' } } });
    expect(policy.levels.Future.Extreme).toBe('emergency');
    expect(policy.levels.Immediate.Severe).toBe('priority');
    expect(policy.levels.Immediate.Extreme).toBe('emergency');
    expect(policy.repeat).toEqual({ everyMinutes: 120, onTheHour: true });
    expect(CapPolicy.safeParse({ levels: { Soon: { Extreme: 'emergency' } } }).success).toBe(false);
    expect(CapPolicy.safeParse({ repeat: { everyMinutes: 90, onTheHour: true } }).success).toBe(false);
  });

  it('decides the level of an alert by the table the station set', () => {
    const storm = alertOf('storm-alert.xml');
    const levels = CapPolicy.parse({ levels: { Immediate: { Extreme: 'priority' } } }).levels;
    expect(planAlert(storm, { zones: ZONES, levels, now: NOW })).toMatchObject({ kind: 'air', level: 'priority', delivery: 'library' });
  });
});

describe('mapping an alert', () => {
  it('speaks from the Vietnamese info, else the first', () => {
    const storm = alertOf('storm-alert.xml');
    expect(pickInfo(storm.info)!.language).toBe('vi-VN');
    expect(pickInfo([...storm.info].reverse())!.language).toBe('vi-VN');
    expect(pickInfo(storm.info.filter((i) => i.language === 'en-US'))!.language).toBe('en-US');
    expect(pickInfo([])).toBeNull();
  });

  it('reaches the enabled zones whose area codes its geocodes name (case aside)', () => {
    const storm = alertOf('storm-alert.xml');
    expect(matchArea(storm.info[0]!, ZONES)).toEqual({ geocodes: ['20194', '20197'], zones: ['tdp-1', 'tdp-2'], unmatched: [] });
    const flood = alertOf('flood-priority.xml', (s) => s.replace('<value>20200</value>', '<value>hoa-cuong</value>'));
    expect(matchArea(flood.info[0]!, ZONES).zones).toEqual(['tdp-3']);
  });

  it('airs an emergency storm warning as a bulletin on its zones, until it expires', () => {
    const p = plan(alertOf('storm-alert.xml'));
    expect(p).toMatchObject({ kind: 'air', level: 'emergency', delivery: 'bulletin', test: false, zones: ['tdp-1', 'tdp-2'], expiresMs: Date.parse('2026-10-12T20:00:00+07:00') });
  });

  it('puts a priority alert into the library', () => {
    expect(plan(alertOf('flood-priority.xml'))).toMatchObject({ kind: 'air', level: 'priority', delivery: 'library', zones: ['tdp-3'] });
  });

  it('says an Update replaces its references and a Cancel stops them', () => {
    expect(plan(alertOf('storm-update.xml'))).toMatchObject({ kind: 'air', replaces: [{ identifier: 'KTTV-2026-BAO05-001' }] });
    expect(plan(alertOf('storm-cancel.xml'))).toMatchObject({ kind: 'cancel', references: [{ identifier: 'KTTV-2026-BAO05-002' }] });
  });

  it('airs an alert for another area nowhere', () => {
    expect(plan(alertOf('other-ward.xml'))).toMatchObject({ kind: 'quiet', reason: 'no-zone', level: 'emergency', area: { unmatched: ['20974'] } });
    const noGeocode = alertOf('other-ward.xml', (s) => s.replace(/<geocode>[\s\S]*<\/geocode>/, ''));
    expect(plan(noGeocode)).toMatchObject({ kind: 'quiet', reason: 'no-geocode' });
  });

  it('never airs System or Draft, and airs Exercise or Test only on zones that take test alerts', () => {
    expect(plan(alertOf('storm-alert.xml', (s) => s.replace('<status>Actual</status>', '<status>System</status>')))).toMatchObject({ kind: 'quiet', reason: 'not-actual' });
    expect(plan(alertOf('storm-alert.xml', (s) => s.replace('<status>Actual</status>', '<status>Draft</status>')))).toMatchObject({ kind: 'quiet', reason: 'not-actual' });
    expect(plan(alertOf('drill.xml'))).toMatchObject({ kind: 'air', test: true, delivery: 'bulletin', zones: ['tdp-2'] });
    const noTestZone = ZONES.map((z) => Zone.parse({ ...z, testAlerts: false }));
    expect(plan(alertOf('drill.xml'), { zones: noTestZone })).toMatchObject({ kind: 'quiet', reason: 'no-test-zone' });
  });

  it('airs nothing that expired before it arrived, an Ack, or an alert with no info', () => {
    expect(plan(alertOf('storm-alert.xml'), { now: Date.parse('2026-10-12T20:00:00+07:00') })).toMatchObject({ kind: 'quiet', reason: 'expired' });
    expect(plan(alertOf('storm-alert.xml', (s) => s.replace('<msgType>Alert</msgType>', '<msgType>Ack</msgType>')))).toMatchObject({ kind: 'quiet', reason: 'not-an-alert' });
    expect(plan(alertOf('storm-alert.xml', (s) => s.replace(/<info>[\s\S]*<\/info>/, '')))).toMatchObject({ kind: 'quiet', reason: 'no-info' });
  });

  it('reads headline, description and instruction as one text for speech', () => {
    const text = speechTextOf(alertOf('storm-alert.xml').info[0]!)!;
    expect(text.split('\n')).toEqual([
      'Bão số 5 sắp đổ bộ, gió giật cấp 12.',
      expect.stringMatching(/^Hồi 7 giờ sáng nay/),
      expect.stringMatching(/^Người dân không ra khỏi nhà/),
    ]);
    expect(speechTextOf(alertOf('no-audio.xml').info[0]!)).toBeNull();
  });
});

describe('zones and their area codes (decisions §7)', () => {
  it('accepts the former single areaCode as a one-element list, and null as none', () => {
    expect(Zone.parse({ id: 'tdp-1', name: 'Tổ 1', areaCode: '20194' }).areaCodes).toEqual(['20194']);
    expect(Zone.parse({ id: 'tdp-1', name: 'Tổ 1', areaCode: null }).areaCodes).toEqual([]);
    expect(Zone.parse({ id: 'tdp-1', name: 'Tổ 1' })).toMatchObject({ areaCodes: [], testAlerts: false });
    expect(Zone.parse({ id: 'tdp-1', name: 'Tổ 1', areaCode: '1', areaCodes: ['1', '2'] }).areaCodes).toEqual(['1', '2']);
  });

  it('refuses codes with spaces, a code twice, and an areaCode the list lacks', () => {
    const paths = (input: object) => {
      const r = Zone.safeParse({ id: 'tdp-1', name: 'Tổ 1', ...input });
      return r.success ? [] : r.error.issues.map((i) => i.path.join('.'));
    };
    expect(paths({ areaCodes: ['20 194'] })).toEqual(['areaCodes.0']);
    expect(paths({ areaCodes: ['20194', '20194'] })).toEqual(['areaCodes']);
    expect(paths({ areaCode: '3', areaCodes: ['1'] })).toEqual(['areaCode']);
  });
});
