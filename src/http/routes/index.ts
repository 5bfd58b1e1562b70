import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerTokenRoutes } from './tokens.ts';
import { registerItemRoutes } from './items.ts';
import { registerSpeechRoutes } from './speech.ts';
import { registerIngestRoutes } from './ingest.ts';
import { registerAirtimeRoutes } from './airtime.ts';
import { registerPlanRoutes } from './plans.ts';
import { registerPlayoutRoutes } from './playout.ts';
import { registerEmergencyRoutes } from './emergency.ts';
import { registerLiveRoutes } from './live.ts';
import { registerReportRoutes } from './reports.ts';
import { registerStreamRoutes } from './stream.ts';
import { registerListenRoutes } from './listen.ts';
import { registerStationRoutes } from './station.ts';
import { registerStationRevisionRoutes } from './stationRevisions.ts';
import { registerSystemRoutes } from './system.ts';
import { registerUserRoutes } from './users.ts';
import { registerDeviceRoutes } from './devices.ts';
import { registerCapRoutes } from './cap.ts';
import { registerPriorityOrderRoutes } from './priorityOrder.ts';
import { registerSourceRoutes } from './sources.ts';
import { registerRelayRoutes } from './relays.ts';

/** Every route of the daemon, one file per resource. */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerSystemRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerSpeechRoutes(app, deps);
  registerIngestRoutes(app, deps);
  registerStationRoutes(app, deps.station);
  registerStationRevisionRoutes(app, deps.station);
  registerPlanRoutes(app, deps);
  registerPriorityOrderRoutes(app, deps);
  registerSourceRoutes(app, deps);
  registerRelayRoutes(app, deps);
  registerPlayoutRoutes(app, deps);
  registerEmergencyRoutes(app, { emergency: deps.emergency, tz: deps.config.tz });
  registerLiveRoutes(app, { db: deps.db, clock: deps.clock, live: deps.live, zones: () => deps.station.zones() });
  registerCapRoutes(app, deps);
  registerListenRoutes(app, deps);
  registerStreamRoutes(app, {
    mounts: (zone) => deps.playout.mount(zone),
    admitsListenPass: (zone, pass) => deps.listenPasses.admits(zone, pass, deps.clock.now(), (id) => deps.accounts.tokenLive(id)),
    admitsDevice: (zone, key) => {
      const device = deps.devices.streamDevice(zone, key);
      return device && { seen: () => deps.devices.presence.seen(device, 'stream'), connected: () => deps.devices.presence.streamOpened(device) };
    },
  });
  registerDeviceRoutes(app, { db: deps.db, clock: deps.clock, devices: deps.devices, tz: deps.config.tz, audioDir: deps.config.audioDir });
  registerAirtimeRoutes(app, { db: deps.db, tz: deps.config.tz });
  registerReportRoutes(app, { db: deps.db, tz: deps.config.tz, stationName: deps.config.stationName, clock: deps.clock });
}
