import type { FastifyInstance } from 'fastify';
import type { RouteDeps } from '../deps.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerAuditRoutes } from './audit.ts';
import { registerTokenRoutes } from './tokens.ts';
import { registerItemRoutes } from './items.ts';
import { registerIngestRoutes } from './ingest.ts';
import { registerAirtimeRoutes } from './airtime.ts';
import { registerPlanRoutes } from './plans.ts';
import { registerPlayoutRoutes } from './playout.ts';
import { registerReportRoutes } from './reports.ts';
import { registerStreamRoutes } from './stream.ts';
import { registerListenRoutes } from './listen.ts';
import { registerStationRoutes } from './station.ts';
import { registerSystemRoutes } from './system.ts';
import { registerUserRoutes } from './users.ts';

/** Every route of the daemon, one file per resource. */
export async function registerRoutes(app: FastifyInstance, deps: RouteDeps): Promise<void> {
  registerSystemRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerAuditRoutes(app, deps);
  registerTokenRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerIngestRoutes(app, deps);
  registerStationRoutes(app, deps.station);
  registerPlanRoutes(app, deps);
  registerPlayoutRoutes(app, deps);
  registerListenRoutes(app, deps);
  registerStreamRoutes(app, {
    mounts: (zone) => deps.playout.mount(zone),
    admitsListenPass: (zone, pass) => deps.listenPasses.admits(zone, pass, deps.clock.now(), (id) => deps.accounts.tokenLive(id)),
  });
  registerAirtimeRoutes(app, { db: deps.db, tz: deps.config.tz });
  registerReportRoutes(app, { db: deps.db, tz: deps.config.tz, stationName: deps.config.stationName, clock: deps.clock });
}
