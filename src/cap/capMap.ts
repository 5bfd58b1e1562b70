/**
 * PURE: what a valid CAP alert means for this station: which `info` speaks for it, its level, the
 * zones its geocodes name, and whether it airs at all. No IO; the service acts on the answer.
 */
import type { AlertLevel, CapLevelTable } from '../domain/cap.ts';
import type { Zone } from '../domain/station.ts';
import type { CapAlert, CapInfo, CapReference } from './capAlert.ts';

/** Why an alert airs nowhere (it is still kept and logged). */
export type CapQuietReason =
  | 'no-info' // nothing to say (no info element)
  | 'not-actual' // status System or Draft: never airs
  | 'no-test-zone' // Exercise or Test, and no zone it names takes test alerts
  | 'no-geocode' // its area has no geocode
  | 'no-zone' // its geocodes name no zone of the station
  | 'expired' // it expired before it arrived
  | 'not-an-alert'; // msgType Ack or Error

/** Where an alert's geocodes led. */
export interface CapAreaMatch {
  geocodes: string[];
  /** Enabled zones whose area codes include one of the geocodes. */
  zones: string[];
  /** Geocodes that name no enabled zone. */
  unmatched: string[];
}

export type CapPlan =
  | { kind: 'cancel'; references: CapReference[] }
  | { kind: 'quiet'; reason: CapQuietReason; info: CapInfo | null; level: AlertLevel | null; area: CapAreaMatch; replaces: CapReference[] }
  | {
      kind: 'air';
      info: CapInfo;
      level: AlertLevel;
      /** Emergency-level and test alerts air as bulletins (the one path that reaches chosen zones only); the rest enter the library at priority. */
      delivery: 'bulletin' | 'library';
      test: boolean;
      area: CapAreaMatch;
      zones: string[];
      expiresMs: number | null;
      /** An Update's earlier alerts, which it replaces. */
      replaces: CapReference[];
    };

/** The `info` whose language is Vietnamese ("vi", "vi-VN"), else the first. */
export function pickInfo(infos: readonly CapInfo[]): CapInfo | null {
  return infos.find((i) => /^vi(-|$)/i.test(i.language)) ?? infos[0] ?? null;
}

/** The level of an info by the station's urgency × severity table. */
export const levelOf = (info: CapInfo, table: CapLevelTable): AlertLevel => table[info.urgency][info.severity];

/** The zones an info's geocodes name: a zone's area code equal to a geocode value (case aside). */
export function matchArea(info: CapInfo, zones: readonly Zone[]): CapAreaMatch {
  const geocodes = [...new Set(info.area.flatMap((a) => a.geocode.map((g) => g.value.trim())).filter(Boolean))];
  const wanted = new Set(geocodes.map((g) => g.toLowerCase()));
  const reached = zones.filter((z) => z.enabled && z.areaCodes.some((c) => wanted.has(c.toLowerCase())));
  const covered = new Set(reached.flatMap((z) => z.areaCodes.map((c) => c.toLowerCase())));
  return { geocodes, zones: reached.map((z) => z.id), unmatched: geocodes.filter((g) => !covered.has(g.toLowerCase())) };
}

/** What the speech engine reads when the alert has no usable audio: headline, description, instruction. */
export function speechTextOf(info: CapInfo, maxChars = 5000): string | null {
  const text = [info.headline, info.description, info.instruction]
    .map((s) => s?.trim())
    .filter((s): s is string => !!s)
    .map((s) => (/[.!?…:;]$/.test(s) ? s : `${s}.`))
    .join('\n');
  return text ? text.slice(0, maxChars) : null;
}

/** A title for the library: the headline, else the event. */
export function titleOf(info: CapInfo): string {
  return `CAP: ${info.headline?.trim() || info.event.trim()}`.slice(0, 300);
}

/**
 * Decides what an alert does. `zones` are the station's zones; `now` judges `expires`. Status other
 * than Actual never airs, except Exercise and Test on zones marked `testAlerts`.
 */
export function planAlert(alert: CapAlert, opts: { zones: readonly Zone[]; levels: CapLevelTable; now: number }): CapPlan {
  if (alert.msgType === 'Cancel') return { kind: 'cancel', references: alert.references };
  const replaces = alert.msgType === 'Update' ? alert.references : [];
  const info = pickInfo(alert.info);
  const none: CapAreaMatch = { geocodes: [], zones: [], unmatched: [] };
  if (alert.msgType === 'Ack' || alert.msgType === 'Error') return { kind: 'quiet', reason: 'not-an-alert', info, level: null, area: none, replaces };
  if (!info) return { kind: 'quiet', reason: 'no-info', info, level: null, area: none, replaces };
  const level = levelOf(info, opts.levels);
  const area = matchArea(info, opts.zones);
  const quiet = (reason: CapQuietReason): CapPlan => ({ kind: 'quiet', reason, info, level, area, replaces });
  if (alert.status === 'System' || alert.status === 'Draft') return quiet('not-actual');
  const expiresMs = info.expires?.ms ?? null;
  if (expiresMs !== null && expiresMs <= opts.now) return quiet('expired');
  if (area.geocodes.length === 0) return quiet('no-geocode');
  if (area.zones.length === 0) return quiet('no-zone');
  const test = alert.status !== 'Actual';
  const testZones = new Set(opts.zones.filter((z) => z.testAlerts).map((z) => z.id));
  const zones = test ? area.zones.filter((z) => testZones.has(z)) : area.zones;
  if (zones.length === 0) return quiet('no-test-zone');
  const delivery = level === 'emergency' || test ? 'bulletin' : 'library';
  return { kind: 'air', info, level, delivery, test, area, zones, expiresMs, replaces };
}
