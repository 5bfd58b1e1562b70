/**
 * The states of a stored alert after its arrival: how it settles (aired, logged, failed), how an
 * Update or Cancel stops the alerts it names (the bulletin cancelled, the library item archived),
 * and how `expires` ends it (a timer on the injected clock, armed again at start).
 */
import type { Logger } from 'pino';
import type { Clock } from '../clock.ts';
import type { EmergencyActor, EmergencyService } from '../emergency/emergencyTypes.ts';
import { ApiError } from '../errors.ts';
import type { ItemService } from '../library/itemService.ts';
import type { Db } from '../storage/db.ts';
import { findCapAlert, getCapAlert, listCapAlertsIn, type CapAlertRecord, type CapAlertState } from '../storage/capAlerts.ts';
import { findUserById } from '../storage/users.ts';
import type { CapReference } from './capAlert.ts';
import type { CapJourney, JourneyActor } from './capJourney.ts';
import { failureOf, outcomeOf, type CapAnswer, type CapFailure, type CapOutcome } from './capOutcome.ts';

export interface CapLifecycleDeps {
  db: Db;
  clock: Clock;
  log: Logger;
  emergency: EmergencyService;
  items: Pick<ItemService, 'archive'>;
  journey: CapJourney;
}

const byOf = (a: EmergencyActor): JourneyActor => ({ id: a.id, username: a.username });

export function createCapLifecycle(deps: CapLifecycleDeps) {
  const { db, clock, log, journey } = deps;
  const timers = new Map<string, () => void>();

  /** Saves the alert's final state and answer; returns the answer. */
  function settle(id: string, status: number, fields: Partial<CapOutcome> & Pick<CapOutcome, 'state'>, failure: CapFailure | null = null): CapAnswer {
    const body = outcomeOf({ ...fields, alertId: id });
    journey.update(id, {
      state: fields.state, httpStatus: status, answer: { body, failure }, reason: fields.reason ?? null,
      itemId: fields.itemId ?? null, bulletinId: fields.bulletinId ?? null,
    });
    return { status, body, failure };
  }

  /** The user an alert came with, to act in their name later (expiry); null when gone or disabled. */
  function actorOf(alert: CapAlertRecord): EmergencyActor | null {
    const user = alert.receivedBy ? findUserById(db, alert.receivedBy) : undefined;
    return user && !user.disabled ? { id: user.id, username: user.username, role: user.role } : null;
  }

  /** Takes an alert off the air: its bulletin cancelled if still active, its library item archived. */
  async function withdraw(alert: CapAlertRecord, actor: EmergencyActor, why: string): Promise<void> {
    try {
      if (alert.bulletinId) {
        if (deps.emergency.get(alert.bulletinId)?.state === 'active') await deps.emergency.cancel(alert.bulletinId, actor);
      } else if (alert.itemId) {
        deps.items.archive(alert.itemId, actor, why);
      }
    } catch (err) {
      // Already ended or archived by someone else: the alert is off the air either way.
      if (!(err instanceof ApiError)) throw err;
      log.info({ alert: alert.id, code: err.code }, 'CAP alert was already off the air');
    }
  }

  async function expire(id: string): Promise<void> {
    timers.delete(id);
    const alert = getCapAlert(db, id);
    if (!alert || alert.state !== 'active') return;
    const actor = actorOf(alert);
    const bulletinActive = alert.bulletinId ? deps.emergency.get(alert.bulletinId)?.state === 'active' : false;
    if (bulletinActive && actor) await withdraw(alert, actor, 'CAP expires');
    journey.step(id, 'expired', 'system', { bulletinId: alert.bulletinId, itemId: alert.itemId, bulletinCancelled: bulletinActive && !!actor }, { zones: alert.zones, change: { state: 'expired' } });
  }

  function arm(id: string, expiresMs: number | null): void {
    if (expiresMs === null) return;
    timers.get(id)?.();
    timers.set(id, clock.at(expiresMs, () => {
      expire(id).catch((err: unknown) => log.error({ err, alert: id }, 'could not end an expired CAP alert'));
    }));
  }

  return {
    /** An alert that airs nowhere: logged (202). */
    quiet(id: string, by: JourneyActor, fields: Partial<CapOutcome>): CapAnswer {
      journey.step(id, 'logged', by, { reason: fields.reason ?? null, replaced: fields.replaced ?? [] });
      if (fields.replaced?.length) journey.step(id, 'updated', by, { replaces: fields.replaced });
      return settle(id, 202, { ...fields, state: 'logged' });
    },

    /** A Cancel that did its work (201) or found nothing on air to stop (202). */
    settle(id: string, by: JourneyActor, status: number, state: CapAlertState, fields: Partial<CapOutcome>): CapAnswer {
      journey.step(id, 'logged', by, { cancelled: fields.cancelled ?? [], reason: fields.reason ?? null });
      return settle(id, status, { ...fields, state });
    },

    /** An alert on air (201): the bulletin triggered or the item approved at priority; its expiry armed. */
    aired(id: string, actor: EmergencyActor, fields: Partial<CapOutcome>, expiresMs: number | null, extra: Record<string, unknown>): CapAnswer {
      const by = byOf(actor);
      journey.step(id, 'aired', by, {
        delivery: fields.delivery, bulletinId: fields.bulletinId ?? null, itemId: fields.itemId ?? null, reached: fields.reached ?? [], expiresAt: expiresMs, ...extra,
      }, { zones: fields.reached ?? [] });
      if (fields.replaced?.length) journey.step(id, 'updated', by, { replaces: fields.replaced });
      const answer = settle(id, 201, { ...fields, state: 'active' });
      arm(id, expiresMs);
      return answer;
    },

    /** Nothing could air (422): logged as failed with why. */
    fail(id: string, actor: EmergencyActor, failure: CapFailure, fields: Partial<CapOutcome>, detail: Record<string, unknown>, status = 422): CapAnswer {
      journey.step(id, 'failed', byOf(actor), { code: failure.code, ...detail });
      if (fields.replaced?.length) journey.step(id, 'updated', byOf(actor), { replaces: fields.replaced });
      return settle(id, status, { ...fields, state: 'failed' }, failure);
    },

    /**
     * Stops the earlier alerts an Update (`replaced`) or a Cancel (`cancelled`) names, those still
     * on air or logged; returns their ids. Only the sender of an alert may update or cancel it: a
     * reference to another sender's alert, or to one never received, stops nothing.
     */
    async stopEarlier(refs: readonly CapReference[], how: 'replaced' | 'cancelled', by: { id: string; sender: string }, actor: EmergencyActor): Promise<string[]> {
      const stopped: string[] = [];
      const byId = by.id;
      for (const ref of refs.filter((r) => r.sender === by.sender)) {
        const old = findCapAlert(db, { sender: ref.sender, identifier: ref.identifier, sentMs: ref.sent.ms });
        if (!old || (old.state !== 'active' && old.state !== 'logged')) continue;
        timers.get(old.id)?.();
        timers.delete(old.id);
        await withdraw(old, actor, how === 'replaced' ? `CAP Update ${byId}` : `CAP Cancel ${byId}`);
        journey.step(old.id, how, byOf(actor), { by: byId, bulletinId: old.bulletinId, itemId: old.itemId }, { zones: old.zones, change: { state: how } });
        stopped.push(old.id);
      }
      return stopped;
    },

    /** At start: half-done alerts (a stop mid-way) fail; active ones get their expiry timers back. */
    recover(): void {
      for (const a of listCapAlertsIn(db, ['received'])) {
        const failure = failureOf('cap-interrupted', {});
        journey.step(a.id, 'failed', 'system', { code: failure.code }, {
          change: { state: 'failed', httpStatus: 422, answer: { body: outcomeOf({ alertId: a.id, sender: a.sender, identifier: a.identifier, sent: a.sent, status: a.status, msgType: a.msgType, state: 'failed', reason: 'interrupted' }), failure } },
        });
      }
      for (const a of listCapAlertsIn(db, ['active'])) arm(a.id, a.expiresAt);
    },

    stop(): void {
      for (const cancel of timers.values()) cancel();
      timers.clear();
    },
  };
}
