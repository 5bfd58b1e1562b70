import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { noRelays, type OpenRelay } from '../relay/relayEntries.ts';
import type { AirtimeRecorder } from '../storage/airtime.ts';
import type { FrameSource } from './frameSource.ts';
import type { OutputsByZone } from './outputFanout.ts';
import type { ProgrammeSource } from './programme.ts';

/** What a zone player is built from; the optional timings have the defaults noted. */
export interface ZonePlayerOptions {
  id: string;
  /** One zone, or the members of a group sharing one programme: one airtime row per zone per play. */
  zones: string[];
  source: ProgrammeSource;
  /**
   * Each zone's outputs (a zone of `zones` missing here has none). The player starts and stops them
   * and writes every frame to each; a zone's airtime row lists those of its outputs that carried the
   * play, and is 'failed' when none did.
   */
  outputs: OutputsByZone;
  airtime: AirtimeRecorder;
  clock: Clock;
  log: Logger;
  /** The canonical silent frame (silence.ts). */
  silenceFrame: Buffer;
  /** Loads an entry's audio (cached by the loader, see frameSource.ts); a plain value is fine too. */
  loadFrames: (path: string) => FrameSource | Promise<FrameSource>;
  /**
   * Opens a relay entry's frames (entry.relay set; RelayFeeds.open, shared by the players airing it).
   * Without it a relay entry fails to air ('failed', with the reason).
   */
  openRelay?: OpenRelay;
  /** Frames may be written this long before they are due (0: exactly on time). */
  sendAheadMs?: number;
  /** Open airtime rows are stamped this often while airing (default 5 s): a crash loses at most this. */
  heartbeatMs?: number;
  /** How far ahead entries are read from the source (default 6 h); re-read when half is used. */
  lookaheadMs?: number;
  /** Audio is loaded this long before its entry starts (default 30 s). */
  prefetchMs?: number;
  /** Dead air (an entry due but only silence out) this long raises 'silence-alarm' (default 2 s). */
  silenceAlarmMs?: number;
  /** A gap up to this long before the next entry of the same window is programme, not idle (15 min). */
  maxGapInWindowMs?: number;
  /** A tick this much later than planned is a clock jump forward (default 2 s); any backward step is one too. */
  clockJumpMs?: number;
}

/** The options of a player with every default filled in. */
export type PlayerSettings = Required<Omit<ZonePlayerOptions, 'id' | 'zones'>>;

/** Fills in the defaults; throws when `outputs` names a zone the player does not serve (a wiring bug). */
export function withDefaults(opts: ZonePlayerOptions): PlayerSettings {
  const stranger = [...opts.outputs.keys()].find((z) => !opts.zones.includes(z));
  if (stranger !== undefined) throw new Error(`zone player ${opts.id}: outputs given for zone ${stranger}, which is not one of its zones`);
  return {
    ...opts,
    openRelay: opts.openRelay ?? noRelays,
    sendAheadMs: opts.sendAheadMs ?? 0,
    heartbeatMs: opts.heartbeatMs ?? 5000,
    lookaheadMs: opts.lookaheadMs ?? 6 * 3_600_000,
    prefetchMs: opts.prefetchMs ?? 30_000,
    silenceAlarmMs: opts.silenceAlarmMs ?? 2000,
    maxGapInWindowMs: opts.maxGapInWindowMs ?? 15 * 60_000,
    clockJumpMs: opts.clockJumpMs ?? 2000,
  };
}
