import type { Logger } from 'pino';
import { createAuditLog } from '../audit/auditLog.ts';
import { utcInstant } from '../audit/snapshots.ts';
import type { Clock } from '../clock.ts';
import type { Zone } from '../domain/station.ts';
import { ApiError } from '../errors.ts';
import { ITEM_STATUS, THINGS } from '../i18n/words.ts';
import { newId } from '../ids.ts';
import type { Playout } from '../playout/playoutService.ts';
import type { ReviewService } from '../review/reviewService.ts';
import type { Db } from '../storage/db.ts';
import { endEmergency, finishPastEmergencies, getEmergency, insertEmergency, listActiveEmergencies, type EmergencyRecord } from '../storage/emergencies.ts';
import { getItem, type ItemRecord } from '../storage/items.ts';
import { findUserById } from '../storage/users.ts';
import { insertProgrammeEntries } from '../storage/programmes.ts';
import type { StationEvents } from '../stationEvents.ts';
import { isAiringProblem, planAirings, type Airing } from './airings.ts';
import type { EmergencyActor, EmergencyRequest, EmergencyService, EmergencyView } from './emergencyTypes.ts';
import { bulletinFromText, type BulletinSpeech } from './speechBulletin.ts';
import { isTargetProblem, resolveTargets } from './targets.ts';

export interface EmergencyDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  tz: string;
  events: StationEvents;
  zones: () => Zone[];
  playout: Pick<Playout, 'reload' | 'cutIn' | 'withdraw'>;
  review: Pick<ReviewService, 'approveForEmergency'>;
  /** The station's speech engine, when it has one (`text` bulletins need it). */
  speech?: BulletinSpeech;
}

/**
 * Emergency bulletins (issue 10, decisions §4–§5): one path for the API, CAP and live broadcasts.
 * A trigger approves the content as the actor, writes the bulletin and its airings as programme
 * entries (emergency entries outrank everything on air, see precedence.ts) and cuts in at once.
 */
export function createEmergencyService(deps: EmergencyDeps): EmergencyService {
  const { db, clock } = deps;
  const audit = createAuditLog({ db, clock });

  const view = (e: EmergencyRecord): EmergencyView => {
    const item = getItem(db, e.itemId);
    const airings = db
      .prepare('SELECT DISTINCT start_ms AS startMs, end_ms AS endMs FROM programme_entries WHERE emergency_id = ? ORDER BY start_ms')
      .all(e.id) as Airing[];
    return {
      id: e.id, itemId: e.itemId, title: item?.title ?? e.itemId, zones: e.zones, reached: e.reached, airings, state: e.state,
      origin: e.origin, createdBy: e.createdBy, createdByName: findUserById(db, e.createdBy)?.username ?? null, createdAt: e.createdAt, endedAt: e.endedAt,
    };
  };

  /** The item a bulletin airs, approved or pending (the trigger approves it): an existing one, or speech made from text. */
  async function contentOf(req: EmergencyRequest, by: EmergencyActor): Promise<ItemRecord> {
    if ((req.itemId === undefined) === (req.text === undefined)) throw new ApiError(400, 'emergency-item-or-text', {}, [{ field: 'body.itemId' }]);
    const id = req.itemId ?? (await bulletinFromText(deps, req, by));
    const item = getItem(db, id);
    if (!item) throw new ApiError(400, 'not-found', { what: THINGS.item, id }, [{ field: 'body.itemId' }]);
    if (item.status !== 'approved' && item.status !== 'pending') {
      throw new ApiError(409, 'emergency-item-not-ready', { title: item.title, status: ITEM_STATUS[item.status] }, [{ field: 'body.itemId' }]);
    }
    if (!item.durationMs || !item.audioSha256) throw new ApiError(409, 'item-not-playable', { title: item.title }, [{ field: 'body.itemId' }]);
    return item;
  }

  /** The airings of a bulletin `durationMs` long from `now`; a 400 naming the field when they cannot be planned. */
  function airingsOf(req: EmergencyRequest, now: number, durationMs: number): Airing[] {
    const airings = planAirings(now, durationMs, req.repeat, deps.tz);
    if (isAiringProblem(airings)) throw new ApiError(400, airings.code, airings.params ?? {}, [{ field: `body.${airings.field}` }]);
    return airings;
  }

  return {
    async trigger(req, by) {
      if (req.zones.length === 0) throw new ApiError(400, 'emergency-no-zone', { id: '' }, [{ field: 'body.zones' }]);
      const targets = resolveTargets(deps.zones(), req.zones);
      if (isTargetProblem(targets)) {
        throw targets.problem === 'unknown'
          ? new ApiError(400, 'unknown-zone', { id: targets.id }, [{ field: targets.field }])
          : new ApiError(400, 'emergency-no-zone', { id: targets.id }, [{ field: targets.field }]);
      }
      airingsOf(req, clock.now(), 0); // what does not depend on the audio is refused before any speech is made
      const content = await contentOf(req, by);
      const now = clock.now();
      const airings = airingsOf(req, now, content.durationMs!);
      const item = deps.review.approveForEmergency(content.id, by);
      const record: EmergencyRecord = {
        id: newId('kc'), itemId: item.id, zones: req.zones, reached: targets.reached, repeat: req.repeat ?? null, origin: req.origin,
        state: 'active', createdBy: by.id, createdAt: now, lastEndMs: airings.at(-1)!.endMs, endedAt: null, endedBy: null,
      };
      const entries = [...targets.players.values()].flatMap((zoneId) =>
        airings.map((a) => ({ zoneId, startMs: a.startMs, endMs: a.endMs, itemId: item.id, source: 'emergency' as const, emergencyId: record.id })),
      );
      db.transaction(() => {
        insertEmergency(db, record);
        insertProgrammeEntries(db, entries, by.id, now);
        audit.record({ id: by.id, username: by.username }, 'emergency.trigger', { type: 'emergency', id: record.id }, null, {
          item: { id: item.id, title: item.title }, zones: req.zones, reached: targets.reached, origin: req.origin,
          airings: airings.map((a) => utcInstant(a.startMs)), approvedAs: item.submittedBy === by.id ? 'tự duyệt khi khẩn cấp' : undefined,
        }, { zones: targets.reached });
      })();
      const players = [...targets.players.values()];
      deps.playout.reload(players);
      await deps.playout.cutIn(players, now);
      deps.log.warn({ emergency: record.id, item: item.id, zones: targets.reached, airings: airings.length }, 'emergency bulletin triggered');
      deps.events.emit('emergency:changed', { id: record.id, state: 'active', zones: targets.reached });
      return view(record);
    },

    async cancel(id, by) {
      const before = getEmergency(db, id);
      if (!before) throw new ApiError(404, 'not-found', { what: THINGS.emergency, id });
      const now = clock.now();
      finishPastEmergencies(db, now);
      const ended = db.transaction(() => {
        if (!endEmergency(db, id, 'cancelled', now, by.id)) return false;
        audit.record({ id: by.id, username: by.username }, 'emergency.cancel', { type: 'emergency', id }, { state: 'active' }, { state: 'cancelled', at: utcInstant(now) }, { zones: before.reached });
        return true;
      })();
      if (!ended) throw new ApiError(409, 'emergency-not-active', { id });
      deps.playout.reload(before.reached);
      deps.playout.withdraw((entry) => entry.emergency?.id === id, `cancelled by ${by.username}`);
      deps.log.warn({ emergency: id, by: by.username }, 'emergency bulletin cancelled');
      deps.events.emit('emergency:changed', { id, state: 'cancelled', zones: before.reached });
      return view(getEmergency(db, id)!);
    },

    active() {
      const now = clock.now();
      finishPastEmergencies(db, now);
      return listActiveEmergencies(db, now).map(view);
    },

    get(id) {
      finishPastEmergencies(db, clock.now());
      const e = getEmergency(db, id);
      return e && view(e);
    },
  };
}
