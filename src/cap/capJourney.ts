/**
 * An alert's journey: each step (received, mapped to zones, aired, logged, updated, replaced,
 * cancelled, expired, failed) goes to the CAP store and to the audit log together, in one
 * transaction, so the two never disagree.
 */
import { createAuditLog, type AuditAction, type AuditActor } from '../audit/auditLog.ts';
import type { Clock } from '../clock.ts';
import type { Db } from '../storage/db.ts';
import { appendCapStep, updateCapAlert, type CapAlertRecord, type CapStep } from '../storage/capAlerts.ts';

const AUDIT_OF: Record<CapStep, AuditAction> = {
  received: 'cap.receive',
  mapped: 'cap.map',
  aired: 'cap.air',
  logged: 'cap.log',
  updated: 'cap.update',
  replaced: 'cap.replace',
  cancelled: 'cap.cancel',
  expired: 'cap.expire',
  failed: 'cap.fail',
};

/** Who a step is by: the user whose token or feed brought the alert, or the daemon (expiry). */
export type JourneyActor = { id: string; username: string } | 'system';

export function createCapJourney(deps: { db: Db; clock: Clock }) {
  const { db, clock } = deps;
  const audit = createAuditLog({ db, clock });

  return {
    /** Changes the alert's row without a step (its final answer). */
    update(alertId: string, change: Partial<Omit<CapAlertRecord, 'id'>>): void {
      updateCapAlert(db, alertId, change);
    },

    /**
     * Records one step; `change` updates the alert's row in the same transaction. `zones` are
     * the zones the step concerns (the audit log finds the step under each of them).
     */
    step(alertId: string, step: CapStep, by: JourneyActor, detail: Record<string, unknown>, opts: { zones?: readonly string[]; change?: Partial<Omit<CapAlertRecord, 'id'>> } = {}): void {
      const actor: AuditActor = by === 'system' ? 'system' : { id: by.id, username: by.username };
      db.transaction(() => {
        if (opts.change) updateCapAlert(db, alertId, opts.change);
        appendCapStep(db, alertId, step, clock.now(), detail);
        audit.record(actor, AUDIT_OF[step], { type: 'cap', id: alertId }, null, detail, { zones: opts.zones ?? [] });
      })();
    },
  };
}

export type CapJourney = ReturnType<typeof createCapJourney>;
