import type { Logger } from 'pino';
import type { Accounts } from '../access/accounts.ts';
import type { ListenPasses } from '../access/listenPasses.ts';
import type { LoginLimiter } from '../access/loginLimiter.ts';
import type { Clock } from '../clock.ts';
import type { Config } from '../config.ts';
import type { IngestQueue } from '../library/ingestQueue.ts';
import type { ItemService } from '../library/itemService.ts';
import type { ReviewService } from '../review/reviewService.ts';
import type { Db } from '../storage/db.ts';
import type { StationEvents } from '../stationEvents.ts';
import type { StationService } from '../station/stationService.ts';
import type { PlanService } from '../scheduling/planService.ts';
import type { Playout } from '../playout/playoutService.ts';
import type { Metrics } from './metrics.ts';

/** Everything the HTTP layer needs, wired once in main.ts (or by tests with a fake clock). */
export interface ServerDeps {
  config: Config;
  log: Logger;
  db: Db;
  clock: Clock;
  events: StationEvents;
  accounts: Accounts;
  items: ItemService;
  review: ReviewService;
  station: StationService;
  plans: PlanService;
  playout: Playout;
  ingest: IngestQueue;
  metrics: Metrics;
  /** ffmpeg as resolved at start-up (for /healthz). */
  ffmpeg: { path: string; source: string; version: string };
  /** Where uploads wait for ingest. */
  incomingDir: string;
}

/** Per-server state the routes share: login backoff and the «Nghe thử» listen passes (memory only). */
export interface RouteDeps extends ServerDeps {
  loginLimiter: LoginLimiter;
  listenPasses: ListenPasses;
}
