/**
 * Peak-window membership of aired rows, decided from the window label the row carries plus the zone's
 * window definitions in the settings revision the row was logged under (migrations/0020), so the month
 * scan needs no per-row date math: one cached answer per (revision, zone, label, weekday).
 */
import { parseTimeOfDay } from '../domain/time.ts';
import type { Window } from '../domain/station.ts';

/**
 * Answers "did this play start inside a peak window of its zone that day?". A labelled play: the
 * zone window with that start-end that weekday decides; when none matches, the label's start time
 * must fall inside a peak window (a label that is not a time range is not peak). An unlabelled play:
 * its own start time (`secondOfDay`, ignored for labelled plays) must fall inside a peak window.
 * `day` is the local epoch day the play started on: it picks the settings revision that judges it.
 */
export interface PeakResolver {
  isPeak(zone: string, label: string | null, weekday: number, secondOfDay: number, day: number): boolean;
}

/** The same question over one set of windows (one settings revision). */
export interface WindowPeaks {
  isPeak(zone: string, label: string | null, weekday: number, secondOfDay: number): boolean;
}

/** Zones as peak membership needs them. */
export type PeakZones = readonly { id: string; windows: readonly Window[] }[];

/** Per-revision window resolvers, each built once, on first use. */
export interface RevisionPeaks {
  of(revision: number): WindowPeaks;
}

/** Resolvers over the windows of each revision (`zonesOf` is asked once per revision). */
export function createRevisionPeaks(zonesOf: (revision: number) => PeakZones): RevisionPeaks {
  const built = new Map<number, WindowPeaks>();
  return {
    of(revision) {
      let peaks = built.get(revision);
      if (!peaks) built.set(revision, (peaks = createWindowPeaks(zonesOf(revision))));
      return peaks;
    },
  };
}

/**
 * A PeakResolver that judges a play by the revision its day was logged under (`revisionOfDay`, from
 * the day's rows); the caller judges a day logged under two revisions row by row instead.
 */
export function createDayPeakResolver(peaks: RevisionPeaks, revisionOfDay: (day: number) => number): PeakResolver {
  return { isPeak: (zone, label, weekday, secondOfDay, day) => peaks.of(revisionOfDay(day)).isPeak(zone, label, weekday, secondOfDay) };
}

interface WindowDef {
  label: string;
  startSec: number;
  endSec: number;
  peak: boolean;
  days: boolean[];
}

interface ZonePeaks {
  defs: WindowDef[];
  /** label → per weekday (index 1..7): -1 not computed yet, 0 no, 1 yes. */
  byLabel: Map<string, Int8Array>;
}

/** Builds a resolver over the zones' windows (malformed windows are ignored). */
export function createWindowPeaks(zones: PeakZones): WindowPeaks {
  const byZone = new Map<string, ZonePeaks>();
  for (const z of zones) {
    const defs: WindowDef[] = [];
    for (const w of z.windows) {
      const startSec = parseTimeOfDay(w.start);
      const endSec = parseTimeOfDay(w.end);
      if (startSec === null || endSec === null || endSec <= startSec) continue;
      const days = Array.from({ length: 8 }, (_, d) => w.days.includes(d));
      defs.push({ label: `${w.start}-${w.end}`, startSec, endSec, peak: w.peak === true, days });
    }
    byZone.set(z.id, { defs, byLabel: new Map() });
  }

  const insidePeak = (defs: WindowDef[], weekday: number, sec: number): boolean =>
    defs.some((d) => d.peak && d.days[weekday] === true && d.startSec <= sec && sec < d.endSec);

  const resolveLabel = (defs: WindowDef[], label: string, weekday: number): boolean => {
    const [startText = '', endText = ''] = label.split('-');
    const s = parseTimeOfDay(startText.trim());
    const e = parseTimeOfDay(endText.trim());
    const same = defs.find(
      (d) => d.days[weekday] === true && (d.label === label || (s !== null && e !== null && d.startSec === s && d.endSec === e)),
    );
    if (same) return same.peak;
    // A label no current window matches (windows edited since): judge by when the window began.
    return s !== null && insidePeak(defs, weekday, s);
  };

  return {
    isPeak(zone, label, weekday, secondOfDay) {
      const z = byZone.get(zone);
      if (!z) return false;
      if (label === null) return insidePeak(z.defs, weekday, secondOfDay);
      let cached = z.byLabel.get(label);
      if (!cached) {
        cached = new Int8Array(8).fill(-1);
        z.byLabel.set(label, cached);
      }
      const v = cached[weekday] ?? -1;
      if (v !== -1) return v === 1;
      const answer = resolveLabel(z.defs, label, weekday);
      cached[weekday] = answer ? 1 : 0;
      return answer;
    },
  };
}
