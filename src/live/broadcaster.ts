import { spawn } from 'node:child_process';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import { createAuditLog } from '../audit/auditLog.ts';
import { utcInstant } from '../audit/snapshots.ts';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { LiveFrames } from '../playout/liveFrames.ts';
import type { ItemStartedEvent } from '../playout/playoutEvents.ts';
import { playerIdOf, type Playout } from '../playout/playoutService.ts';
import type { ProgrammeEntry } from '../playout/programme.ts';
import type { Db } from '../storage/db.ts';
import { insertItem, saveItem } from '../storage/items.ts';
import type { UserRecord } from '../storage/users.ts';
import { keepRecording, newRecordingItem, type LiveLevel, type LiveOrigin } from './liveRecording.ts';

export interface BroadcasterDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  playout: Pick<Playout, 'goLive' | 'events'>;
  zones: () => Zone[];
  ffmpegPath: string;
  audioDir: string;
  tmpDir: string;
}

/** One live broadcast: who speaks, where, how loud, and what comes in. */
export interface BroadcastPlan {
  user: UserRecord;
  level: LiveLevel;
  origin: LiveOrigin;
  /** Player id → the zone its entry is written for (resolveTargets). */
  players: Map<string, string>;
  /** The container the audio comes in (`webm`, `mp3`…), so ffmpeg need not wait to probe it; undefined: probe. */
  format: string | undefined;
  /** Frames to have before going on air: slack against the source's jitter (each frame ~26 ms). */
  prebufferFrames: number;
}

/** Where a broadcast stands, as its source is told: waiting for the item on air to end, or heard. */
export interface BroadcastStatus {
  state: 'queued' | 'on-air';
  zones: string[];
}

/** What a finished broadcast answers its source. */
export interface LiveResult {
  itemId: string;
  title: string;
  reached: string[];
  durationMs: number;
}

/** Zones taken for one source: air them (once), or give them back unused. */
export interface LiveBroadcast {
  /** Airs `audio` until it ends, records it, keeps it as an item; the zones are given back when it ends. */
  air(audio: Readable, onStatus?: (status: BroadcastStatus) => void): Promise<LiveResult>;
  /** Gives the zones back without airing (the source left before sending audio). */
  release(): void;
}

/** A source that sends no audio this long after it starts is given up. */
const FIRST_AUDIO_MS = 10_000;
/** The longest a live entry may last (its slot; it ends earlier when the source stops). */
const LONGEST_MS = 6 * 3_600_000;

/** The container a source's Content-Type names (undefined: let ffmpeg probe). */
export function formatOf(contentType: string | undefined): string | undefined {
  const FORMAT_OF: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/ogg': 'ogg', 'application/ogg': 'ogg', 'audio/aac': 'aac', 'audio/aacp': 'aac', 'audio/webm': 'webm' };
  return FORMAT_OF[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
}

/** ffmpeg turning whatever the source sends (MP3, Ogg/Opus, WebM/Opus, AAC…) into the canonical frames, frame by frame as they come. */
function transcodeArgs(format: string | undefined): string[] {
  return ['-hide_banner', '-loglevel', 'error', '-probesize', '4096', '-analyzeduration', '0', ...(format ? ['-f', format] : []),
    '-i', 'pipe:0', '-vn', '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k', '-write_xing', '0', '-id3v2_version', '0',
    '-flush_packets', '1', '-f', 'mp3', 'pipe:1'];
}

/**
 * The one path of every live broadcast (issue 11, decisions §4 and §9), whatever its source (an
 * Icecast source client on a mount, the admin page's microphone): a byte stream transcoded as it
 * comes, aired on the zones' players (emergency level at once, priority level after the current
 * item), recorded, kept as an approved item of kind truc-tiep that is never planned, and written to
 * the audit log. A zone carries one live source at a time: a second one is refused (409).
 */
export function createBroadcaster(deps: BroadcasterDeps) {
  const { db, clock } = deps;
  const audit = createAuditLog({ db, clock });
  /** Player ids carrying a live source now. */
  const taken = new Set<string>();
  /** Broadcasts under way: a stopping daemon lets them keep their recordings before the database closes. */
  const airing = new Set<Promise<unknown>>();

  /** Throws 409 naming the zones (by name) when any of these players already carries a live source. */
  function refuseBusy(players: Map<string, string>): void {
    const busy = [...players.keys()].filter((p) => taken.has(p));
    if (!busy.length) return;
    const names = deps.zones().filter((z) => busy.includes(playerIdOf(z))).map((z) => z.name);
    throw new ApiError(409, 'live-zone-busy', { zones: names.join(', ') });
  }

  /** Waits for the first frames: the prebuffer, the end of the source, or the deadline (real time). */
  async function firstFrames(frames: LiveFrames, wanted: number): Promise<void> {
    for (const end = clock.now() + FIRST_AUDIO_MS; frames.frameCount < wanted && !frames.live.ended() && clock.now() < end;) {
      await new Promise((r) => setTimeout(r, 20));
    }
  }

  /** Tells the source when its entry starts on each player (a priority broadcast waits for the item on air). */
  function watchOnAir(key: string, onStatus: ((s: BroadcastStatus) => void) | undefined): { started(): boolean; stop(): void } {
    const heard = new Set<string>();
    const onStarted = (e: ItemStartedEvent) => {
      if (e.entry.key !== key) return;
      e.zones.forEach((z) => heard.add(z));
      onStatus?.({ state: 'on-air', zones: [...heard] });
    };
    deps.playout.events.on('item:started', onStarted);
    return { started: () => heard.size > 0, stop: () => void deps.playout.events.off('item:started', onStarted) };
  }

  function entryOf(id: string, plan: BroadcastPlan, title: string, unit: string | null, frames: LiveFrames): ProgrammeEntry {
    const emergency = plan.level === 'emergency';
    return {
      key: `live:${id}`, itemId: id, startMs: clock.now(), endMs: clock.now() + LONGEST_MS, window: null,
      source: emergency ? 'emergency' : 'programme', audioPath: frames.path, durationMs: LONGEST_MS,
      item: { title, kind: 'truc-tiep', topics: [], ceremonial: false, unit, priority: 'priority' },
      // A live emergency is never cut by a bulletin triggered while it speaks (decisions §4: it is one).
      ...(emergency && { emergency: { id: `live:${id}`, rank: Number.MAX_SAFE_INTEGER } }),
    };
  }

  /** Airs one broadcast to the end of its audio, records it and keeps it as an item. */
  async function air(plan: BroadcastPlan, audio: Readable, onStatus?: (s: BroadcastStatus) => void): Promise<LiveResult> {
    const id = newId('itm');
    const startedAt = clock.now();
    const file = join(deps.tmpDir, `${id}.live.mp3`);
    const frames = new LiveFrames(`live:${id}`, file);
    let item = newRecordingItem(id, plan.origin, plan.level, plan.user, startedAt);
    insertItem(db, item);
    const ffmpeg = spawn(deps.ffmpegPath, transcodeArgs(plan.format), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1000)));
    ffmpeg.stdin.on('error', () => {}); // the source may outlive a failed ffmpeg: its end is what counts
    audio.pipe(ffmpeg.stdin);
    const consumed = frames.consume(ffmpeg.stdout);
    const watch = watchOnAir(`live:${id}`, onStatus);
    const source = plan.origin.kind === 'mount' ? plan.origin.mount : 'browser';
    let reached: string[] = [];
    try {
      await firstFrames(frames, plan.prebufferFrames);
      if (frames.frameCount === 0 && !frames.live.ended()) {
        // Nothing came in time: stop reading, so the source is answered instead of held open for nothing.
        audio.unpipe(ffmpeg.stdin);
        ffmpeg.kill('SIGKILL');
      }
      if (frames.frameCount > 0) {
        reached = deps.playout.goLive([...plan.players.values()], entryOf(id, plan, item.title, item.unit, frames), frames);
        deps.log.warn({ source, user: plan.user.username, level: plan.level, zones: reached }, 'live broadcast on air');
        // No player heard it yet: a priority broadcast waits for the item on air (or playout is off: none will).
        if (!watch.started()) onStatus?.({ state: reached.length ? 'queued' : 'on-air', zones: reached });
      }
      await consumed;
    } finally {
      watch.stop();
      if (frames.frameCount === 0 && stderr) deps.log.warn({ source, stderr }, 'live source gave no audio');
      item = await keepRecording(item, { file, frameCount: frames.frameCount, durationMs: frames.durationMs }, plan.user, deps.audioDir, clock.now());
      const endedAt = clock.now();
      db.transaction(() => {
        saveItem(db, item);
        audit.record(plan.user, 'live.broadcast', { type: 'live', id: source }, null, {
          item: item.id, origin: plan.origin.kind, level: plan.level, reached, start: utcInstant(startedAt), end: utcInstant(endedAt), durationMs: item.durationMs,
        }, { zones: reached });
      })();
    }
    if (frames.frameCount === 0) throw new ApiError(422, 'live-no-audio', { seconds: FIRST_AUDIO_MS / 1000 });
    return { itemId: id, title: item.title, reached, durationMs: frames.durationMs };
  }

  return {
    refuseBusy,

    /** Resolves once every broadcast under way has kept its recording (their sources have ended), or after `maxMs`. */
    async settle(maxMs = 5000): Promise<void> {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, maxMs)));
      await Promise.race([Promise.allSettled([...airing]), late]);
      clearTimeout(timer);
    },

    /** Takes the players of `plan` for one source (409 when any carries one already) until it has aired or is released. */
    reserve(plan: BroadcastPlan): LiveBroadcast {
      refuseBusy(plan.players);
      const players = [...plan.players.keys()];
      players.forEach((p) => taken.add(p));
      let held = true;
      const giveBack = () => {
        if (held) players.forEach((p) => taken.delete(p));
        held = false;
      };
      let aired = false;
      return {
        air(audio, onStatus) {
          if (aired) throw new Error('a live broadcast airs once');
          aired = true;
          const done = air(plan, audio, onStatus).finally(giveBack);
          airing.add(done);
          void done.catch(() => {}).finally(() => airing.delete(done));
          return done;
        },
        // Once airing, the zones are given back when the broadcast ends, not before.
        release: () => void (aired || giveBack()),
      };
    },
  };
}

export type Broadcaster = ReturnType<typeof createBroadcaster>;
