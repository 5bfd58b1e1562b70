import type { Readable } from 'node:stream';
import type { Logger } from 'pino';
import type { Accounts } from '../access/accounts.ts';
import { can } from '../access/roles.ts';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import { isTargetProblem, resolveTargets, type BulletinTargets } from '../emergency/targets.ts';
import { ApiError } from '../errors.ts';
import type { Playout } from '../playout/playoutService.ts';
import type { Db } from '../storage/db.ts';
import { listLiveMounts } from '../storage/liveMounts.ts';
import type { UserRecord } from '../storage/users.ts';
import { createBroadcaster, formatOf, type LiveBroadcast, type LiveResult } from './broadcaster.ts';
import { createLiveTickets, type MicRequest } from './liveTickets.ts';

export type { LiveResult } from './broadcaster.ts';

export interface LiveDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  accounts: Pick<Accounts, 'authenticate'>;
  playout: Pick<Playout, 'goLive' | 'events'>;
  zones: () => Zone[];
  ffmpegPath: string;
  audioDir: string;
  tmpDir: string;
}

/** Frames a source client's broadcast gathers before going on air (~100 ms): its audio comes evenly. */
const MOUNT_PREBUFFER_FRAMES = 4;
/**
 * Frames the microphone's broadcast gathers first (~400 ms): the browser sends its recording in
 * chunks (every 100 ms) over a network that may stall a moment, and a player that runs out airs a gap.
 */
const MIC_PREBUFFER_FRAMES = 15;

/**
 * Live broadcasts (issue 11, decisions §4, §9) from their two entrances, both aired by the one
 * broadcaster: Icecast source clients (`PUT /live/<mount>` with a Loa username and one of that
 * user's API tokens) on the mount's zones at its level, and the admin page's microphone on the
 * zones and level the speaker chose (a ticket from a CSRF-protected POST, then a WebSocket).
 */
export function createLiveService(deps: LiveDeps) {
  const { db } = deps;
  const broadcaster = createBroadcaster(deps);
  const tickets = createLiveTickets(deps.clock);
  const busyMounts = new Set<string>();

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

  /** The players of the zones the microphone is aimed at: 400 naming the field for an unknown zone or none enabled. */
  function micTargets(zones: string[]): BulletinTargets {
    const targets = resolveTargets(deps.zones(), zones);
    if (!isTargetProblem(targets)) return targets;
    throw targets.problem === 'unknown'
      ? new ApiError(400, 'unknown-zone', { id: targets.id }, [{ field: targets.field }])
      : new ApiError(400, 'emergency-no-zone', { id: targets.id }, [{ field: targets.field }]);
  }

  function refuseRole(user: UserRecord): void {
    if (!can(user.role, 'live:broadcast')) throw new ApiError(403, 'forbidden', { role: user.role });
  }

  return {
    mounts: () => listLiveMounts(db),
    sourceUser,

    /** For a stopping daemon, after the HTTP server has closed (which ends every source): waits for the recordings to be kept. */
    stop: () => broadcaster.settle(),

    /**
     * Takes a mount for one source client, before any audio is read: refuses (ApiError) an unknown
     * mount (404), a user who may not broadcast (403), a busy mount (403 "mount in use", as Icecast
     * answers) and zones another live source holds (409). The mount stays taken until the broadcast has ended.
     */
    open(mountName: string, user: UserRecord, contentType?: string): { broadcast(body: Readable): Promise<LiveResult> } {
      const mount = listLiveMounts(db).find((m) => m.mount === mountName);
      if (!mount) throw new ApiError(404, 'live-mount-unknown', { mount: mountName });
      refuseRole(user);
      if (busyMounts.has(mount.mount)) throw new ApiError(403, 'live-mount-busy', { mount: mount.mount });
      const targets = resolveTargets(deps.zones(), mount.zones);
      if (isTargetProblem(targets)) throw new ApiError(409, 'live-mount-no-zone', { mount: mount.mount });
      const live = broadcaster.reserve({
        user, level: mount.level, origin: { kind: 'mount', mount: mount.mount }, players: targets.players, format: formatOf(contentType), prebufferFrames: MOUNT_PREBUFFER_FRAMES,
      });
      busyMounts.add(mount.mount);
      return { broadcast: (body) => live.air(body).finally(() => busyMounts.delete(mount.mount)) };
    },

    /**
     * The first step of a broadcast from the admin page's microphone: checks the zones (400 naming
     * the field), the role (403) and that no other live source holds them (409), and gives a one-time
     * ticket for the WebSocket (see liveTickets.ts), with every zone the broadcast will reach.
     */
    issueMicTicket(user: UserRecord, request: MicRequest): { ticket: string; expiresAt: number; reached: string[] } {
      refuseRole(user);
      const targets = micTargets(request.zones);
      broadcaster.refuseBusy(targets.players);
      return { ...tickets.issue(user.id, request), reached: targets.reached };
    },

    /** The request of a ticket issued to `user`, spent now; 403 when it is unknown, used, expired or someone else's. */
    redeemMicTicket(ticket: string, user: UserRecord): MicRequest {
      const request = tickets.redeem(ticket, user.id);
      if (!request) throw new ApiError(403, 'live-ticket-invalid');
      return request;
    },

    /** Takes the zones for the microphone's broadcast (checked again: they may have changed since the ticket); 400, 403 or 409 as for the ticket. */
    openMicrophone(user: UserRecord, request: MicRequest): LiveBroadcast & { reached: string[] } {
      refuseRole(user);
      const targets = micTargets(request.zones);
      const live = broadcaster.reserve({
        user, level: request.level, origin: { kind: 'browser' }, players: targets.players, format: request.format, prebufferFrames: MIC_PREBUFFER_FRAMES,
      });
      return { air: live.air, release: live.release, reached: targets.reached };
    },
  };
}

export type LiveService = ReturnType<typeof createLiveService>;
