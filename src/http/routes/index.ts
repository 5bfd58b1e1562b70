import type { FastifyInstance } from 'fastify';
import type { ServerDeps } from '../deps.ts';
import { registerAuthRoutes } from './auth.ts';
import { registerItemRoutes } from './items.ts';
import { registerPlanRoutes } from './plans.ts';
import { registerStationRoutes } from './station.ts';
import { registerSystemRoutes } from './system.ts';
import { registerUserRoutes } from './users.ts';

/** Every route of the daemon, one file per resource. */
export async function registerRoutes(app: FastifyInstance, deps: ServerDeps): Promise<void> {
  registerSystemRoutes(app, deps);
  registerAuthRoutes(app, deps);
  registerUserRoutes(app, deps);
  registerItemRoutes(app, deps);
  registerStationRoutes(app, deps.station);
  registerPlanRoutes(app, deps);
}
