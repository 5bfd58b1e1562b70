import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { createAuditLog } from '../../audit/auditLog.ts';
import { utcInstant } from '../../audit/snapshots.ts';
import { Instant, Slug } from '../../domain/item.ts';
import { formatInstant, localDate, isoWeekday, parseInstant, parseTimeOfDay, zonedInstant } from '../../domain/time.ts';
import { ApiError } from '../../errors.ts';
import type { Playout } from '../../playout/playoutService.ts';
import { playerIdOf } from '../../playout/playoutService.ts';
import type { ProgrammeEntry } from '../../playout/programme.ts';
import { getItem } from '../../storage/items.ts';
import { insertProgrammeEntries } from '../../storage/programmes.ts';
import type { Zone } from '../../domain/station.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import type { StationEventMap } from '../../stationEvents.ts';
import { THINGS } from '../../i18n/words.ts';

const ProgrammeBody = z.object({
  zones: z.array(Slug).min(1),
  items: z.array(z.string().min(1)).min(1).max(50),
  /** When to air; now when absent. */
  at: Instant.optional(),
  /** Air even outside the zones' windows. */
  outsideWindows: z.boolean().default(false),
});

/** True when [startMs, endMs) lies inside one window of the zone that day. */
function insideWindow(zone: Zone, startMs: number, endMs: number, tz: string): boolean {
  const date = localDate(startMs, tz);
  return zone.windows.some((w) => {
    if (!w.days.includes(isoWeekday(date))) return false;
    return zonedInstant(date, parseTimeOfDay(w.start)!, tz) <= startMs && endMs <= zonedInstant(date, parseTimeOfDay(w.end)!, tz);
  });
}

/** Live playout: what is on air, zone health, live events (SSE), and "play now / play once". */
export function registerPlayoutRoutes(app: FastifyInstance, deps: ServerDeps & { playout: Playout }): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = deps.config.tz;
  const { playout } = deps;
  const iso = (ms: number) => formatInstant(ms, tz);
  const entryView = (e: ProgrammeEntry | null) =>
    e && { itemId: e.itemId, title: e.item.title, start: iso(e.startMs), end: iso(e.endMs), window: e.window, source: e.source };

  r.get('/api/zones/:id/now', {
    schema: { tags: ['playout'], summary: 'Đang phát gì, ở vị trí nào, tiếp theo là gì', params: z.object({ id: Slug }) },
    config: { access: 'station:read' },
  }, async (req) => {
    if (!deps.station.zones().some((zone) => zone.id === req.params.id)) throw new ApiError(404, 'unknown-zone', { id: req.params.id });
    const now = playout.nowPlaying(req.params.id);
    const health = playout.health().find((h) => h.zone === req.params.id) ?? null;
    return {
      zone: req.params.id,
      at: iso(deps.clock.now()),
      current: entryView(now?.entry ?? null),
      positionMs: now?.positionMs ?? 0,
      next: entryView(now?.next ?? null),
      health,
    };
  });

  r.get('/api/health/zones', {
    schema: { tags: ['playout'], summary: 'Tình trạng đầu ra của từng vùng loa, của các cụm loa (thiết bị) và của nhật ký phát sóng' },
    config: { access: 'station:read' },
  }, async () => ({ playout: deps.config.playout, zones: playout.health(), airtimeLog: playout.airtimeHealth(), devices: deps.devices.health() }));

  r.get('/api/events', {
    schema: {
      tags: ['playout'],
      summary: 'Sự kiện trực tiếp (Server-Sent Events); trình duyệt dùng ?token=',
      description: 'Event types: item-started, item-ended, silence-alarm, shortfalls-changed, item-changed ({itemId, from, to}), emergency-changed ({id, state, zones}), device-state ({device, name, zone, kind, state, at, lastSeenAt}).',
    },
    config: { access: 'station:read' },
  }, async (req, reply) => {
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, { 'Content-Type': 'text/event-stream; charset=utf-8', 'Cache-Control': 'no-cache', Connection: 'keep-alive' });
    res.write(': Loa\n\n');
    const send = (event: string, data: unknown) => res.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`);
    const onStarted = (e: { zones: string[]; entry: ProgrammeEntry; startedAt: number; positionMs: number }) =>
      send('item-started', { zones: e.zones, item: entryView(e.entry), startedAt: iso(e.startedAt), positionMs: e.positionMs });
    const onEnded = (e: { zones: string[]; entry: ProgrammeEntry; endedAt: number; outcome: string; playedMs: number }) =>
      send('item-ended', { zones: e.zones, item: entryView(e.entry), endedAt: iso(e.endedAt), outcome: e.outcome, playedMs: e.playedMs });
    const onAlarm = (e: { zones: string[]; entry: ProgrammeEntry; since: number; reason: string }) =>
      send('silence-alarm', { zones: e.zones, item: entryView(e.entry), since: iso(e.since), reason: e.reason });
    const onPlan = (e: { zones: string[]; from: string; to: string; shortfalls: number }) => send('shortfalls-changed', e);
    // Ingest finished, approvals, archives: the dashboard's ingest queue and item lists follow these.
    const onItem = (e: { itemId: string; from: string | null; to: string }) => send('item-changed', { itemId: e.itemId, from: e.from, to: e.to });
    const onEmergency = (e: { id: string; state: string; zones: string[] }) => send('emergency-changed', e);
    const onDevice = (e: StationEventMap['device:state'][0]) =>
      send('device-state', { ...e, at: iso(e.at), lastSeenAt: e.lastSeenAt === null ? null : iso(e.lastSeenAt) });
    playout.events.on('item:started', onStarted);
    playout.events.on('item:ended', onEnded);
    playout.events.on('silence-alarm', onAlarm);
    deps.events.on('plan:saved', onPlan);
    deps.events.on('item:changed', onItem);
    deps.events.on('emergency:changed', onEmergency);
    deps.events.on('device:state', onDevice);
    const keepAlive = setInterval(() => res.write(': ping\n\n'), 15_000);
    req.raw.on('close', () => {
      clearInterval(keepAlive);
      playout.events.off('item:started', onStarted);
      playout.events.off('item:ended', onEnded);
      playout.events.off('silence-alarm', onAlarm);
      deps.events.off('plan:saved', onPlan);
      deps.events.off('item:changed', onItem);
      deps.events.off('emergency:changed', onEmergency);
      deps.events.off('device:state', onDevice);
    });
  });

  r.post('/api/programmes', {
    schema: { tags: ['playout'], summary: 'Phát ngay / phát một lần các tin bài đã duyệt trên các vùng loa', body: ProgrammeBody },
    config: { access: 'playout:control' },
  }, async (req, reply) => {
    const b = req.body;
    const now = deps.clock.now();
    const startAt = b.at ? parseInstant(b.at)! : now;
    if (startAt < now - 1000) throw new ApiError(400, 'validation-failed', { details: 'body.at: in the past' }, [{ field: 'body.at', problem: 'in the past' }]);
    const items = b.items.map((id, i) => {
      const item = getItem(deps.db, id);
      if (!item) throw new ApiError(400, 'not-found', { what: THINGS.item, id }, { field: `body.items[${i}]` });
      if (item.status !== 'approved' || !item.durationMs) throw new ApiError(409, 'item-not-playable', { title: item.title }, { field: `body.items[${i}]` });
      return item;
    });
    const zones = b.zones.map((id, i) => {
      const zone = deps.station.zones().find((z) => z.id === id);
      if (!zone) throw new ApiError(400, 'unknown-zone', { id }, { field: `body.zones[${i}]` });
      return zone;
    });
    const totalMs = items.reduce((sum, i) => sum + i.durationMs!, 0);
    if (!b.outsideWindows) {
      const outside = zones.filter((z) => !insideWindow(z, startAt, startAt + totalMs, tz));
      if (outside.length) throw new ApiError(409, 'outside-windows', { zones: outside.map((z) => `${z.name} (${z.id})`).join(', ') }, { field: 'body.outsideWindows' });
    }
    // Members of a group share one stream: one entry set per player.
    const perPlayer = new Map(zones.map((z) => [playerIdOf(z), z.id]));
    const entries = [...perPlayer.values()].flatMap((zoneId) => {
      let t = startAt;
      return items.map((item) => {
        const e = { zoneId, startMs: t, endMs: t + item.durationMs!, itemId: item.id, source: 'programme' as const };
        t = e.endMs;
        return e;
      });
    });
    // A group shares one stream: the audit row names every zone that hears it, not only those asked.
    const reached = deps.station.zones().filter((z) => perPlayer.has(playerIdOf(z))).map((z) => z.id);
    deps.db.transaction(() => {
      insertProgrammeEntries(deps.db, entries, sessionOf(req).user.id, now);
      createAuditLog({ db: deps.db, clock: deps.clock }).record(sessionOf(req).user, 'programme.play', { type: 'programme' }, null, {
        zones: b.zones, reached, items: items.map((i) => ({ id: i.id, title: i.title })),
        start: utcInstant(startAt), end: utcInstant(startAt + totalMs), outsideWindows: b.outsideWindows,
      }, { zones: reached });
    })();
    playout.reload([...perPlayer.values()]);
    if (startAt <= now) await playout.cutIn([...perPlayer.values()], startAt);
    return reply.status(201).send({
      start: iso(startAt),
      end: iso(startAt + totalMs),
      zones: zones.map((z) => z.id),
      entries: entries.map((e) => ({ zone: e.zoneId, itemId: e.itemId, start: iso(e.startMs), end: iso(e.endMs) })),
    });
  });
}
