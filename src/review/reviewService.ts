import { createAuditLog } from '../audit/auditLog.ts';
import { itemSnapshot } from '../audit/snapshots.ts';
import type { Clock } from '../clock.ts';
import { ApiError } from '../errors.ts';
import type { Db } from '../storage/db.ts';
import { appendItemEvent } from '../storage/itemEvents.ts';
import { getItem, saveItem, type ItemRecord } from '../storage/items.ts';
import type { StationEvents } from '../stationEvents.ts';
import type { Actor } from '../library/itemService.ts';
import { ACTIONS, ITEM_STATUS, THINGS } from '../i18n/words.ts';

/** What the audit log and the item's history say of content approved by airing it as an emergency. */
export const EMERGENCY_APPROVAL = 'tự duyệt khi khẩn cấp';

/** Kiểm duyệt: approve or reject pending items, with four-eyes and an audit entry for each decision. */
export function createReviewService(deps: { db: Db; clock: Clock; events: StationEvents }) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });

  /** `emergency`: the reviewer or admin airing it as an emergency approves it, even their own upload (decisions §4). */
  function decide(id: string, actor: Actor, decision: 'approved' | 'rejected', note: string | null, emergency = false): ItemRecord {
    const before = getItem(db, id);
    if (!before) throw new ApiError(404, 'not-found', { what: THINGS.item, id });
    // Approve: only what waits for review. Reject: also a recall of an approved item (thu hồi).
    const allowed = decision === 'approved' ? ['pending', 'rejected'] : ['pending', 'approved'];
    if (!allowed.includes(before.status)) {
      throw new ApiError(409, 'invalid-transition', { action: decision === 'approved' ? ACTIONS.approve : ACTIONS.reject, status: ITEM_STATUS[before.status] });
    }
    const selfReview = before.submittedBy === actor.id;
    if (decision === 'approved' && selfReview && actor.role !== 'admin' && !emergency) throw new ApiError(403, 'four-eyes');
    const now = clock.now();
    const after: ItemRecord = {
      ...before,
      status: decision,
      reviewedBy: actor.id,
      reviewedAt: now,
      reviewNote: note,
      approvedAt: decision === 'approved' ? now : null,
      // Approved to air as this bulletin only: never planned into the windows afterwards (a reviewer
      // who wants it in the programme edits its validity).
      validUntil: emergency ? Math.min(before.validUntil ?? now, now) : before.validUntil,
      updatedAt: now,
    };
    db.transaction(() => {
      saveItem(db, after);
      appendItemEvent(db, {
        itemId: id, at: now, actorId: actor.id, action: decision === 'approved' ? 'approved' : 'rejected',
        fromStatus: before.status, toStatus: decision, note,
        data: emergency ? { approvedForEmergency: true, selfReview } : selfReview ? { selfApprovedByAdmin: decision === 'approved' } : null,
      });
      // An admin approving their own upload is allowed and said so in the row (four-eyes waived).
      const selfApproved = decision === 'approved' && selfReview ? { selfApproved: true } : {};
      const forEmergency = emergency ? { approvedAs: EMERGENCY_APPROVAL } : {};
      audit.record(
        actor, decision === 'approved' ? 'item.approve' : 'item.reject', { type: 'item', id },
        itemSnapshot(before), { ...itemSnapshot(after), ...selfApproved, ...forEmergency }, { itemEventOf: id },
      );
    })();
    events.emit('item:changed', { itemId: id, from: before.status, to: decision, reason: decision });
    return after;
  }

  return {
    approve: (id: string, actor: Actor, note: string | null = null) => decide(id, actor, 'approved', note),
    /**
     * Approves a pending item the actor is about to air as an emergency, valid until now so the planner
     * never places it (an approved one is left as it is).
     */
    approveForEmergency(id: string, actor: Actor): ItemRecord {
      const item = getItem(db, id);
      if (item?.status === 'approved') return item;
      return decide(id, actor, 'approved', EMERGENCY_APPROVAL, true);
    },
    reject(id: string, actor: Actor, note: string) {
      if (!note.trim()) throw new ApiError(400, 'reject-note-required', {}, { field: 'note' });
      return decide(id, actor, 'rejected', note.trim());
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
