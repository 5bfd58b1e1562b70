/**
 * CAP alerts: the one path every alert takes, posted or polled. Parse and validate (400 naming
 * what is wrong), recognise a duplicate by (sender, identifier, sent) and answer it as before, map
 * to zones and a level, make the audio, then air: an emergency bulletin, or a library item approved
 * by its sender at priority. Updates replace, Cancels stop, `expires` ends. Every step is journeyed.
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import { ApiError } from '../errors.ts';
import type { EmergencyActor, EmergencyRequest, EmergencyService } from '../emergency/emergencyTypes.ts';
import { newId } from '../ids.ts';
import type { ItemService } from '../library/itemService.ts';
import type { ReviewService } from '../review/reviewService.ts';
import type { StationService } from '../station/stationService.ts';
import type { Db } from '../storage/db.ts';
import { findCapAlert, insertCapAlert, type CapAlertRecord } from '../storage/capAlerts.ts';
import type { StationEvents } from '../stationEvents.ts';
import { identityOf, type CapAlert } from './capAlert.ts';
import type { CapAudioOptions } from './capAudio.ts';
import { prepareContent, type CapSpeech } from './capContent.ts';
import { createCapJourney } from './capJourney.ts';
import { createCapLifecycle } from './capLifecycle.ts';
import { createCapSettings, type CapSettingsStore } from './capSettings.ts';
import { planAlert, pickInfo, titleOf, type CapPlan } from './capMap.ts';
import { asDuplicate, duplicateOf, failureOf, type CapAnswer, type CapOutcome } from './capOutcome.ts';
import { parseCap } from './capParse.ts';
import { translate, type Lang } from '../i18n/messages.ts';

const translateApiError = (err: ApiError, lang: Lang) => translate(err.code, lang, err.params);

/** Who brought an alert: the user of a cap:post token, or the user who subscribed the feed. */
export type CapActor = EmergencyActor;

export interface CapReceipt {
  via: 'api' | 'feed';
  feedUrl?: string | null;
  actor: CapActor;
}

export interface CapServiceDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  events: StationEvents;
  emergency: EmergencyService;
  speech?: CapSpeech;
  items: ItemService;
  review: Pick<ReviewService, 'approve'>;
  station: Pick<StationService, 'zones'>;
  /** Where fetched audio waits for ingest, the upload limit, the fetch timeout. */
  audio: CapAudioOptions;
  /** The station's CAP settings (shared with the station service, which applies station files). */
  settings?: CapSettingsStore;
}

/** The 400 for a document that breaks the CAP 1.2 rules: every problem, each at its element path. */
export function capInvalid(problems: { path: string; problem: string }[]): ApiError {
  const details = problems.map((p) => ({ field: p.path, problem: p.problem }));
  return new ApiError(400, 'cap-invalid', { details: details.map((d) => `${d.field}: ${d.problem}`).join('; ') }, details);
}

export function createCapService(deps: CapServiceDeps) {
  const { db, clock, log } = deps;
  const journey = createCapJourney({ db, clock });
  const stopping = new AbortController();
  const lifecycle = createCapLifecycle({ db, clock, log, emergency: deps.emergency, items: deps.items, journey });
  const settings = deps.settings ?? createCapSettings({ db, clock });
  const inflight = new Map<string, Promise<CapAnswer>>();
  const keyOf = (a: CapAlert) => `${a.sender}\n${a.identifier}\n${a.sent.ms}`;

  /** Airs an alert the plan says airs; returns the answer (201, or 422 when nothing could air). */
  async function air(id: string, alert: CapAlert, plan: Extract<CapPlan, { kind: 'air' }>, receipt: CapReceipt, base: Partial<CapOutcome>): Promise<CapAnswer> {
    const { actor } = receipt;
    const bulletin = plan.delivery === 'bulletin';
    const content = await prepareContent(
      { db, events: deps.events, log, items: deps.items, speech: deps.speech, audio: deps.audio, signal: stopping.signal },
      alert, plan.info, { actor, priority: bulletin ? 'normal' : 'priority', expiresMs: plan.expiresMs, textAllowed: bulletin },
    );
    const misses = content.misses.length ? { audioProblems: content.misses } : {};
    if (content.kind === 'none') {
      // An Update that cannot air leaves the alert it updates on air: a warning stays rather than none.
      return lifecycle.fail(id, actor, failureOf(content.failure, {}), { ...base, reason: content.detail }, { ...misses, detail: content.detail });
    }
    const itemId = content.kind === 'item' ? content.itemId : null;
    const replaced = await lifecycle.stopEarlier(plan.replaces, 'replaced', { id, sender: alert.sender }, actor);
    try {
      if (bulletin) {
        const policy = settings.get().policy;
        // A far-off expiry would ask for more repeats than a bulletin takes: repeat 400 times at most (the expiry timer still ends it).
        const untilMs = policy.repeat && plan.expiresMs !== null ? Math.min(plan.expiresMs, clock.now() + 400 * policy.repeat.everyMinutes * 60_000) : null;
        const repeat = policy.repeat && untilMs !== null
          ? { everyMinutes: policy.repeat.everyMinutes, onTheHour: policy.repeat.onTheHour, until: new Date(untilMs).toISOString() }
          : undefined;
        const req: EmergencyRequest = {
          ...(content.kind === 'item' ? { itemId: content.itemId } : { text: content.text, title: titleOf(plan.info) }),
          zones: plan.zones, origin: { kind: 'cap', alertId: id }, ...(repeat && { repeat }),
        };
        const view = await deps.emergency.trigger(req, actor);
        return lifecycle.aired(id, actor, { ...base, replaced, itemId: view.itemId, bulletinId: view.id, reached: view.reached }, plan.expiresMs, misses);
      }
      deps.review.approve(itemId!, actor, `CAP ${alert.sender} ${alert.identifier}`);
      return lifecycle.aired(id, actor, { ...base, replaced, itemId, reached: plan.zones }, plan.expiresMs, misses);
    } catch (err) {
      if (!(err instanceof ApiError)) throw err;
      const params = { reason: { vi: translateApiError(err, 'vi'), en: translateApiError(err, 'en') } };
      return lifecycle.fail(id, actor, failureOf('cap-air-failed', params), { ...base, replaced, itemId, reason: err.code }, { ...misses, error: err.code });
    }
  }

  async function handle(alert: CapAlert, xml: string, receipt: CapReceipt): Promise<CapAnswer> {
    const now = clock.now();
    const id = newId('cap');
    const levels = settings.get().policy.levels;
    const plan = planAlert(alert, { zones: deps.station.zones(), levels, now });
    const info = plan.kind === 'cancel' ? pickInfo(alert.info) : plan.info;
    const level = plan.kind === 'cancel' ? null : plan.level;
    const zones = plan.kind === 'air' ? plan.zones : [];
    const record: CapAlertRecord = {
      id, sender: alert.sender, identifier: alert.identifier, sent: alert.sent.text, sentAt: alert.sent.ms, status: alert.status,
      msgType: alert.msgType, event: info?.event ?? null, headline: info?.headline ?? null, language: info?.language ?? null,
      urgency: info?.urgency ?? null, severity: info?.severity ?? null, level, zones, state: 'received', reason: null, itemId: null,
      bulletinId: null, expiresAt: info?.expires?.ms ?? null, via: receipt.via, feedUrl: receipt.feedUrl ?? null,
      receivedBy: receipt.actor.id, receivedAt: now, httpStatus: 0, answer: {}, xml,
    };
    const by = { id: receipt.actor.id, username: receipt.actor.username };
    db.transaction(() => {
      insertCapAlert(db, record);
      journey.step(id, 'received', by, { via: receipt.via, feedUrl: receipt.feedUrl ?? null, sender: alert.sender, identifier: alert.identifier, sent: alert.sent.text, status: alert.status, msgType: alert.msgType });
    })();
    const base: Partial<CapOutcome> = { alertId: id, sender: alert.sender, identifier: alert.identifier, sent: alert.sent.text, status: alert.status, msgType: alert.msgType, level, zones };
    try {
      return await proceed(id, alert, plan, receipt, base);
    } catch (err) {
      // A fault of ours, not of the alert: logged as failed (500), so the journey never stops at "received".
      log.error({ err, alert: id }, 'a CAP alert failed on the server side');
      try {
        lifecycle.fail(id, receipt.actor, failureOf('internal-error', {}), { ...base, reason: 'internal' }, { error: (err as Error).message }, 500);
      } catch (again) {
        log.error({ err: again, alert: id }, 'could not record the failure of a CAP alert');
      }
      throw err;
    }
  }

  async function proceed(id: string, alert: CapAlert, plan: CapPlan, receipt: CapReceipt, base: Partial<CapOutcome>): Promise<CapAnswer> {
    const by = { id: receipt.actor.id, username: receipt.actor.username };
    const level = base.level ?? null;
    if (plan.kind === 'cancel') {
      const cancelled = await lifecycle.stopEarlier(plan.references, 'cancelled', { id, sender: alert.sender }, receipt.actor);
      return lifecycle.settle(id, by, cancelled.length ? 201 : 202, 'applied', { ...base, cancelled, reason: cancelled.length ? null : 'references-nothing-on-air' });
    }
    const delivery = plan.kind === 'air' ? plan.delivery : null;
    journey.step(id, 'mapped', by, {
      language: plan.info?.language ?? null, level, geocodes: plan.area.geocodes, zones: plan.area.zones, unmatched: plan.area.unmatched,
      ...(plan.kind === 'air' && { airsOn: plan.zones, delivery, test: plan.test }),
    }, { zones: plan.area.zones });
    if (plan.kind === 'quiet') {
      const replaced = await lifecycle.stopEarlier(plan.replaces, 'replaced', { id, sender: alert.sender }, receipt.actor);
      return lifecycle.quiet(id, by, { ...base, replaced, reason: plan.reason });
    }
    return air(id, alert, plan, receipt, { ...base, delivery });
  }

  return {
    /** Feeds and policy (GET/PUT /api/cap/feeds and /api/cap/policy, station files). */
    settings,

    /**
     * Takes one CAP document. Throws a 400 ApiError for an invalid one (nothing kept); a duplicate
     * gets the answer of the first (nothing airs twice). 201: it airs, or its Cancel/Update took
     * effect; 202: accepted and logged, airs nowhere; 422: nothing could air (logged as failed).
     */
    async receive(xml: string, receipt: CapReceipt): Promise<CapAnswer> {
      const parsed = parseCap(xml);
      if (!parsed.ok) throw capInvalid(parsed.problems);
      const alert = parsed.alert;
      const running = inflight.get(keyOf(alert));
      if (running) return asDuplicate(await running);
      const stored = findCapAlert(db, identityOf(alert));
      if (stored) return duplicateOf(stored);
      const job = handle(alert, xml, receipt).finally(() => inflight.delete(keyOf(alert)));
      inflight.set(keyOf(alert), job);
      return job;
    },

    /** At start: alerts left half-done by a stop are failed; expiry timers are armed again. */
    start(): void {
      lifecycle.recover();
    },

    /** Stops timers and gives up waiting for ingest. */
    stop(): void {
      stopping.abort();
      lifecycle.stop();
    },
  };
}

export type CapService = ReturnType<typeof createCapService>;
