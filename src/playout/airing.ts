import type { Logger } from 'pino';
import type { AirtimeOutcome, AirtimeRecorder } from '../storage/airtime.ts';
import type { FrameSource } from './frameSource.ts';
import type { ZoneCarriage } from './outputFanout.ts';
import type { ItemEndedEvent, ItemStartedEvent } from './playoutEvents.ts';
import type { ProgrammeEntry } from './programme.ts';
import { Reception } from './reception.ts';

/** Exact length of one canonical frame (1152 samples at 44.1 kHz = 26.122… ms). */
export const FRAME_MS = (1152 * 1000) / 44_100;

/** A frame may go out this early: absorbs planners rounding item durations to whole milliseconds. */
export const EARLY_TOLERANCE_MS = 1;
/** Up to this late an entry plays from its first frame; later it is cut in at its scheduled position. */
const CUT_IN_AFTER_MS = 2 * FRAME_MS;

/**
 * The frame of an entry to start with when its first frame goes out at `t`: a late start cuts in at
 * the clock's position (so does a programme entry resuming after a bulletin); a bulletin always
 * starts from its first word.
 */
export function firstFrameAt(entry: ProgrammeEntry, t: number): number {
  const offset = t - entry.startMs;
  return entry.emergency || offset < CUT_IN_AFTER_MS ? 0 : Math.round(offset / FRAME_MS);
}

/**
 * Re-places an airing after the wall clock stepped by `jumpMs`: forward, to where its audio should be
 * by now; backward, it keeps its place. False when, forward, its audio is over.
 */
export function realign(a: Airing, now: number, jumpMs: number): boolean {
  if (jumpMs < 0) {
    a.zeroAt = now - a.next * FRAME_MS;
    return true;
  }
  const position = Math.round((now - a.zeroAt) / FRAME_MS);
  if (position >= a.frames.frameCount) return false;
  a.next = Math.max(a.next, position);
  return true;
}

/** One entry on air on a player's zones: its audio, where it is, and its open airtime rows. */
export interface Airing {
  entry: ProgrammeEntry;
  frames: FrameSource;
  /** Next frame index to write. */
  next: number;
  written: number;
  /** The instant frame 0 is (virtually) due: the position of the audio against the clock. */
  zeroAt: number;
  /**
   * The open airtime row of each zone, by the recorder's id: with the daemon's journal
   * (airtimeJournal.ts) a handle, whose row may reach the database later. A zone whose start threw
   * (a bare store) has none.
   */
  rows: { zoneId: string; id: number }[];
  /** Which outputs carried its frames so far, and who received them (see OutputFanout.write). */
  reception: Reception;
  /** When its open rows were last stamped as still airing. */
  lastBeat: number;
}

/** True once every frame of the airing went out and its source will give no more (a live one may still grow). */
export function airingOver(a: Airing): boolean {
  return a.next >= a.frames.frameCount && (a.frames.live?.ended() ?? true);
}

/** Where an airing's start and end are announced (the player's typed events). */
export interface AiringEvents {
  started(e: ItemStartedEvent): void;
  ended(e: ItemEndedEvent): void;
}

/**
 * The record of one player's airings: airtime rows (one per zone per play), log lines and events.
 * The daemon gives it an AirtimeJournal, which never throws: a write the database refuses is kept and
 * retried there, with a health alarm meanwhile, so no play is silently missing from the log. Whatever
 * a recorder still throws is logged, never thrown: the zone keeps airing whatever the log does.
 */
export class AiringLog {
  private readonly zones: string[];

  constructor(
    private readonly playerId: string,
    zones: readonly string[],
    private readonly airtime: AirtimeRecorder,
    private readonly log: Logger,
    private readonly events: AiringEvents,
  ) {
    this.zones = [...zones];
  }

  /**
   * Opens the rows of an entry whose frame `first` goes out at `at`. `outputsOf` gives each zone's
   * outputs as they stand now: provisional, the end of the play records what really carried it.
   */
  open(entry: ProgrammeEntry, frames: FrameSource, at: number, first: number, outputsOf: (zone: string) => string[]): Airing {
    const rows: Airing['rows'] = [];
    for (const zoneId of this.zones) {
      const id = this.guard(() => this.airtime.recordStart({ zoneId, entry, startedAt: at, outputs: outputsOf(zoneId) }), null);
      if (id !== null) rows.push({ zoneId, id });
    }
    const positionMs = Math.round(first * FRAME_MS);
    this.log.info({ entry: entry.key, item: entry.itemId, lateMs: Math.round(at - entry.startMs), positionMs }, 'item started');
    this.events.started({ playerId: this.playerId, zones: [...this.zones], entry, startedAt: at, positionMs, lateMs: at - entry.startMs });
    return { entry, frames, next: first, written: 0, zeroAt: at - first * FRAME_MS, rows, reception: new Reception(), lastBeat: at };
  }

  /**
   * Final rows for an airing; the played time counts the frames actually written. A zone none of
   * whose outputs carried any of it gets 'failed' whatever `outcome` says: the log never claims audio
   * reached head-ends that were down. Each row says how many receivers got the play and through which
   * outputs (0 when it went out to nobody: the outcome stays, the report shows it apart). One
   * 'item:ended' event per distinct outcome among the zones.
   */
  close(a: Airing, endedAt: number, outcome: AirtimeOutcome, detail: string | null, carriageOf: (zone: string) => ZoneCarriage): void {
    const playedMs = a.written * FRAME_MS;
    const ends = new Map<string, { outcome: AirtimeOutcome; detail: string | null; zones: string[] }>();
    for (const zoneId of this.zones) {
      const { outputs, failure, receivers, carriers } = carriageOf(zoneId);
      const end = failure === null ? { outcome, detail } : { outcome: 'failed' as const, detail: detail === null ? failure : `${detail}; ${failure}` };
      const row = a.rows.find((r) => r.zoneId === zoneId);
      if (row) this.guard(() => this.airtime.recordEnd(row.id, { endedAt, playedMs, ...end, outputs, receivers, carriers }), null);
      if (failure !== null) this.log.warn({ entry: a.entry.key, zone: zoneId, failure }, 'item not carried by any output');
      const key = `${end.outcome}\u001f${end.detail ?? ''}`;
      const group = ends.get(key) ?? { ...end, zones: [] };
      group.zones.push(zoneId);
      ends.set(key, group);
    }
    this.log.info({ entry: a.entry.key, outcome, playedMs: Math.round(playedMs) }, 'item ended');
    for (const e of ends.values()) {
      this.events.ended({ playerId: this.playerId, zones: e.zones, entry: a.entry, endedAt, playedMs, outcome: e.outcome, detail: e.detail });
    }
  }

  /**
   * Rows of an entry that could not air at all, opened and closed at once, carried by no output: its
   * audio unreadable ('failed'), or still loading when its time ran out ('skipped', due from `from`).
   */
  unaired(entry: ProgrammeEntry, outcome: 'failed' | 'skipped', from: number, to: number, reason: string): void {
    this.log.error({ entry: entry.key, path: entry.audioPath, outcome, reason }, 'item did not air');
    for (const zoneId of this.zones) {
      this.guard(() => {
        const id = this.airtime.recordStart({ zoneId, entry, startedAt: from, outputs: [] });
        this.airtime.recordEnd(id, { endedAt: to, playedMs: 0, outcome, detail: reason, outputs: [], receivers: 0, carriers: [] });
      }, null);
    }
    this.events.ended({ playerId: this.playerId, zones: [...this.zones], entry, endedAt: to, playedMs: 0, outcome, detail: reason });
  }

  /** Stamps the airing's open rows when `everyMs` has passed since the last stamp. */
  beatIfDue(a: Airing, now: number, everyMs: number): void {
    if (now - a.lastBeat < everyMs) return;
    // Beats stay on their own grid: ticks ~100 ms apart must not make them drift later.
    a.lastBeat = now - ((now - a.lastBeat) % everyMs);
    this.guard(() => this.airtime.heartbeat(a.rows.map((r) => r.id), now), null);
  }

  /** True when every zone already finished this planned play (a restart must not replay it). */
  alreadyAired(entry: ProgrammeEntry): boolean {
    return this.zones.every((z) => this.guard(() => this.airtime.alreadyAired(z, entry.startMs, entry.itemId), false));
  }

  private guard<T, F>(fn: () => T, fallback: F): T | F {
    try {
      return fn();
    } catch (err) {
      this.log.error({ err }, 'airtime log write failed (this recorder keeps no journal: the write is lost)');
      return fallback;
    }
  }
}
