/**
 * Head-ends as devices (issue 14): the registry, presence (last seen, online/offline), feeds and play
 * reports, wired once by the daemon. One timer, on the injected clock, judges silence, settles reports
 * that waited for their zone's airtime row to end, and forgets feed entries too old to be reported.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import type { Lang } from '../i18n/messages.ts';
import type { Db } from '../storage/db.ts';
import { pruneGivenEntries, recordGivenEntries, type DeviceRecord } from '../storage/devices.ts';
import type { StationEvents } from '../stationEvents.ts';
import { presentDevice, stateOf, type PresentedDevice } from './device.ts';
import { createFeedBuilder, type DeviceFeed } from './deviceFeed.ts';
import { createDevicePresence } from './devicePresence.ts';
import { createDeviceRegistry } from './deviceRegistry.ts';
import { readDeviceUptime, type DeviceUptime } from './deviceUptime.ts';
import { judgePlays, settleWaitingPlays, type JudgedPlays, type PlayReport } from './playReports.ts';

export interface DevicesDeps {
  db: Db;
  clock: Clock;
  events: StationEvents;
  log: Logger;
  zones: () => Zone[];
  audioDir: string;
  tz: string;
  /** Silence after which a monitored device is offline. */
  offlineMs: number;
  /** True while the airtime log holds this zone row's start in memory, the database having refused it (a report then waits for it). */
  owesRow: (zoneId: string, itemId: string, plannedStart: number) => boolean;
  /** When this run of the daemon began (slots over by then were aired by none of its players). */
  runSince: () => number;
}

/** How long a device may report a play after its slot (older given entries are forgotten). */
const REPORT_WINDOW_MS = 35 * 86_400_000;
const PRUNE_EVERY_MS = 3_600_000;

/** One device's state for /metrics. */
export interface DeviceSample {
  device: string;
  zone: string;
  kind: string;
  state: 'online' | 'offline' | 'not-monitored';
}

/** The devices' health: each device, and per zone how many are online, offline, not monitored. */
export interface DevicesHealth {
  offlineAfterSeconds: number;
  /** Monitored devices offline now (each is an alarm). */
  alarms: number;
  zones: { zone: string; devices: number; online: number; offline: number; notMonitored: number }[];
  devices: PresentedDevice[];
}

export function createDevices(deps: DevicesDeps) {
  const { db, clock, tz, log } = deps;
  const registry = createDeviceRegistry({ db, clock, zones: deps.zones });
  const presence = createDevicePresence({ db, clock, events: deps.events, offlineMs: deps.offlineMs, log });
  const feeds = createFeedBuilder({ db, audioDir: deps.audioDir, tz, zones: deps.zones });
  const checkEveryMs = Math.min(15_000, Math.max(1000, Math.floor(deps.offlineMs / 4)));
  let cancel: (() => void) | null = null;
  let prunedAt = 0;

  function tick(): void {
    try {
      presence.check();
      settleWaitingPlays(db, { now: clock.now(), tz, owesRow: deps.owesRow, runSince: deps.runSince() });
      if (clock.now() - prunedAt >= PRUNE_EVERY_MS) {
        prunedAt = clock.now();
        pruneGivenEntries(db, prunedAt - REPORT_WINDOW_MS);
      }
    } catch (err) {
      // The next check tries again: a busy database must not stop devices being watched.
      log.error({ err }, 'device check failed');
    }
  }

  function schedule(): void {
    cancel = clock.at(clock.now() + checkEveryMs, () => {
      tick();
      if (cancel) schedule();
    });
  }

  const present = (d: DeviceRecord): PresentedDevice => presentDevice(d, { tz, reaches: registry.reaches(d.zoneId), streams: presence.streams(d.id) });

  return {
    registry,
    presence,
    offlineMs: deps.offlineMs,
    present,

    /** Starts the periodic check (first one right away: states left from before a restart are judged). */
    start(): void {
      if (cancel) return;
      tick();
      schedule();
    },
    stop(): void {
      cancel?.();
      cancel = null;
    },
    /** Runs the check now (tests, and after a change that should show at once). */
    check: tick,

    /** The device's feed now; `give` records its entries as given (a full answer, not a 304). */
    feedOf(device: DeviceRecord): DeviceFeed {
      return feeds.build(device, clock.now());
    },
    give(device: DeviceRecord, feed: DeviceFeed): void {
      recordGivenEntries(db, device.id, feed.entries.map((e) => ({ itemId: e.itemId, startMs: e.startMs, endMs: e.endMs, source: e.source, window: e.window, sha256: e.sha256 })), clock.now());
    },

    /** Judges a device's play reports (each on its own) and brings the accepted ones into the airtime log. */
    reportPlays(device: DeviceRecord, reports: PlayReport[], lang: Lang): JudgedPlays {
      return judgePlays({ db, tz, now: clock.now(), lang, owesRow: deps.owesRow, runSince: deps.runSince() }, device, reports);
    },

    /** The device of `zoneId` whose key this is (a device key opens only its own zone's stream). */
    streamDevice(zoneId: string, key: string | undefined): DeviceRecord | undefined {
      const device = registry.byKey(key);
      return device && device.zoneId === zoneId ? device : undefined;
    },

    health(): DevicesHealth {
      const devices = registry.list().map(present);
      const zones = new Map<string, DevicesHealth['zones'][number]>();
      for (const d of devices) {
        const z = zones.get(d.zone) ?? { zone: d.zone, devices: 0, online: 0, offline: 0, notMonitored: 0 };
        z.devices++;
        if (d.state === 'online') z.online++;
        else if (d.state === 'offline') z.offline++;
        else z.notMonitored++;
        zones.set(d.zone, z);
      }
      return {
        offlineAfterSeconds: Math.round(deps.offlineMs / 1000),
        alarms: devices.filter((d) => d.alarm).length,
        zones: [...zones.values()],
        devices,
      };
    },

    /** Every device's state, for /metrics. */
    samples(): DeviceSample[] {
      return registry.list().map((d) => ({ device: d.id, zone: d.zoneId, kind: d.kind, state: stateOf(d) }));
    },

    /** Hours online and outages per device over a period (for the monthly report). */
    uptime(range: { fromMs: number; toMs: number }): DeviceUptime[] {
      return readDeviceUptime(db, range);
    },
  };
}

export type Devices = ReturnType<typeof createDevices>;
