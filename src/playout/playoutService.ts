import { EventEmitter } from 'node:events';
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import type { Db } from '../storage/db.ts';
import { createAirtimeRecorder } from '../storage/airtime.ts';
import { airtimeHealth, type AirtimeHealth } from './airtimeHealth.ts';
import { createAirtimeJournal } from './airtimeJournal.ts';
import { createFrameLoader, type FrameSource } from './frameSource.ts';
import { createHttpMount, type HttpMount } from './httpMount.ts';
import { createIcecastPush } from './icecastPush.ts';
import type { OutputDriver, OutputHealth } from './output.ts';
import type { PlayoutEvents } from './playoutEvents.ts';
import type { ProgrammeEntry } from './programme.ts';
import { createPlanSource } from './planSource.ts';
import { createRtpOutput } from './rtpOutput.ts';
import { createRelayFeeds, type RelayFeedsOptions } from '../relay/relayFeeds.ts';
import { createZonePlayer, type NowPlaying, type ZonePlayer } from './zonePlayer.ts';

export interface PlayoutDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  audioDir: string;
  ffmpegPath: string;
  silenceFrame: Buffer;
  zones: () => Zone[];
  /** Station time zone: airtime rows carry their local date for the report summaries. */
  tz: string;
  sendAheadMs?: number;
  /** Relay feeds' timings and, in tests, their pull (see RelayFeedsOptions). */
  relays?: Pick<RelayFeedsOptions, 'startPull' | 'preRollMs' | 'latencyMs' | 'backoff'>;
}

/**
 * Output health as zone health shows it; `airtimeWritesPending` counts the zone's airtime writes the
 * database has not taken yet (an alarm while above 0: see airtimeJournal.ts).
 */
export type ZoneHealth = { zone: string; player: string; outputs: OutputHealth[]; silenceAlarm: boolean; airtimeWritesPending: number };

/** How long an airtime write may wait for another connection's lock; past it the journal keeps and retries it. */
const AIRTIME_BUSY_TIMEOUT_MS = 100;

/** Players share programmes by group: the player id of a zone is its group's, or its own. */
export const playerIdOf = (z: Zone) => (z.group ? `group:${z.group}` : z.id);

/**
 * All zone players of the station and their outputs. One player per zone or per group sharing a
 * programme; every player event is re-emitted on `events` for the SSE stream and metrics.
 */
export function createPlayout(deps: PlayoutDeps) {
  const { log } = deps;
  const events = new EventEmitter<PlayoutEvents>();
  interface Running { player: ZonePlayer; zones: string[]; outputsByZone: Map<string, OutputDriver[]>; mounts: Map<string, HttpMount>; signature: string }
  const players = new Map<string, Running>();
  /** What a player was built from: a change means it must be rebuilt. */
  const signatureOf = (members: Zone[]) => JSON.stringify(members.map((z) => [z.id, z.name, z.outputs]));
  const alarms = new Set<string>();
  const loadFrames = createFrameLoader();
  // Players write through the journal: a write the database refuses is kept and retried, never dropped.
  const airtime = createAirtimeJournal({
    recorder: createAirtimeRecorder(deps.db, deps.tz, { busyTimeoutMs: AIRTIME_BUSY_TIMEOUT_MS }),
    clock: deps.clock,
    log: log.child({ module: 'airtime' }),
  });
  const membersOf = new Map<string, string[]>();
  const source = createPlanSource(deps.db, deps.audioDir, (id) => membersOf.get(id) ?? []);
  // One feed per relay airing, shared by every player airing it: a relay on many zones pulls its source once.
  const relayFeeds = createRelayFeeds({
    clock: deps.clock, log, silenceFrame: deps.silenceFrame, loadFrames, ffmpegPath: deps.ffmpegPath, sendAheadMs: deps.sendAheadMs ?? 0,
    // A relay dropped from every player's programme (deleted, re-planned) stops pulling its source.
    stillPlanned: (e) => [...players.keys()].some((id) => source.entriesBetween(id, e.startMs, e.startMs + 1).some((x) => x.key === e.key)),
    ...deps.relays,
  });

  function outputsFor(zone: Zone, mounts: Map<string, HttpMount>): OutputDriver[] {
    const outs: OutputDriver[] = [];
    for (const o of zone.outputs) {
      const common = { clock: deps.clock, log: log.child({ zone: zone.id }), silenceFrame: deps.silenceFrame };
      if (o.type === 'http') {
        const mount = createHttpMount({ ...common, zoneId: zone.id, name: zone.name, idle: o.idle, key: o.key });
        mounts.set(zone.id, mount);
        outs.push(mount);
      } else if (o.type === 'icecast') {
        outs.push(createIcecastPush({ ...common, url: o.url, name: o.name ?? zone.name, backoff: { initialMs: 1000, maxMs: 30_000 } }));
      } else {
        outs.push(createRtpOutput({ ...common, address: o.address, port: o.port, ttl: o.ttl, codec: o.codec, ffmpegPath: deps.ffmpegPath }));
      }
    }
    return outs;
  }

  async function startPlayer(id: string, members: Zone[]): Promise<void> {
    const mounts = new Map<string, HttpMount>();
    // Each member zone keeps its own outputs (its own mount and head-ends); all carry the one programme.
    // The player is told whose they are: a zone's airtime row lists only its own outputs that carried the play.
    const outputsByZone = new Map(members.map((z) => [z.id, outputsFor(z, mounts)]));
    membersOf.set(id, members.map((z) => z.id));
    const player = createZonePlayer({
      id, zones: members.map((z) => z.id), source, outputs: outputsByZone, airtime, clock: deps.clock,
      log: log.child({ player: id }), silenceFrame: deps.silenceFrame, loadFrames, sendAheadMs: deps.sendAheadMs ?? 0,
      openRelay: (entry) => relayFeeds.open(entry),
    });
    player.on('item:started', (e) => (alarms.delete(id), events.emit('item:started', e)));
    player.on('item:ended', (e) => events.emit('item:ended', e));
    player.on('idle', (e) => events.emit('idle', e));
    player.on('silence-alarm', (e) => (alarms.add(id), events.emit('silence-alarm', e)));
    players.set(id, { player, zones: members.map((z) => z.id), outputsByZone, mounts, signature: signatureOf(members) });
    await player.start();
  }

  /** Groups the enabled zones by player id. */
  function groups(): Map<string, Zone[]> {
    const byPlayer = new Map<string, Zone[]>();
    for (const z of deps.zones().filter((zone) => zone.enabled)) {
      const id = playerIdOf(z);
      byPlayer.set(id, [...(byPlayer.get(id) ?? []), z]);
    }
    return byPlayer;
  }

  async function stopPlayer(id: string): Promise<void> {
    const p = players.get(id);
    if (!p) return;
    players.delete(id);
    await p.player.stop();
  }

  return {
    events,

    /** Starts a player for every enabled zone or group. */
    async start(): Promise<void> {
      for (const [id, members] of groups()) await startPlayer(id, members);
      log.info({ players: players.size }, 'playout started');
    },

    /** After zone edits: players whose zones or outputs changed are restarted, others keep playing. */
    async resync(): Promise<void> {
      const wanted = groups();
      for (const [id, running] of [...players]) {
        const members = wanted.get(id);
        if (!members || signatureOf(members) !== running.signature) await stopPlayer(id);
      }
      for (const [id, members] of wanted) if (!players.has(id)) await startPlayer(id, members);
    },

    /** A new plan replaces the remaining entries whole (the airing one finishes). */
    reload(zones?: string[]): void {
      for (const [, p] of players) if (!zones || p.zones.some((z) => zones.includes(z))) p.player.reload();
    },

    /**
     * A hand-made entry or a bulletin starting at `atMs` takes the air at once, on every player of the
     * zones together: the item on air is cut (logged 'preempted') instead of finishing first, and the
     * entry goes out in the very next frame slot rather than at the next batch. A bulletin goes first
     * when both start then.
     */
    async cutIn(zoneIds: string[], atMs: number): Promise<void> {
      const starts = [...players].filter(([, p]) => p.zones.some((z) => zoneIds.includes(z))).map(([id, p]) => {
        const due = source.entriesBetween(id, atMs, atMs + 1).filter((e) => e.source !== 'plan' && e.startMs === atMs);
        const entry = due.find((e) => e.emergency) ?? due[0];
        return entry && entry.key !== p.player.nowPlaying().entry?.key ? p.player.preempt(entry) : Promise.resolve();
      });
      await Promise.all(starts);
    },

    /** Airs a live source on the players of these zones (see ZonePlayer.goLive); returns the zones that hear it. */
    goLive(zoneIds: string[], entry: ProgrammeEntry, frames: FrameSource): string[] {
      const reached: string[] = [];
      for (const p of players.values()) {
        if (!p.zones.some((z) => zoneIds.includes(z))) continue;
        p.player.goLive(entry, frames);
        reached.push(...p.zones);
      }
      return reached;
    },

    /** Ends the airing entry of every player that `match` picks (a cancelled bulletin); the programme goes on at once. */
    withdraw(match: (entry: ProgrammeEntry) => boolean, detail: string): void {
      for (const p of players.values()) p.player.withdraw(match, detail);
    },

    playerOfZone(zoneId: string): ZonePlayer | undefined {
      for (const p of players.values()) if (p.zones.includes(zoneId)) return p.player;
      return undefined;
    },

    mount(zoneId: string): HttpMount | undefined {
      for (const p of players.values()) {
        const m = p.mounts.get(zoneId);
        if (m) return m;
      }
      return undefined;
    },

    nowPlaying(zoneId: string): NowPlaying | null {
      return this.playerOfZone(zoneId)?.nowPlaying() ?? null;
    },

    health(): ZoneHealth[] {
      const out: ZoneHealth[] = [];
      const pending = airtime.pendingByZone();
      for (const [id, p] of players) {
        for (const zone of p.zones) {
          out.push({
            zone, player: id, outputs: (p.outputsByZone.get(zone) ?? []).map((o) => o.health()), silenceAlarm: alarms.has(id),
            airtimeWritesPending: pending.get(zone) ?? 0,
          });
        }
      }
      return out;
    },

    /** The airtime log's writes: not ok (an alarm, with a sentence) while any wait for the database. */
    airtimeHealth(): AirtimeHealth {
      return airtimeHealth(airtime.status(), deps.tz);
    },

    /** True while the zone's row of this planned play waits in memory for the database (device reports wait for it). */
    owesAirtimeRow(zoneId: string, itemId: string, plannedStart: number): boolean {
      return airtime.owesRow(zoneId, itemId, plannedStart);
    },

    /** Relay airings under way (or pulling ahead of their start): what aired so far. */
    relays() {
      return relayFeeds.active();
    },

    /** Stops every player, then writes what the airtime log still holds; what cannot be written is logged. */
    async stop(): Promise<void> {
      for (const id of [...players.keys()]) await stopPlayer(id);
      relayFeeds.stop();
      airtime.close();
    },
  };
}

export type Playout = ReturnType<typeof createPlayout>;
