import type { ProgrammeEntry } from './programme.ts';

/** Why an entry that is due is not on air. */
export type DeadAirReason = 'failed' | 'loading';

/** The detail of a planned play's 'skipped' row (technical, as the airtime log's other details). */
export const AUDIO_LATE = 'audio not ready before its time was over (still loading)';

/** Dead air that has lasted long enough to alarm. */
export interface DeadAir {
  entry: ProgrammeEntry;
  since: number;
  reason: DeadAirReason;
}

/**
 * Watches for dead air: an entry should be on air but only silence goes out (its audio failed, or
 * has not loaded yet). Reports it once when it has lasted `alarmMs`; over when the entry's slot is.
 */
export class DeadAirWatch {
  private dead: (DeadAir & { alarmed: boolean }) | null = null;
  /**
   * Every entry noted while its audio was loading, until it airs: one whose time runs out first must
   * still reach the airtime log (as skipped), or the log would be silently short of a planned play.
   */
  private readonly waiting = new Map<string, DeadAir>();

  constructor(private readonly alarmMs: number) {}

  /** True while some due entry is missing from the air (the programme is not idle then). */
  get active(): boolean {
    return this.dead !== null;
  }

  /** `entry` is due at `t` but cannot air; a repeat for the same entry keeps the first instant. */
  note(entry: ProgrammeEntry, t: number, reason: DeadAirReason): void {
    if (this.dead?.entry.key === entry.key) this.dead.reason = reason;
    else this.dead = { entry, since: t, reason, alarmed: false };
    if (reason === 'loading' && !this.waiting.has(entry.key)) this.waiting.set(entry.key, { entry, since: t, reason });
    if (reason === 'failed') this.waiting.delete(entry.key); // logged as failed where it was found
  }

  /** Audio is on air again (`aired`: that entry's), or entries left the plan (all but `unlessKeyIn`). */
  clear(unlessKeyIn?: Set<string>, aired?: string): void {
    if (this.dead && !unlessKeyIn?.has(this.dead.entry.key)) this.dead = null;
    if (aired !== undefined) this.waiting.delete(aired);
    if (unlessKeyIn) for (const key of this.waiting.keys()) if (!unlessKeyIn.has(key)) this.waiting.delete(key);
  }

  /** The wait of `key` if it was noted loading and has not aired; forgotten from here on. */
  giveUp(key: string): DeadAir | undefined {
    const w = this.waiting.get(key);
    this.waiting.delete(key);
    return w;
  }

  /** Entries noted loading whose time is over at `t` without their having aired; forgotten from here on. */
  missed(t: number): DeadAir[] {
    const out: DeadAir[] = [];
    for (const w of this.waiting.values()) if (t >= w.entry.startMs + w.entry.durationMs) out.push(w);
    for (const w of out) this.waiting.delete(w.entry.key);
    return out;
  }

  /** Called for each silent frame due at `t`: the dead air to alarm about, once, or null. */
  check(t: number): DeadAir | null {
    const dead = this.dead;
    if (!dead) return null;
    if (t >= dead.entry.startMs + dead.entry.durationMs) {
      this.dead = null;
      return null;
    }
    if (dead.alarmed || t - dead.since < this.alarmMs) return null;
    dead.alarmed = true;
    return { entry: dead.entry, since: dead.since, reason: dead.reason };
  }
}
