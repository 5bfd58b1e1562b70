import type { ProgrammeEntry } from './programme.ts';

/** Why an entry that is due is not on air. */
export type DeadAirReason = 'failed' | 'loading';

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

  constructor(private readonly alarmMs: number) {}

  /** True while some due entry is missing from the air (the programme is not idle then). */
  get active(): boolean {
    return this.dead !== null;
  }

  /** `entry` is due at `t` but cannot air; a repeat for the same entry keeps the first instant. */
  note(entry: ProgrammeEntry, t: number, reason: DeadAirReason): void {
    if (this.dead?.entry.key === entry.key) this.dead.reason = reason;
    else this.dead = { entry, since: t, reason, alarmed: false };
  }

  /** Audio is on air again, or the entry left the plan. */
  clear(unlessKeyIn?: Set<string>): void {
    if (this.dead && !unlessKeyIn?.has(this.dead.entry.key)) this.dead = null;
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
