import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { AUDIO_WORD, DEVICE_WORD, DeviceBody } from '../../devices/device.ts';
import type { Devices } from '../../devices/deviceService.ts';
import { feedJson, feedM3u8, matchesEtag, strongEtag } from '../../devices/feedFormat.ts';
import { PlayReports } from '../../devices/playReports.ts';
import { audioPath } from '../../library/audioStore.ts';
import { ApiError, notFound } from '../../errors.ts';
import { wasAudioGiven } from '../../storage/devices.ts';
import type { Db } from '../../storage/db.ts';
import type { DeviceRecord } from '../../storage/devices.ts';
import { createAuditLog } from '../../audit/auditLog.ts';
import type { Clock } from '../../clock.ts';
import { sessionOf } from '../auth.ts';

/** What the device routes need. */
export interface DeviceRouteDeps {
  db: Db;
  clock: Clock;
  devices: Devices;
  tz: string;
  audioDir: string;
}

/** Ids the routes use as words of their own. */
const RESERVED_IDS = new Set(['health']);
const IdParams = z.object({ id: Slug });
const PutParams = z.object({ id: Slug.refine((id) => !RESERVED_IDS.has(id), { message: 'is a reserved word; choose another id' }) });
const KeyQuery = z.object({ key: z.string().max(256).optional() });
const FeedQuery = KeyQuery.extend({ format: z.enum(['json', 'm3u8']).optional() });
const AudioParams = z.object({ id: Slug, file: z.string().regex(/^[0-9a-f]{64}\.mp3$/, 'must be <sha256>.mp3') });

/** What the audit log keeps of a device (never its key). */
const deviceFacts = (d: DeviceRecord) => ({ name: d.name, zone: d.zoneId, kind: d.kind, location: d.location, note: d.note });

/** The key a device presents: `?key=` (many devices can only be given a URL) or the X-Stream-Key header. */
function presentedKey(req: { headers: FastifyRequest['headers']; query: { key?: string } }): string | undefined {
  const header = req.headers['x-stream-key'];
  return req.query.key ?? (typeof header === 'string' ? header : undefined);
}

/**
 * The device registry (station:read to look, station:edit to change) and what devices themselves call
 * with their key: the feed, its audio and their play reports. A wrong or missing key is a 401 whether
 * or not the device exists (decisions §1).
 */
export function registerDeviceRoutes(app: FastifyInstance, deps: DeviceRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const { devices, tz } = deps;
  const read = { access: 'station:read' } as const;
  const edit = { access: 'station:edit' } as const;
  const audit = createAuditLog({ db: deps.db, clock: deps.clock });
  const open = { access: 'public' } as const;
  const found = (id: string) => devices.registry.get(id) ?? (() => { throw notFound(DEVICE_WORD, id); })();
  /** The device these credentials open, or a 401 that says nothing about whether it exists. */
  const deviceOf = (req: { headers: FastifyRequest['headers']; params: { id: string }; query: { key?: string } }) =>
    devices.registry.authenticate(req.params.id, presentedKey(req)) ?? (() => { throw new ApiError(401, 'device-key'); })();

  r.get('/api/devices', {
    schema: { tags: ['devices'], summary: 'Danh sách thiết bị (cụm loa) / Head-end devices' },
    config: read,
  }, async () => ({ offlineAfterSeconds: Math.round(devices.offlineMs / 1000), devices: devices.registry.list().map(devices.present) }));

  r.get('/api/devices/health', {
    schema: { tags: ['devices'], summary: 'Tình trạng thiết bị: trực tuyến, mất kết nối (cảnh báo), không theo dõi' },
    config: read,
  }, async () => devices.health());

  r.get('/api/devices/:id', { schema: { tags: ['devices'], params: IdParams }, config: read }, async (req) => devices.present(found(req.params.id)));

  r.put('/api/devices/:id', {
    schema: {
      tags: ['devices'],
      summary: 'Thêm hoặc sửa thiết bị; thiết bị mới nhận khóa (chỉ hiện một lần)',
      description: 'A new device gets its key in this answer only (201); a replaced one keeps its key (200). '
        + 'A device of a zone in a group carries the group\'s shared programme (`reaches`).',
      params: PutParams,
      body: DeviceBody,
    },
    config: edit,
  }, async (req, reply) => {
    const before = devices.registry.get(req.params.id);
    const { device, created, key } = deps.db.transaction(() => {
      const put = devices.registry.put(req.params.id, req.body);
      audit.record(sessionOf(req).user, 'device.put', { type: 'device', id: put.device.id }, before ? deviceFacts(before) : null, deviceFacts(put.device), { zones: [put.device.zoneId] });
      return put;
    })();
    return reply.status(created ? 201 : 200).send({ ...devices.present(device), ...(key && { key }) });
  });

  r.delete('/api/devices/:id', { schema: { tags: ['devices'], params: IdParams }, config: edit }, async (req, reply) => {
    const before = devices.registry.get(req.params.id);
    if (!before) throw notFound(DEVICE_WORD, req.params.id);
    deps.db.transaction(() => {
      devices.registry.remove(req.params.id);
      audit.record(sessionOf(req).user, 'device.delete', { type: 'device', id: before.id }, deviceFacts(before), null, { zones: [before.zoneId] });
    })();
    return reply.status(204).send();
  });

  r.post('/api/devices/:id/key', {
    schema: { tags: ['devices'], summary: 'Cấp khóa mới cho thiết bị (khóa cũ hết hiệu lực ngay; khóa mới chỉ hiện một lần)', params: IdParams },
    config: edit,
  }, async (req) => {
    const rotated = deps.db.transaction(() => {
      const done = devices.registry.rotateKey(req.params.id);
      // The key itself never reaches the audit log: only that a new one was issued.
      if (done) audit.record(sessionOf(req).user, 'device.key', { type: 'device', id: done.device.id }, null, { key: '***', hasKey: true }, { zones: [done.device.zoneId] });
      return done;
    })();
    if (!rotated) throw notFound(DEVICE_WORD, req.params.id);
    return { ...devices.present(rotated.device), key: rotated.key };
  });

  const sendFeed = async (req: FastifyRequest<{ Params: { id: string }; Querystring: { key?: string; format?: 'json' | 'm3u8' } }>, format: 'json' | 'm3u8') => {
    const device = deviceOf(req);
    devices.presence.seen(device, 'feed');
    const feed = devices.feedOf(device);
    const body = format === 'json'
      ? JSON.stringify(feedJson(feed, tz))
      : feedM3u8(feed, tz, { origin: `${req.protocol}://${req.host}`, key: presentedKey(req)! });
    return { device, feed, body, etag: strongEtag(body) };
  };
  const feedSchema = (summary: string) => ({ tags: ['devices'], summary, params: IdParams, querystring: FeedQuery });
  const feedHandler = (fixed?: 'm3u8') => async (req: FastifyRequest<{ Params: { id: string }; Querystring: { key?: string; format?: 'json' | 'm3u8' } }>, reply: FastifyReply) => {
    const format = fixed ?? req.query.format ?? 'json';
    const { device, feed, body, etag } = await sendFeed(req, format);
    reply.header('ETag', etag).header('Cache-Control', 'private, no-cache');
    if (matchesEtag(req.headers['if-none-match'], etag)) return reply.status(304).send();
    devices.give(device, feed);
    return reply.type(format === 'json' ? 'application/json; charset=utf-8' : 'application/vnd.apple.mpegurl; charset=utf-8').send(body);
  };
  r.get('/api/devices/:id/feed', {
    schema: feedSchema('Chương trình của thiết bị hôm nay và các ngày tới (khóa thiết bị; ETag) / A device\'s feed'),
    config: open,
  }, feedHandler());
  r.get('/api/devices/:id/feed.m3u8', {
    schema: feedSchema('Chương trình của thiết bị dạng M3U8 (khóa thiết bị) / A device\'s feed as M3U8'),
    config: open,
  }, feedHandler('m3u8'));

  r.get('/api/devices/:id/audio/:file', {
    schema: { tags: ['devices'], summary: 'Âm thanh cho thiết bị theo mã băm (khóa thiết bị; hỗ trợ Range)', params: AudioParams, querystring: KeyQuery },
    config: open,
  }, async (req, reply) => {
    const device = deviceOf(req);
    const sha = req.params.file.slice(0, 64);
    // Only audio its feed gave it: a key opens its own zone's programme, not the library.
    if (!wasAudioGiven(deps.db, device.id, sha)) throw notFound(AUDIO_WORD, req.params.file);
    devices.presence.seen(device, 'audio');
    const path = audioPath(deps.audioDir, sha);
    // Content-addressed: the bytes under this name never change, so a device may keep them for ever.
    return reply
      .header('Cache-Control', 'private, max-age=31536000, immutable')
      .type('audio/mpeg')
      .sendFile(path.slice(deps.audioDir.length + 1), deps.audioDir, { cacheControl: false });
  });

  r.post('/api/devices/:id/played', {
    schema: {
      tags: ['devices'],
      summary: 'Thiết bị báo các lượt đã phát (khóa thiết bị) / A device reports what it played',
      description: 'Each report is judged on its own; the answer lists the accepted and the refused ones with the reason. '
        + 'A report must match a feed entry given to this device within ±5 minutes of its slot; a slot reported again is '
        + 'accepted as a duplicate and changes nothing. 400 when none is accepted.',
      params: IdParams,
      querystring: KeyQuery,
      body: PlayReports,
    },
    config: open,
  }, async (req) => {
    const device = deviceOf(req);
    devices.presence.seen(device, 'report');
    const judged = devices.reportPlays(device, req.body, req.lang);
    if (judged.accepted.length === 0) {
      const details = judged.refused.map((f) => ({ field: `body.${f.index}`, problem: f.message, ...f }));
      throw new ApiError(400, 'device-plays-refused', { count: judged.refused.length }, details);
    }
    return judged;
  });
}
