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
import type { AudioWriter } from './library/audioStore.ts';
import { createItemService } from './library/itemService.ts';
import { createSpeech } from './speech/speechService.ts';
import { createReviewService } from './review/reviewService.ts';
import { createStationService } from './station/stationService.ts';
import { createMetrics } from './http/metrics.ts';
import { buildServer } from './http/server.ts';
import { openDatabase, type Db } from './storage/db.ts';
import { countItemsByStatus, listProcessingItems } from './storage/items.ts';
import { findUserByName } from './storage/users.ts';
import { startPlanRunner } from './scheduling/planRunner.ts';
import { startReplanScheduler } from './scheduling/replanScheduler.ts';
import { loadDemo } from './demo/loadDemo.ts';
import { decideDemo, describeSkippedDemo } from './demo/demoPolicy.ts';
import { closeInterrupted } from './storage/airtime.ts';
import { createPlayout, type Playout } from './playout/playoutService.ts';
import { encodeSilenceFrame } from './playout/silence.ts';
import { airtimeLogCheck } from './playout/airtimeHealth.ts';
import { StationEvents } from './stationEvents.ts';
import { createDevices, type Devices } from './devices/deviceService.ts';
import { createEmergencyService } from './emergency/emergencyService.ts';
import { createLiveService } from './live/liveService.ts';
import { createCapService } from './cap/capService.ts';
import { createCapFeeds } from './cap/capFeeds.ts';
import { createCapSettings } from './cap/capSettings.ts';
import { findUserById } from './storage/users.ts';
import { createRelaySettings } from './scheduling/relaySettings.ts';
import { createSourceWatcher, type SourceWatcher } from './relay/sourceHealth.ts';
import { listRelaySources } from './storage/relays.ts';

export interface Daemon {
  app: FastifyInstance;
  db: Db;
  events: StationEvents;
  ffmpeg: FfmpegBinaries;
  /** Head-end devices (registry, presence, feeds, reports; uptime for the monthly report). */
  devices: Devices;
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
export async function startDaemon(
  config: Config,
  // audioWriter: how ingest writes into the audio store; only tests set it (a disk that fills up).
  opts: { clock: Clock; log: Logger; env?: NodeJS.ProcessEnv; listen?: boolean; audioWriter?: AudioWriter },
): Promise<Daemon> {
  const { clock, log } = opts;
  // Slots over when this run began were aired by none of its players (device reports of them need not
  // wait for a row of Loa's): the start in station time, kept true across clock steps by the monotonic clock.
  const bootedMono = performance.now();
  const runSince = () => clock.now() - (performance.now() - bootedMono);
  const ffmpeg = await resolveFfmpeg(opts.env ?? process.env, { log: log.child({ module: 'ffmpeg' }) });
  log.info({ ffmpeg: ffmpeg.ffmpegPath, source: ffmpeg.source, version: ffmpeg.version }, 'ffmpeg found');

  const dataDir = resolve(config.dataDir);
  const audioDir = resolve(config.audioDir);
  const incomingDir = join(dataDir, 'incoming');
  const tmpDir = join(dataDir, 'tmp');
  for (const dir of [dataDir, audioDir, incomingDir, tmpDir]) mkdirSync(dir, { recursive: true });
  const resolvedConfig: Config = { ...config, dataDir, audioDir };

  const dbFile = join(dataDir, 'loa.sqlite');
  const db = openDatabase(dbFile);
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
      ...(opts.audioWriter && { audioWriter: opts.audioWriter }),
    },
    onDone: (outcome, seconds) => metricsRef?.ingestSeconds.observe({ outcome }, seconds),
  });
  let playoutRef: Playout | null = null;
  let devicesRef: Devices | null = null;
  let sourceHealthRef: SourceWatcher | null = null;
  const metrics = createMetrics({
    itemsByStatus: () => countItemsByStatus(db),
    ingestQueueSize: () => ingest.size(),
    outputs: () =>
      (playoutRef?.health() ?? []).flatMap((h) =>
        h.outputs.map((o) => ({ zone: h.zone, output: o.name, up: o.state === 'up' || o.state === 'idle', listeners: o.listeners, silenceAlarm: h.silenceAlarm })),
      ),
    airtimeWrites: () => playoutRef?.airtimeHealth() ?? { pending: 0, failures: 0 },
    devices: () => devicesRef?.samples() ?? [],
    relaySources: () => sourceHealthRef?.all() ?? [],
    relayAirings: () => (playoutRef?.relays() ?? []).flatMap((r) => {
      const now = r.segments.at(-1);
      return now ? [{ relay: r.relayId, source: r.sourceId, onSource: now.kind === 'source' }] : [];
    }),
  });
  metricsRef = metrics;

  sweepIncoming(db, incomingDir, log);
  const recovered = ingest.recover();
  if (recovered.requeued || recovered.failed || recovered.orphansRemoved) log.info(recovered, 'recovered interrupted ingest jobs');

  // CAP settings are shared: station files apply them, the CAP service and its feed poller read them.
  const capSettings = createCapSettings({ db, clock });
  const station = createStationService({ db, clock, events, capSettings, tz: config.tz });
  const items = createItemService({
    db, clock, events,
    topicIds: () => new Set(station.topics().map((t) => t.id)),
    enqueueIngest: (id) => ingest.enqueue(id),
  });
  const review = createReviewService({ db, clock, events });
  // Speech from text: the engine is LOA_TTS_COMMAND (empty: none); its audio goes through the same ingest as uploads.
  const speech = createSpeech({
    config, db, clock, items, ffmpegPath: ffmpeg.ffmpegPath, tmpDir, incomingDir,
    log: log.child({ module: 'speech' }), env: opts.env ?? process.env,
  });

  // Plans are made on a worker thread with its own connection: the zones' frames never wait for one.
  const plans = startPlanRunner({ dbFile, clock, tz: config.tz, log: log.child({ module: 'planner' }), events });
  // Relay sources and relays (tiếp âm): a change is a station change, re-planned like one.
  const relaySettings = createRelaySettings({ db, clock, events, zones: () => station.zones() });
  // Relay sources are watched whether or not a relay airs (GET /api/sources, /metrics).
  const sourceHealth = createSourceWatcher({ list: () => listRelaySources(db), clock, log, intervalMs: config.relaySourceCheckSeconds * 1000 });
  sourceHealthRef = sourceHealth;
  const closed = closeInterrupted(db);
  if (closed) log.warn({ rows: closed }, 'closed airtime rows left open by a crash as interrupted');
  const playout = createPlayout({
    db, clock, log: log.child({ module: 'playout' }), audioDir, ffmpegPath: ffmpeg.ffmpegPath,
    silenceFrame: await encodeSilenceFrame(ffmpeg.ffmpegPath), zones: () => station.zones(), tz: config.tz, sendAheadMs: config.sendAheadMs,
  });
  playoutRef = playout;
  events.on('plan:saved', ({ zones }) => playout.reload(zones));
  // A recalled item never airs (the players read item status as they load the programme): they load
  // it again at once, without waiting for the replan that fills its slots.
  events.on('item:changed', ({ from, to }) => {
    if (from === 'approved' && to !== 'approved') playout.reload();
  });
  events.on('station:changed', ({ what }) => {
    if (what === 'zone') playout.resync().catch((err: unknown) => log.error({ err }, 'playout resync failed'));
  });

  const emergency = createEmergencyService({
    db, clock, log: log.child({ module: 'emergency' }), tz: config.tz, events, zones: () => station.zones(), playout, review, speech,
  });

  const live = createLiveService({
    db, clock, log: log.child({ module: 'live' }), accounts, playout, zones: () => station.zones(), ffmpegPath: ffmpeg.ffmpegPath, audioDir, tmpDir,
  });

  const cap = createCapService({
    db, clock, log: log.child({ module: 'cap' }), events, emergency, speech, items, review, station, settings: capSettings,
    audio: { incomingDir, maxBytes: config.maxUploadBytes, timeoutMs: config.capFetchTimeoutSeconds * 1000 },
  });
  // Before the API listens: alerts a stop left half-done are failed, expiry timers armed again.
  cap.start();
  // A feed's alerts air in the name of the admin who saved the feeds (the `admin` account when a station file set them).
  const feedOwner = () => {
    const owner = capSettings.get().updatedBy;
    const user = owner ? findUserById(db, owner) : findUserByName(db, 'admin');
    return user && !user.disabled ? { id: user.id, username: user.username, role: user.role } : null;
  };
  const capFeeds = createCapFeeds({
    clock, log: log.child({ module: 'cap-feeds' }), receive: (xml, receipt) => cap.receive(xml, receipt),
    settings: () => ({ feeds: capSettings.get().feeds, owner: feedOwner() }),
    timeoutMs: config.capFetchTimeoutSeconds * 1000, maxBytes: config.maxUploadBytes,
  });
  capSettings.onChange(() => capFeeds.reload());
  events.on('station:changed', () => capFeeds.reload());

  const devices = createDevices({
    db, clock, events, log: log.child({ module: 'devices' }), zones: () => station.zones(), audioDir, tz: config.tz,
    offlineMs: config.deviceOfflineSeconds * 1000, owesRow: playout.owesAirtimeRow, runSince,
  });
  devicesRef = devices;

  const app = await buildServer({
    config: resolvedConfig, log, db, clock, events, accounts, items, review, station, plans, playout, emergency, live, ingest, speech, metrics, devices, cap, capFeeds,
    relaySettings, sourceHealth,
    ffmpeg: { path: ffmpeg.ffmpegPath, source: ffmpeg.source, version: ffmpeg.version },
    incomingDir,
  });
  // /healthz is degraded while airtime rows wait to be written (the log must never miss a play).
  app.health.register('airtimeLog', airtimeLogCheck(() => playout.airtimeHealth(), config.tz));
  if (opts.listen !== false) await app.listen({ port: config.port, host: config.host });

  if (config.playout) await playout.start();
  devices.start();
  capFeeds.start();
  sourceHealth.start();
  const replanner = startReplanScheduler({ plans, events, log: log.child({ module: 'replan' }), tz: config.tz });
  // The daemon is ready once its programme is planned as of now (a start used to plan before returning).
  await replanner.started;
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
    app, db, events, ffmpeg, firstAdminPassword, devices,
    stop() {
      stopping ??= (async () => {
        replanner.stop();
        devices.stop();
        capFeeds.stop();
        sourceHealth.stop();
        cap.stop();
        await playout.stop();
        await app.close();
        await live.stop(); // the closed sockets ended the live sources: their recordings are kept before the database closes
        await speech.stop();
        await ingest.stop();
        await plans.close();
        db.close();
      })();
      return stopping;
    },
  };
}
