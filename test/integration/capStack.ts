/**
 * The CAP path with real parts (SQLite on disk, ffmpeg ingest, the review service, espeak-ng
 * speech, the route and the auth hook over HTTP inject) and a recording emergency service in place
 * of the bulletin machinery, injected through createCapService's options as the daemon does.
 */
import { execFile } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { promisify } from 'node:util';
import cookie from '@fastify/cookie';
import Fastify, { type FastifyInstance } from 'fastify';
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod';
import { pino } from 'pino';
import { createAccounts } from '../../src/access/accounts.ts';
import type { CapSpeech } from '../../src/cap/capContent.ts';
import { createCapFeeds, type CapFeeds } from '../../src/cap/capFeeds.ts';
import { createCapService, type CapService } from '../../src/cap/capService.ts';
import { createCapSettings } from '../../src/cap/capSettings.ts';
import { ConfigSchema } from '../../src/config.ts';
import { ItemFields } from '../../src/domain/item.ts';
import type { EmergencyActor, EmergencyRequest, EmergencyService, EmergencyView } from '../../src/emergency/emergencyTypes.ts';
import { ApiError } from '../../src/errors.ts';
import { registerAuth } from '../../src/http/auth.ts';
import { installErrorHandling } from '../../src/http/errorHandling.ts';
import { registerCapRoutes } from '../../src/http/routes/cap.ts';
import { newId } from '../../src/ids.ts';
import { resolveFfmpeg } from '../../src/library/ffmpegBinary.ts';
import { createIngestQueue, type IngestQueue } from '../../src/library/ingestQueue.ts';
import { createItemService } from '../../src/library/itemService.ts';
import { createReviewService } from '../../src/review/reviewService.ts';
import { createStationService, type StationService } from '../../src/station/stationService.ts';
import { openDatabase, type Db } from '../../src/storage/db.ts';
import { findUserByName } from '../../src/storage/users.ts';
import { StationEvents } from '../../src/stationEvents.ts';
import type { FakeClock } from '../support/fakeClock.ts';

const execFileAsync = promisify(execFile);

/** An EmergencyService that records what CAP asked of it, in order, and keeps the bulletins' states. */
export function recordingEmergency(clock: FakeClock) {
  const calls: ({ op: 'trigger'; req: EmergencyRequest; by: EmergencyActor; id: string } | { op: 'cancel'; id: string; by: EmergencyActor })[] = [];
  const views = new Map<string, EmergencyView>();
  const service: EmergencyService = {
    async trigger(req, by) {
      if (req.zones.length === 0) throw new ApiError(400, 'emergency-no-zone', { id: '' });
      const id = `kc_${views.size + 1}`;
      const view: EmergencyView = {
        id, itemId: req.itemId ?? `itm_spoken_${views.size + 1}`, title: req.title ?? 'bulletin', zones: req.zones, reached: req.zones,
        airings: [{ startMs: clock.now(), endMs: clock.now() + 30_000 }], state: 'active', origin: req.origin, createdBy: by.id,
        createdAt: clock.now(), endedAt: null,
      };
      views.set(id, view);
      calls.push({ op: 'trigger', req, by, id });
      return view;
    },
    async cancel(id, by) {
      const view = views.get(id);
      if (!view) throw new ApiError(404, 'not-found', { what: { vi: 'bản tin', en: 'bulletin' }, id });
      if (view.state !== 'active') throw new ApiError(409, 'emergency-not-active', { id });
      view.state = 'cancelled';
      view.endedAt = clock.now();
      calls.push({ op: 'cancel', id, by });
      return view;
    },
    active: () => [...views.values()].filter((v) => v.state === 'active'),
    get: (id) => views.get(id),
  };
  return { service, calls, triggers: () => calls.filter((c) => c.op === 'trigger') };
}

export interface CapStack {
  app: FastifyInstance;
  db: Db;
  clock: FakeClock;
  station: StationService;
  cap: CapService;
  feeds: CapFeeds;
  ingest: IngestQueue;
  emergency: ReturnType<typeof recordingEmergency>;
  adminToken: string;
  reviewerToken: string;
  admin: EmergencyActor;
  close(): Promise<void>;
}

/** Builds the stack in `dir` on `clock`; `maxUploadBytes` is the upload limit resources obey. */
export async function startCapStack(dir: string, clock: FakeClock, opts: { maxUploadBytes?: number } = {}): Promise<CapStack> {
  const log = pino({ level: 'silent' });
  const db = openDatabase(join(dir, 'loa.sqlite'));
  const events = new StationEvents();
  const incomingDir = join(dir, 'incoming');
  const tmpDir = join(dir, 'tmp');
  for (const d of [incomingDir, tmpDir, join(dir, 'audio')]) mkdirSync(d, { recursive: true });
  const accounts = createAccounts(db, clock);
  await accounts.addUser('admin', 'admin', 'admin-pass-123');
  await accounts.addUser('kiemduyet', 'reviewer', 'kiemduyet-pass');
  const ffmpeg = await resolveFfmpeg(process.env);
  const ingest = createIngestQueue({
    db, clock, events, log, concurrency: 2,
    options: { bins: ffmpeg, audioDir: join(dir, 'audio'), tmpDir, targetLufs: -16, truePeakDb: -1.5, bitrateKbps: 96, sampleRate: 44100, maxDurationMs: 600_000 },
  });
  const capSettings = createCapSettings({ db, clock });
  const station = createStationService({ db, clock, events, capSettings });
  const items = createItemService({ db, clock, events, topicIds: () => new Set(), enqueueIngest: (id) => ingest.enqueue(id) });
  const review = createReviewService({ db, clock, events });
  const emergency = recordingEmergency(clock);
  // The station's engine as a user would run it: espeak-ng reads the Vietnamese text into a WAV.
  const speech: CapSpeech = {
    available: () => true,
    async createSpeechItem({ text, ...fields }, user) {
      const wav = join(incomingDir, `${newId('upl')}.upload`);
      await execFileAsync('espeak-ng', ['-v', 'vi', '-w', wav, text]);
      return { id: items.create(ItemFields.parse(fields), { incomingPath: wav, originalName: 'tts.wav' }, user).id };
    },
  };
  const maxUploadBytes = opts.maxUploadBytes ?? 20 * 1024 * 1024;
  const cap = createCapService({
    db, clock, log, events, emergency: emergency.service, speech, items, review, station, settings: capSettings,
    audio: { incomingDir, maxBytes: maxUploadBytes, timeoutMs: 10_000 },
  });
  const adminUser = findUserByName(db, 'admin')!;
  const admin = { id: adminUser.id, username: 'admin', role: 'admin' };
  const feeds = createCapFeeds({
    clock, log, timeoutMs: 10_000, maxBytes: maxUploadBytes, receive: (xml, receipt) => cap.receive(xml, receipt),
    settings: () => ({ feeds: capSettings.get().feeds, owner: admin }),
  });
  capSettings.onChange(() => feeds.reload());

  const app = Fastify();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(serializerCompiler);
  app.decorateRequest('session', null);
  await app.register(cookie);
  installErrorHandling(app, { maxUploadBytes });
  registerAuth(app, accounts);
  const config = ConfigSchema.parse({ maxUploadBytes });
  registerCapRoutes(app, { db, config, cap, capFeeds: feeds });
  await app.ready();
  cap.start();
  feeds.start();

  const tokenOf = async (username: string, password: string) => (await accounts.login(username, password))!.token;
  return {
    app, db, clock, station, cap, feeds, ingest, emergency, admin,
    adminToken: await tokenOf('admin', 'admin-pass-123'),
    reviewerToken: await tokenOf('kiemduyet', 'kiemduyet-pass'),
    async close() {
      feeds.stop();
      cap.stop();
      await app.close();
      await ingest.stop();
      db.close();
    },
  };
}
