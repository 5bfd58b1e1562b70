import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { DeadAirWatch } from './deadAir.ts';
import type { FrameBatch } from './frameBatch.ts';
import type { OutputFanout } from './outputFanout.ts';
import { emitSafely, type PlayoutEvents } from './playoutEvents.ts';
import { inProgrammeGap, type ProgrammeEntry, type ProgrammeQueue } from './programme.ts';

/** What a silence watch needs from its player. */
export interface SilenceWatchOptions {
  playerId: string;
  zones: readonly string[];
  player: EventEmitter<PlayoutEvents>;
  deadAir: DeadAirWatch;
  queue: ProgrammeQueue;
  batch: FrameBatch;
  outputs: OutputFanout;
  log: Logger;
  maxGapInWindowMs: number;
}

/**
 * A zone player's bookkeeping while silence goes out: the dead-air alarm (once per dead slot), and
 * idle() to the outputs and listeners once the programme is over (not in a short gap inside a window).
 */
export class SilenceWatch {
  private idleSignalled = false;

  constructor(private readonly o: SilenceWatchOptions) {}

  /** Something airs again: the next silence after it may be the programme's end. */
  airing(): void {
    this.idleSignalled = false;
  }

  /** For each silent frame due at `t`; `last` is the entry that aired (or was due) last. */
  silent(t: number, last: ProgrammeEntry | null): void {
    const { o } = this;
    const dead = o.deadAir.check(t);
    if (dead) {
      o.log.warn({ entry: dead.entry.key, reason: dead.reason }, 'dead air');
      emitSafely(o.player, o.log, 'silence-alarm', { playerId: o.playerId, zones: [...o.zones], ...dead });
    }
    if (this.idleSignalled || o.deadAir.active) return;
    const next = o.queue.next(t);
    if (inProgrammeGap(last, next, t, o.maxGapInWindowMs)) return;
    this.idleSignalled = true;
    o.batch.flush(); // the programme's last frames go out before the outputs hear it is over
    o.outputs.idle();
    emitSafely(o.player, o.log, 'idle', { playerId: o.playerId, zones: [...o.zones], at: t, nextStartMs: next?.startMs ?? null });
  }
}
