/**
 * What happens on each day of the soak month, as data: the nightly replan, approvals arriving, pins,
 * a zone edited, emergencies triggered (some repeated, one on every zone, one at night, one replaced
 * by a newer one) and cancelled; and the stretches of time the clock ticks through frame by frame
 * (the windows and the night bulletins, with a margin). Between them it steps, as a clock step would:
 * nothing is due there (the driver checks no play is on air before each step).
 */
import { addDays, local, WINDOWS, ZONES, zoneId, type LibraryItem } from './soakStation.ts';

export type SoakAction =
  | { kind: 'nightly' }
  | { kind: 'approve'; itemKey: string }
  | { kind: 'pin'; zone: string; itemKey: string; date: string; window: string }
  | { kind: 'edit-zone'; zone: string; windows: typeof WINDOWS }
  | { kind: 'emergency'; name: string; zones: string[]; itemKey: string; repeat?: { times: number; everyMinutes: number } }
  | { kind: 'cancel'; name: string }
  | { kind: 'heap' };

export interface SoakEvent {
  atMs: number;
  action: SoakAction;
}

export interface SoakDay {
  index: number;
  date: string;
  events: SoakEvent[];
  /** [from, to) stretches ticked frame by frame, in order, not overlapping. */
  ticked: [number, number][];
}

/** Ticking starts this long before a window (the player loads audio 30 s ahead) and ends this long after. */
const LEAD_MS = 60_000;
const TAIL_MS = 120_000;

const range = (from: number, n: number) => Array.from({ length: n }, (_, i) => zoneId(from + i));

/** The month: `days` days from `firstDate`, the library's approvals on their days. */
export function soakCalendar(firstDate: string, days: number, library: LibraryItem[]): SoakDay[] {
  const out: SoakDay[] = [];
  for (let d = 0; d < days; d++) {
    const date = addDays(firstDate, d);
    const at = (time: string) => local(date, time);
    const events: SoakEvent[] = [{ atMs: at('00:05'), action: { kind: 'nightly' } }];
    const nights: [number, number][] = [];
    for (const item of library.filter((i) => i.approveDay === d)) events.push({ atMs: at('12:00'), action: { kind: 'approve', itemKey: item.key } });
    if (d % 7 === 5) {
      // An operator pins an item into tomorrow evening's window of one zone.
      const k = Math.floor(d / 7);
      events.push({ atMs: at('00:06'), action: { kind: 'pin', zone: zoneId(7 + k * 9), itemKey: `t${1 + k * 6}`, date: addDays(date, 1), window: '17:00' } });
    }
    if (d === 10 || d === 20) {
      const evening = d === 10 ? { ...WINDOWS[1]!, end: '17:04' } : WINDOWS[1]!;
      events.push({ atMs: at('12:30'), action: { kind: 'edit-zone', zone: zoneId(50), windows: [WINDOWS[0]!, evening] } });
    }
    const name = `kc-${d}`;
    if (d % 9 === 2) {
      events.push({ atMs: at('05:31'), action: { kind: 'emergency', name, zones: range(1 + (d % 40), 5), itemKey: 't2', repeat: { times: 3, everyMinutes: 1 } } });
    } else if (d % 9 === 5) {
      events.push({ atMs: at('17:01:30'), action: { kind: 'emergency', name, zones: ['*'], itemKey: 't4' } });
    } else if (d % 9 === 8) {
      // Cancelled during its second airing (t5 is 8 s long): that row is cut short, the third never airs.
      events.push({ atMs: at('05:31'), action: { kind: 'emergency', name, zones: range(10, 11), itemKey: 't5', repeat: { times: 3, everyMinutes: 1 } } });
      events.push({ atMs: at('05:32:03'), action: { kind: 'cancel', name } });
    }
    if (d === 14 || d === 23) {
      // A newer emergency on some of the same zones replaces the older one there, mid-word.
      events.push({ atMs: at('17:02'), action: { kind: 'emergency', name: `${name}-a`, zones: range(40, 5), itemKey: 't11', repeat: { times: 2, everyMinutes: 1 } } });
      events.push({ atMs: at('17:02:02'), action: { kind: 'emergency', name: `${name}-b`, zones: range(42, 5), itemKey: 't17' } });
    }
    if (d === 11 || d === 25) {
      events.push({ atMs: at('02:00'), action: { kind: 'emergency', name: `${name}-dem`, zones: [ZONES[29]!], itemKey: 't23' } });
      nights.push([at('01:59'), at('02:02')]);
    }
    events.push({ atMs: at('23:59:30'), action: { kind: 'heap' } });
    const ticked: [number, number][] = [
      ...nights,
      ...WINDOWS.map((w): [number, number] => [at(w.start) - LEAD_MS, at(w.end) + TAIL_MS]),
    ].sort((a, b) => a[0] - b[0]);
    out.push({ index: d, date, events: events.sort((a, b) => a.atMs - b.atMs), ticked });
  }
  return out;
}
