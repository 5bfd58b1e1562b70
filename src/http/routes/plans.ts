import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { Slug } from '../../domain/item.ts';
import { localDate, zonedInstant, addDays } from '../../domain/time.ts';
import { LocalDate, TimeOfDay } from '../../domain/station.ts';
import { ApiError } from '../../errors.ts';
import { newId } from '../../ids.ts';
import { getItem } from '../../storage/items.ts';
import { listPins, listRelaySlots, listShortfalls, listSlots } from '../../storage/plans.ts';
import { listRelaySources } from '../../storage/relays.ts';
import { sayPinRule } from '../../scheduling/pinRefusal.ts';
import { presentRelaySlot, presentSlot, ScheduleView } from '../../scheduling/presentSchedule.ts';
import { describePlanRevision, PlanRunView, presentPlanRun } from '../../scheduling/planRevision.ts';
import { listPlanRuns } from '../../storage/planRuns.ts';
import { currentRevisionId } from '../../storage/stationRevisions.ts';
import { sessionOf } from '../auth.ts';
import type { ServerDeps } from '../deps.ts';
import { THINGS } from '../../i18n/words.ts';

const PlanBody = z.object({ from: LocalDate, to: LocalDate, zones: z.array(Slug).optional(), dryRun: z.boolean().default(false) });
const PinBody = z.object({
  zone: Slug,
  date: LocalDate,
  itemId: z.string().min(1),
  kind: z.enum(['pin', 'exclude']).default('pin'),
  /** Start time of the window (for a pin). */
  window: TimeOfDay.optional(),
});

const RunsQuery = z.object({ from: LocalDate, to: LocalDate, limit: z.coerce.number().int().min(1).max(1000).default(200) });

/** Planning: run the planner, read the saved programme and its shortfalls, pin and exclude items. */
export function registerPlanRoutes(app: FastifyInstance, deps: ServerDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>();
  const tz = deps.config.tz;
  const names = () => ({
    titles: new Map<string, string>(),
    topicNames: new Map(deps.station.topics().map((t) => [t.id, t.name])),
  });

  r.post('/api/plan', {
    schema: {
      tags: ['plan'],
      summary: 'Lập lịch phát cho các ngày (lưu lại trừ khi dryRun)',
      description:
        'Every replan is whole: it plans from today to the Sunday ending the ISO week of `to` (or of the '
        + 'horizon, or of the last saved day, whichever is later), for the zones asked (all by default). '
        + 'The answer\'s `from`/`to` are the dates actually planned; `requested`, `slots` and `shortfalls` '
        + 'are those of the dates asked for.',
      body: PlanBody,
    },
    config: { access: 'plan:run' },
  }, async (req) => {
    const { dryRun, ...range } = req.body;
    return await deps.plans.plan(range, !dryRun, sessionOf(req).user);
  });

  r.get('/api/schedule', {
    schema: {
      tags: ['plan'],
      summary: 'Chương trình đã lập của một vùng loa trong một ngày',
      description: 'Item slots (`kind: "item"`) and relay slots (`kind: "relay"`, tiếp âm: no item, `relayId`, `sourceName`, `window` null outside windows). '
        + '`planning` says which station settings revision the day\'s programme was planned under (`plannedUnder`, of the newest plan run '
        + 'that planned the date for each zone shown, the oldest), the revision in force now (`currentRevision`) and whether the settings '
        + 'changed since (`settingsChanged`: replan to apply them; the replan scheduler normally does so within seconds of a change).',
      querystring: z.object({ zone: Slug.optional(), date: LocalDate.optional() }),
      response: { 200: ScheduleView },
    },
    config: { access: 'station:read' },
  }, async (req) => {
    const date = req.query.date ?? localDate(deps.clock.now(), tz);
    if (req.query.zone && !deps.station.zones().some((z) => z.id === req.query.zone)) throw new ApiError(404, 'unknown-zone', { id: req.query.zone });
    const range = { fromMs: zonedInstant(date, 0, tz), toMs: zonedInstant(addDays(date, 1), 0, tz), zone: req.query.zone };
    const slots = listSlots(deps.db, range);
    const ctx = { tz, lang: req.lang, ...names() };
    for (const s of slots) if (!ctx.titles.has(s.itemId)) ctx.titles.set(s.itemId, getItem(deps.db, s.itemId)?.title ?? s.itemId);
    // Relay slots (tiếp âm) among the items, each zone's in time order.
    const relays = listRelaySlots(deps.db, range);
    const sourceNames = new Map(relays.length ? listRelaySources(deps.db).map((s) => [s.id, s.name] as const) : []);
    const shown = [
      ...slots.map((s) => ({ at: s, view: presentSlot(s, ctx) })),
      ...relays.map((s) => ({ at: s, view: presentRelaySlot(s, { tz, sourceNames, lang: req.lang }) })),
    ];
    if (relays.length) shown.sort((a, b) => (a.at.zoneId < b.at.zoneId ? -1 : a.at.zoneId > b.at.zoneId ? 1 : a.at.startMs - b.at.startMs));
    const zones = req.query.zone ? [req.query.zone] : deps.station.zones().map((z) => z.id);
    const planning = describePlanRevision(deps.db, { date, zones, tz });
    return { date, zone: req.query.zone ?? null, slots: shown.map((s) => s.view), planning };
  });

  r.get('/api/shortfalls', {
    schema: { tags: ['plan'], summary: 'Chỉ tiêu chưa đạt và lý do', querystring: z.object({ from: LocalDate, to: LocalDate, zone: Slug.optional() }) },
    config: { access: 'station:read' },
  }, async (req) => ({ shortfalls: listShortfalls(deps.db, req.query) }));

  r.get('/api/pins', {
    schema: { tags: ['plan'], querystring: z.object({ from: LocalDate, to: LocalDate }) },
    config: { access: 'station:read' },
  }, async (req) => ({ pins: listPins(deps.db, req.query.from, req.query.to) }));

  r.post('/api/pins', {
    schema: {
      tags: ['plan'],
      summary: 'Ghim tin bài vào một khung giờ, hoặc loại tin bài khỏi một ngày',
      description:
        'Replans whole (from today through the Sunday of the pin\'s week, or of the horizon, every zone). A pin the '
        + 'planner cannot honour is refused with 409 `pin-refused`: the message says the rule it would break in the '
        + 'asked language, `details.rule` names it; nothing is saved. A date before today is a 400.',
      body: PinBody,
    },
    config: { access: 'plan:run' },
  }, async (req, reply) => {
    const b = req.body;
    if (b.kind === 'pin' && !b.window) throw new ApiError(400, 'validation-failed', { details: 'body.window: a pin needs the start time of its window' }, [{ field: 'body.window', problem: 'required for a pin' }]);
    if (!deps.station.zones().some((z) => z.id === b.zone)) throw new ApiError(400, 'unknown-zone', { id: b.zone }, { field: 'body.zone' });
    const item = getItem(deps.db, b.itemId);
    if (!item) throw new ApiError(400, 'not-found', { what: THINGS.item, id: b.itemId }, { field: 'body.itemId' });
    if (b.kind === 'pin' && item.status !== 'approved') {
      throw new ApiError(409, 'pin-refused', { reason: sayPinRule('not-approved', { item: item.title }, req.lang) }, { rule: 'not-approved' });
    }
    const pin = { id: newId('pin'), zoneId: b.zone, date: b.date, window: b.window ?? '', itemId: b.itemId, kind: b.kind, createdBy: sessionOf(req).user.id, createdAt: deps.clock.now() };
    const saved = await deps.plans.addPin(pin, req.lang, sessionOf(req).user);
    return reply.status(201).send({ pin, slots: saved.slots.filter((s) => s.zone === b.zone && s.start.startsWith(b.date)) });
  });

  r.get('/api/plan/runs', {
    schema: {
      tags: ['plan'],
      summary: 'Các lần lập lịch đã lưu: khi nào, ai, theo phiên bản cài đặt nào',
      description:
        'Plan runs made on the local dates from..to, newest first (at most `limit`, default 200). Every save of the programme is one '
        + 'run (a plan asked for, a replan after a pin or a recall, the replan scheduler, `loa plan`), written with its slots; '
        + '`revision` is the station settings revision it was computed under, `settingsChanged` whether another is in force now.',
      querystring: RunsQuery,
      response: { 200: z.object({ from: z.string(), to: z.string(), currentRevision: z.number().int(), runs: z.array(PlanRunView) }) },
    },
    config: { access: 'station:read' },
  }, async (req) => {
    const { from, to, limit } = req.query;
    if (to < from) throw new ApiError(400, 'validation-failed', { details: `querystring.to: ${to} is before from ${from}` }, [{ field: 'querystring.to', problem: `is before from ${from}` }]);
    const currentRevision = currentRevisionId(deps.db);
    const runs = listPlanRuns(deps.db, { fromMs: zonedInstant(from, 0, tz), toMs: zonedInstant(addDays(to, 1), 0, tz), limit });
    return { from, to, currentRevision, runs: runs.map((run) => presentPlanRun(run, { tz, currentRevision })) };
  });

  r.delete('/api/pins/:id', {
    schema: { tags: ['plan'], params: z.object({ id: z.string() }) },
    config: { access: 'plan:run' },
  }, async (req, reply) => {
    const pin = await deps.plans.removePin(req.params.id, sessionOf(req).user);
    if (!pin) throw new ApiError(404, 'not-found', { what: THINGS.pin, id: req.params.id });
    return reply.status(204).send();
  });
}
