import { spawn } from 'node:child_process';
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Accounts } from '../access/accounts.ts';
import { can } from '../access/roles.ts';
import { createAuditLog } from '../audit/auditLog.ts';
import { utcInstant } from '../audit/snapshots.ts';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import { resolveTargets, isTargetProblem } from '../emergency/targets.ts';
import { ApiError } from '../errors.ts';
import { newId } from '../ids.ts';
import { storeAudio } from '../library/audioStore.ts';
import { LiveFrames } from '../playout/liveFrames.ts';
import type { Playout } from '../playout/playoutService.ts';
import type { ProgrammeEntry } from '../playout/programme.ts';
import type { Db } from '../storage/db.ts';
import { getItem, insertItem, saveItem, type ItemRecord } from '../storage/items.ts';
import { listLiveMounts, type LiveMount } from '../storage/liveMounts.ts';
import type { UserRecord } from '../storage/users.ts';

export interface LiveDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  accounts: Pick<Accounts, 'authenticate'>;
  playout: Pick<Playout, 'goLive'>;
  zones: () => Zone[];
  ffmpegPath: string;
  audioDir: string;
  tmpDir: string;
}

/** What a finished broadcast answers its source client. */
export interface LiveResult {
  itemId: string;
  reached: string[];
  durationMs: number;
}

/** Frames to have before going on air (~100 ms): a little slack against the source's jitter. */
const PREBUFFER_FRAMES = 4;
/** A source that sends no audio this long after connecting is given up. */
const FIRST_AUDIO_MS = 10_000;
/** The longest a live entry may last (its slot; it ends earlier when the source stops). */
const LONGEST_MS = 6 * 3_600_000;

/** The container a source's Content-Type names, so ffmpeg need not wait to probe a live input. */
const FORMAT_OF: Record<string, string> = { 'audio/mpeg': 'mp3', 'audio/mp3': 'mp3', 'audio/ogg': 'ogg', 'application/ogg': 'ogg', 'audio/aac': 'aac', 'audio/aacp': 'aac', 'audio/webm': 'webm' };

/** ffmpeg turning whatever the source client sends (MP3, Ogg/Opus, AAC…) into the canonical frames, frame by frame as they come. */
function transcodeArgs(contentType: string | undefined): string[] {
  const format = FORMAT_OF[(contentType ?? '').split(';')[0]!.trim().toLowerCase()];
  return ['-hide_banner', '-loglevel', 'error', '-probesize', '4096', '-analyzeduration', '0', ...(format ? ['-f', format] : []),
    '-i', 'pipe:0', '-vn', '-ac', '1', '-ar', '44100', '-c:a', 'libmp3lame', '-b:a', '96k', '-write_xing', '0', '-id3v2_version', '0',
    '-flush_packets', '1', '-f', 'mp3', 'pipe:1'];
}

/**
 * Live broadcasts from Icecast source clients (issue 11, decisions §9): `PUT /live/<mount>` with a
 * Loa username and one of that user's API tokens. The audio is transcoded as it comes, aired on the
 * mount's zones (emergency level at once, priority level after the current item), recorded, and kept
 * as an approved item of kind truc-tiep that is never planned.
 */
export function createLiveService(deps: LiveDeps) {
  const { db, clock } = deps;
  const audit = createAuditLog({ db, clock });
  const busy = new Set<string>();

  /** The user of a Basic `username:token` header who may broadcast, or null (a 401 for the route). */
  function sourceUser(authorization: string | undefined): UserRecord | null {
    const m = /^Basic\s+(\S+)$/i.exec(authorization ?? '');
    if (!m) return null;
    const decoded = Buffer.from(m[1]!, 'base64').toString('utf8');
    const colon = decoded.indexOf(':');
    const session = colon > 0 ? deps.accounts.authenticate(decoded.slice(colon + 1)) : null;
    if (!session || session.user.username !== decoded.slice(0, colon)) return null;
    if (session.scopes && !session.scopes.includes('live:broadcast')) return null;
    return session.user;
  }

  /** The recording as an item: approved by its speaker, valid until it began (never planned). */
  function newRecordingItem(id: string, mount: LiveMount, user: UserRecord, now: number): ItemRecord {
    return {
      id, title: `Phát trực tiếp: ${mount.mount} — ${user.username}`, kind: 'truc-tiep', topics: [], ceremonial: false, unit: user.unit,
      priority: 'priority', validFrom: null, validUntil: now, note: `Phát trực tiếp qua điểm «${mount.mount}» (${mount.level})`, status: 'processing',
      failureReason: null, durationMs: null, audioSha256: null, originalName: `live-${mount.mount}.mp3`, loudnessBefore: null, loudnessAfter: null,
      incomingPath: null, submittedBy: user.id, reviewedBy: null, reviewedAt: null, reviewNote: null, approvedAt: null, createdAt: now, updatedAt: now,
    };
  }

  async function keepRecording(item: ItemRecord, frames: LiveFrames, file: string, user: UserRecord): Promise<ItemRecord> {
    const now = clock.now();
    if (frames.frameCount === 0) {
      rmSync(file, { force: true });
      return { ...item, status: 'failed', failureReason: 'the source sent no audio', updatedAt: now };
    }
    const stored = await storeAudio(deps.audioDir, file);
    return {
      ...item, status: 'approved', durationMs: frames.durationMs, audioSha256: stored.sha256, reviewedBy: user.id, reviewedAt: now,
      reviewNote: 'phát trực tiếp', approvedAt: now, updatedAt: now,
    };
  }

  return {
    mounts: () => listLiveMounts(db),
    sourceUser,

    /**
     * Takes a mount for one source client, before any audio is read: refuses (ApiError) an unknown
     * mount (404), a user who may not broadcast (403) and a busy mount (403 "mount in use", as Icecast
     * answers). The mount stays taken until the broadcast has ended.
     */
    open(mountName: string, user: UserRecord, contentType?: string): { broadcast(body: Readable): Promise<LiveResult> } {
      const mount = listLiveMounts(db).find((m) => m.mount === mountName);
      if (!mount) throw new ApiError(404, 'live-mount-unknown', { mount: mountName });
      if (!can(user.role, 'live:broadcast')) throw new ApiError(403, 'forbidden', { role: user.role });
      if (busy.has(mount.mount)) throw new ApiError(403, 'live-mount-busy', { mount: mount.mount });
      const targets = resolveTargets(deps.zones(), mount.zones);
      if (isTargetProblem(targets)) throw new ApiError(409, 'live-mount-no-zone', { mount: mount.mount });
      busy.add(mount.mount);
      return { broadcast: (body) => broadcast(mount, targets.players, user, body, contentType).finally(() => busy.delete(mount.mount)) };
    },
  };

  /** Airs one source client's broadcast to its end, records it and keeps it as an item. */
  async function broadcast(mount: LiveMount, players: Map<string, string>, user: UserRecord, body: Readable, contentType: string | undefined): Promise<LiveResult> {
    const id = newId('itm');
    const startedAt = clock.now();
    const file = join(deps.tmpDir, `${id}.live.mp3`);
    const frames = new LiveFrames(`live:${id}`, file);
    let item = newRecordingItem(id, mount, user, startedAt);
    insertItem(db, item);
    const ffmpeg = spawn(deps.ffmpegPath, transcodeArgs(contentType), { stdio: ['pipe', 'pipe', 'pipe'] });
    let stderr = '';
    ffmpeg.stderr.on('data', (d: Buffer) => (stderr = (stderr + d.toString()).slice(-1000)));
    ffmpeg.stdin.on('error', () => {}); // the source may outlive a failed ffmpeg: its end is what counts
    body.pipe(ffmpeg.stdin);
    const consumed = frames.consume(ffmpeg.stdout);
    let reached: string[] = [];
    try {
      for (const end = clock.now() + FIRST_AUDIO_MS; frames.frameCount < PREBUFFER_FRAMES && !frames.live.ended() && clock.now() < end;) {
        await new Promise((r) => setTimeout(r, 20));
      }
      if (frames.frameCount > 0) {
        const entry: ProgrammeEntry = {
          key: `live:${id}`, itemId: id, startMs: clock.now(), endMs: clock.now() + LONGEST_MS, window: null,
          source: mount.level === 'emergency' ? 'emergency' : 'programme', audioPath: frames.path, durationMs: LONGEST_MS,
          item: { title: item.title, kind: 'truc-tiep', topics: [], ceremonial: false, unit: item.unit, priority: 'priority' },
          // A live emergency is never cut by a bulletin triggered while it speaks (decisions §4: it is one).
          ...(mount.level === 'emergency' && { emergency: { id: `live:${id}`, rank: Number.MAX_SAFE_INTEGER } }),
        };
        reached = deps.playout.goLive([...players.values()], entry, frames);
        deps.log.warn({ mount: mount.mount, user: user.username, level: mount.level, zones: reached }, 'live broadcast on air');
      }
      await consumed;
    } finally {
      if (frames.frameCount === 0 && stderr) deps.log.warn({ mount: mount.mount, stderr }, 'live source gave no audio');
      item = await keepRecording(item, frames, file, user);
      const endedAt = clock.now();
      db.transaction(() => {
        saveItem(db, item);
        audit.record(user, 'live.broadcast', { type: 'live', id: mount.mount }, null, {
          item: item.id, level: mount.level, reached, start: utcInstant(startedAt), end: utcInstant(endedAt), durationMs: item.durationMs,
        }, { zones: reached });
      })();
    }
    return { itemId: getItem(db, id)!.id, reached, durationMs: frames.durationMs };
  }
}

export type LiveService = ReturnType<typeof createLiveService>;
