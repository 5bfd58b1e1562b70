import type { ItemKind, Priority } from '../domain/item.ts';
import type { RelayAiring } from '../domain/relay.ts';

/** Where an entry comes from: the saved plan, a hand-made programme, an emergency, or a relay. */
export type EntrySource = 'plan' | 'programme' | 'emergency' | 'relay';

/** The facts of an item a zone player needs and copies into the airtime log when it airs. */
export interface EntryItem {
  title: string;
  /** 'tiep-am' only on a relay's airing (a relay is no library item). */
  kind: ItemKind | 'tiep-am';
  topics: string[];
  ceremonial: boolean;
  unit: string | null;
  priority: Priority;
}

/**
 * One scheduled play of an audio item on a player's zones. Instants are epoch milliseconds.
 * `key` is unique per play (e.g. "slot:123") and is how a player remembers what it already aired.
 */
export interface ProgrammeEntry {
  key: string;
  itemId: string;
  startMs: number;
  endMs: number;
  /** The window label ("05:30-06:30") the entry belongs to, or null outside windows. */
  window: string | null;
  source: EntrySource;
  /** Absolute path of the canonical MP3 (CBR mono 44.1 kHz 96 kbps, pure frames). */
  audioPath: string;
  durationMs: number;
  item: EntryItem;
  /**
   * Set on an emergency bulletin's airing: its bulletin, and its rank among bulletins (a later trigger
   * ranks higher). A bulletin takes the air from anything it outranks (see precedence.ts).
   */
  emergency?: { id: string; rank: number };
  /**
   * Set on a relay's airing (issue 11): the player pulls the source for the entry's time instead of
   * loading `audioPath`; `itemId` is "relay:<sourceId>", `item.kind` 'tiep-am', the title the source's name.
   */
  relay?: RelayAiring;
}

/** What a zone player reads its programme from (implemented over the saved plans in production). */
export interface ProgrammeSource {
  /**
   * Entries of the player that overlap [fromMs, toMs) (endMs > fromMs and startMs < toMs), in any
   * order; the player sorts them. Called at start, on reload() and as the look-ahead runs out.
   */
  entriesBetween(playerId: string, fromMs: number, toMs: number): ProgrammeEntry[];
}

/**
 * True when silence at `t`, after `last` aired, is a gap inside the programme rather than its end:
 * the next entry belongs to the same window and starts within `maxGapMs`. Otherwise outputs go idle.
 */
export function inProgrammeGap(last: ProgrammeEntry | null, next: ProgrammeEntry | null, t: number, maxGapMs: number): boolean {
  return last !== null && next !== null && next.window !== null && next.window === last.window && next.startMs - t <= maxGapMs;
}

/**
 * The entries a player still has to air, in start order, and the keys it has finished with (aired,
 * failed, preempted, or found already aired), so nothing is played twice, even after a reload or a
 * backward clock step.
 */
export class ProgrammeQueue {
  private entries: ProgrammeEntry[] = [];
  /** The emergency entries among them, highest rank first (usually none: looked at every frame). */
  private urgent: ProgrammeEntry[] = [];
  /** Finished key → the entry's end, kept a day for pruning. */
  private readonly done = new Map<string, number>();
  /** Keys already looked up in the airtime log: the lookup runs once per entry. */
  private readonly checked = new Set<string>();

  /** A new plan replaces the remaining entries whole. */
  replace(entries: ProgrammeEntry[], now: number): void {
    this.entries = [...entries].sort((a, b) => a.startMs - b.startMs || a.key.localeCompare(b.key));
    this.urgent = this.entries.filter((e) => e.emergency).sort((a, b) => b.emergency!.rank - a.emergency!.rank);
    for (const [key, endMs] of this.done) if (endMs < now - 86_400_000) this.done.delete(key);
    const keys = this.keys();
    for (const key of this.checked) if (!keys.has(key)) this.checked.delete(key);
  }

  /**
   * Notes that `key` is on air, so startedBy never asks the log about it again: an entry put on air
   * by hand (cut in) and then cut by a bulletin has a 'preempted' row, which must not read as done.
   */
  airing(key: string): void {
    this.checked.add(key);
  }

  finish(entry: ProgrammeEntry): void {
    this.done.set(entry.key, entry.endMs);
  }

  keys(): Set<string> {
    return new Set(this.entries.map((e) => e.key));
  }

  /**
   * Unfinished entries that have started by `t` (allowing `earlyMs`) and whose time is not over, in
   * order. Each is first checked once with `alreadyAired` (a restarted player must not replay a play
   * the airtime log has as finished); those are marked finished and left out.
   */
  startedBy(t: number, earlyMs: number, alreadyAired: (e: ProgrammeEntry) => boolean): ProgrammeEntry[] {
    const out: ProgrammeEntry[] = [];
    for (const e of this.entries) {
      if (e.startMs - earlyMs > t) break;
      if (this.done.has(e.key) || t - e.startMs >= e.durationMs) continue;
      if (!this.checked.has(e.key)) {
        this.checked.add(e.key);
        if (alreadyAired(e)) {
          this.finish(e);
          continue;
        }
      }
      out.push(e);
    }
    return out;
  }

  /** The highest-ranked unfinished emergency entry that has started by `t` and whose time is not over. */
  dueUrgent(t: number, earlyMs: number): ProgrammeEntry | null {
    for (const e of this.urgent) {
      if (e.startMs - earlyMs <= t && t - e.startMs < e.durationMs && !this.done.has(e.key)) return e;
    }
    return null;
  }

  /** Unfinished entries starting before `until` and not over at `now` (what to load ahead). */
  startingBefore(until: number, now: number): ProgrammeEntry[] {
    const out: ProgrammeEntry[] = [];
    for (const e of this.entries) {
      if (e.startMs > until) break;
      if (!this.done.has(e.key) && e.endMs > now) out.push(e);
    }
    return out;
  }

  /** The first unfinished entry, other than `except`, that is not over at `t`. */
  next(t: number, except?: string): ProgrammeEntry | null {
    return this.entries.find((e) => !this.done.has(e.key) && e.key !== except && e.startMs + e.durationMs > t) ?? null;
  }
}
