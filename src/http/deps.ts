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
import type { PlanRunner } from '../scheduling/planRunner.ts';
import type { Playout } from '../playout/playoutService.ts';
import type { EmergencyService } from '../emergency/emergencyTypes.ts';
import type { LiveService } from '../live/liveService.ts';
import type { Metrics } from './metrics.ts';
import type { Speech } from '../speech/speechService.ts';
import type { Devices } from '../devices/deviceService.ts';
import type { CapService } from '../cap/capService.ts';
import type { CapFeeds } from '../cap/capFeeds.ts';
import type { RelaySettings } from '../scheduling/relaySettings.ts';
import type { SourceHealthReader } from './routes/sources.ts';

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
  plans: PlanRunner;
  playout: Playout;
  /** Emergency bulletins (src/emergency/): the one path of the API, CAP and live broadcasts. */
  emergency: EmergencyService;
  /** Live broadcasts from source clients (src/live/). */
  live: LiveService;
  ingest: IngestQueue;
  /** Speech from text (src/speech/): `available()`, `render()`, `preview()`, `createSpeechItem()`. */
  speech: Speech;
  metrics: Metrics;
  /** Head-end devices: registry, presence, feeds, play reports. */
  devices: Devices;
  /** CAP 1.2 alerts (src/cap/): posted or polled, one path to the air. */
  cap: CapService;
  /** The CAP feed poller (its feeds' state for GET /api/cap/feeds). */
  capFeeds: Pick<CapFeeds, 'status'>;
  /** Relay sources and relays (tiếp âm): the fixed events the planner plans items around. */
  relaySettings: RelaySettings;
  /** Each relay source's health, from the relay sources' watcher (GET /api/sources); absent: health null. */
  sourceHealth?: SourceHealthReader;
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
