import { mkdirSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join, resolve } from 'node:path';
import type { FastifyInstance } from 'fastify';
import type { Logger } from 'pino';
import { createAccounts } from './access/accounts.ts';
import type { Clock } from './clock.ts';
import type { Config } from './config.ts';
import { resolveFfmpeg, type FfmpegBinaries } from './library/ffmpegBinary.ts';
import { createIngestQueue } from './library/ingestQueue.ts';
import { createItemService } from './library/itemService.ts';
import { createReviewService } from './review/reviewService.ts';
import { createStationService } from './station/stationService.ts';
import { createMetrics } from './http/metrics.ts';
import { buildServer } from './http/server.ts';
import { openDatabase, type Db } from './storage/db.ts';
import { countItemsByStatus, listProcessingItems } from './storage/items.ts';
import { findUserByName } from './storage/users.ts';
import { createPlanService } from './scheduling/planService.ts';
import { startReplanScheduler } from './scheduling/replanScheduler.ts';
import { loadDemo } from './demo/loadDemo.ts';
import { decideDemo, describeSkippedDemo } from './demo/demoPolicy.ts';
import { closeInterrupted } from './storage/airtime.ts';
import { createPlayout, type Playout } from './playout/playoutService.ts';
import { encodeSilenceFrame } from './playout/silence.ts';
import { airtimeLogCheck } from './playout/airtimeHealth.ts';
import { StationEvents } from './stationEvents.ts';

export interface Daemon {
  app: FastifyInstance;
  db: Db;
  events: StationEvents;
  ffmpeg: FfmpegBinaries;
  /** The admin's random first password when this start created it (shown once at start-up). */
  firstAdminPassword?: string;
  /** Stops accepting work, stops jobs (interrupted ones resume at next start), closes the DB. */
  stop(): Promise<void>;
}

const countItems = (db: Db) => Object.values(countItemsByStatus(db)).reduce((a, b) => a + b, 0);

/** Removes uploads that no processing item points at (left by a crash mid-request). */
function sweepIncoming(db: Db, incomingDir: string, log: Logger): void {
  const wanted = new Set(listProcessingItems(db).map((i) => i.incomingPath));
  for (const name of readdirSync(incomingDir)) {
    const path = join(incomingDir, name);
    if (!wanted.has(path)) {
      rmSync(path, { force: true });
      log.info({ path }, 'removed an orphan upload');
    }
  }
}

/**
 * The composition root: config → db → services → http. Everything is built here and passed down;
 * tests call this with a temp dir and their own clock.
 */
export async function startDaemon(config: Config, opts: { clock: Clock; log: Logger; env?: NodeJS.ProcessEnv; listen?: boolean }): Promise<Daemon> {
  const { clock, log } = opts;
  const ffmpeg = await resolveFfmpeg(opts.env ?? process.env, { log: log.child({ module: 'ffmpeg' }) });
  log.info({ ffmpeg: ffmpeg.ffmpegPath, source: ffmpeg.source, version: ffmpeg.version }, 'ffmpeg found');

  const dataDir = resolve(config.dataDir);
  const audioDir = resolve(config.audioDir);
  const incomingDir = join(dataDir, 'incoming');
  const tmpDir = join(dataDir, 'tmp');
  for (const dir of [dataDir, audioDir, incomingDir, tmpDir]) mkdirSync(dir, { recursive: true });
  const resolvedConfig: Config = { ...config, dataDir, audioDir };

  const db = openDatabase(join(dataDir, 'loa.sqlite'));
  const events = new StationEvents();
  const accounts = createAccounts(db, clock);
  const firstAdminPassword = await accounts.bootstrapAdmin(config.adminPassword, log.child({ module: 'users' }));

  let metricsRef: ReturnType<typeof createMetrics> | null = null;
  const ingest = createIngestQueue({
    db, clock, events,
    log: log.child({ module: 'ingest' }),
    concurrency: config.ingestConcurrency || availableParallelism(),
    options: {
      bins: ffmpeg,
      audioDir,
      tmpDir,
      targetLufs: config.loudnessTargetLufs,
      truePeakDb: config.truePeakDb,
      bitrateKbps: config.bitrateKbps,
      sampleRate: config.sampleRate,
      maxDurationMs: config.maxDurationMinutes * 60_000,
    },
    onDone: (outcome, seconds) => metricsRef?.ingestSeconds.observe({ outcome }, seconds),
  });
  let playoutRef: Playout | null = null;
  const metrics = createMetrics({
    itemsByStatus: () => countItemsByStatus(db),
    ingestQueueSize: () => ingest.size(),
    outputs: () =>
      (playoutRef?.health() ?? []).flatMap((h) =>
        h.outputs.map((o) => ({ zone: h.zone, output: o.name, up: o.state === 'up' || o.state === 'idle', listeners: o.listeners, silenceAlarm: h.silenceAlarm })),
      ),
    airtimeWrites: () => playoutRef?.airtimeHealth() ?? { pending: 0, failures: 0 },
  });
  metricsRef = metrics;

  sweepIncoming(db, incomingDir, log);
  const recovered = ingest.recover();
  if (recovered.requeued || recovered.failed || recovered.orphansRemoved) log.info(recovered, 'recovered interrupted ingest jobs');

  const station = createStationService({ db, clock, events });
  const items = createItemService({
    db, clock, events,
    topicIds: () => new Set(station.topics().map((t) => t.id)),
    enqueueIngest: (id) => ingest.enqueue(id),
  });
  const review = createReviewService({ db, clock, events });

  const plans = createPlanService({ db, clock, tz: config.tz, log: log.child({ module: 'planner' }), events });
  const closed = closeInterrupted(db);
  if (closed) log.warn({ rows: closed }, 'closed airtime rows left open by a crash as interrupted');
  const playout = createPlayout({
    db, clock, log: log.child({ module: 'playout' }), audioDir, ffmpegPath: ffmpeg.ffmpegPath,
    silenceFrame: await encodeSilenceFrame(ffmpeg.ffmpegPath), zones: () => station.zones(), tz: config.tz, sendAheadMs: config.sendAheadMs,
  });
  playoutRef = playout;
  events.on('plan:saved', ({ zones }) => playout.reload(zones));
  events.on('station:changed', ({ what }) => {
    if (what === 'zone') playout.resync().catch((err: unknown) => log.error({ err }, 'playout resync failed'));
  });

  const app = await buildServer({
    config: resolvedConfig, log, db, clock, events, accounts, items, review, station, plans, playout, ingest, metrics,
    ffmpeg: { path: ffmpeg.ffmpegPath, source: ffmpeg.source, version: ffmpeg.version },
    incomingDir,
  });
  // /healthz is degraded while airtime rows wait to be written (the log must never miss a play).
  app.health.register('airtimeLog', airtimeLogCheck(() => playout.airtimeHealth(), config.tz));
  if (opts.listen !== false) await app.listen({ port: config.port, host: config.host });

  if (config.playout) await playout.start();
  const replanner = startReplanScheduler({ plans, events, log: log.child({ module: 'replan' }), tz: config.tz });
  const admin = findUserByName(db, 'admin');
  const isEmpty = station.zones().length === 0 && countItems(db) === 0;
  const demo = decideDemo({ setting: config.demo, nodeEnv: (opts.env ?? process.env).NODE_ENV, empty: isEmpty, hasAdmin: admin !== undefined });
  if (demo.load && admin) {
    await loadDemo({
      db, station, items, review, events, admin: { id: admin.id, role: admin.role }, ffmpegPath: ffmpeg.ffmpegPath,
      incomingDir, log: log.child({ module: 'demo' }), isEmpty,
    });
  } else {
    const why = describeSkippedDemo(demo);
    if (why) log.info({ module: 'demo', reason: demo.reason }, why);
  }

  let stopping: Promise<void> | null = null;
  return {
    app, db, events, ffmpeg, firstAdminPassword,
    stop() {
      stopping ??= (async () => {
        replanner.stop();
        await playout.stop();
        await app.close();
        await ingest.stop();
        db.close();
      })();
      return stopping;
    },
  };
}
