/** What a zone player shows the rest of the daemon: its interface, what it airs now, and its typed events. */
import type { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { AirtimeOutcome } from '../storage/airtime.ts';
import type { ProgrammeEntry } from './programme.ts';
import type { FrameSource } from './frameSource.ts';

/** An entry began to air on the player's zones (its first frame is due at `startedAt`). */
export interface ItemStartedEvent {
  playerId: string;
  zones: string[];
  entry: ProgrammeEntry;
  startedAt: number;
  /** Where in the audio it started: > 0 when cut in after a late start or a clock jump. */
  positionMs: number;
  /** startedAt − entry.startMs (negative never exceeds the send-ahead). */
  lateMs: number;
}

/** An entry stopped airing, with the outcome written to the airtime log. */
export interface ItemEndedEvent {
  playerId: string;
  zones: string[];
  entry: ProgrammeEntry;
  endedAt: number;
  playedMs: number;
  outcome: AirtimeOutcome;
  detail: string | null;
}

/** The player has no programme (between windows) and tells its outputs so. */
export interface IdleEvent {
  playerId: string;
  zones: string[];
  at: number;
  /** Start of the next known entry, or null when the look-ahead holds none. */
  nextStartMs: number | null;
}

/** Dead air: an entry should be on air but only silence goes out (failed or late audio). */
export interface SilenceAlarmEvent {
  playerId: string;
  zones: string[];
  entry: ProgrammeEntry;
  since: number;
  reason: 'failed' | 'loading';
}

/** The typed events of a zone player (an EventEmitter<PlayoutEvents>); tests `await once(player, 'item:started')`. */
export interface PlayoutEvents {
  'item:started': [ItemStartedEvent];
  'item:ended': [ItemEndedEvent];
  idle: [IdleEvent];
  'silence-alarm': [SilenceAlarmEvent];
}

/** What a player is airing now, where in it, and what comes next. */
export interface NowPlaying {
  entry: ProgrammeEntry | null;
  positionMs: number;
  next: ProgrammeEntry | null;
}

/** A real-time MP3 player of one zone (or group) with the typed events above; see createZonePlayer. */
export interface ZonePlayer extends EventEmitter<PlayoutEvents> {
  readonly id: string;
  readonly zones: readonly string[];
  /** Starts the outputs and the stream; cuts into an entry already under way. */
  start(): Promise<void>;
  /** Ends the airing entry as 'interrupted', stops the stream and the outputs. */
  stop(): Promise<void>;
  /** Re-reads the programme: a new plan replaces the remaining entries whole; the airing one finishes. */
  reload(): void;
  /** Cuts the airing entry (logged 'preempted') and airs `entry` now from its start. */
  preempt(entry: ProgrammeEntry): Promise<void>;
  /**
   * Airs a live source (liveFrames.ts): at once when `entry` is an emergency (it takes the air from what
   * it outranks), else after the airing item ends. It ends when the source has ended and aired whole.
   */
  goLive(entry: ProgrammeEntry, frames: FrameSource): void;
  /** Ends the airing entry now if `match` says so (logged 'interrupted' with `detail`); what is due next starts at once. */
  withdraw(match: (entry: ProgrammeEntry) => boolean, detail: string): void;
  nowPlaying(): NowPlaying;
}

/** Emits on a player's emitter; a listener that throws must never stop the audio (it is logged). */
export function emitSafely<K extends keyof PlayoutEvents>(emitter: EventEmitter<PlayoutEvents>, log: Logger, event: K, ...args: PlayoutEvents[K]): void {
  try {
    (emitter.emit as (e: K, ...a: PlayoutEvents[K]) => boolean).call(emitter, event, ...args);
  } catch (err) {
    log.error({ err, event }, 'playout event listener failed');
  }
}
