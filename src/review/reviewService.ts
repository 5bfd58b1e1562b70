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

/** Kiểm duyệt: approve or reject pending items, with four-eyes and an audit entry for each decision. */
export function createReviewService(deps: { db: Db; clock: Clock; events: StationEvents }) {
  const { db, clock, events } = deps;
  const audit = createAuditLog({ db, clock });

  function decide(id: string, actor: Actor, decision: 'approved' | 'rejected', note: string | null): ItemRecord {
    const before = getItem(db, id);
    if (!before) throw new ApiError(404, 'not-found', { what: THINGS.item, id });
    // Approve: only what waits for review. Reject: also a recall of an approved item (thu hồi).
    const allowed = decision === 'approved' ? ['pending', 'rejected'] : ['pending', 'approved'];
    if (!allowed.includes(before.status)) {
      throw new ApiError(409, 'invalid-transition', { action: decision === 'approved' ? ACTIONS.approve : ACTIONS.reject, status: ITEM_STATUS[before.status] });
    }
    const selfReview = before.submittedBy === actor.id;
    if (decision === 'approved' && selfReview && actor.role !== 'admin') throw new ApiError(403, 'four-eyes');
    const now = clock.now();
    const after: ItemRecord = {
      ...before,
      status: decision,
      reviewedBy: actor.id,
      reviewedAt: now,
      reviewNote: note,
      approvedAt: decision === 'approved' ? now : null,
      updatedAt: now,
    };
    db.transaction(() => {
      saveItem(db, after);
      appendItemEvent(db, {
        itemId: id, at: now, actorId: actor.id, action: decision === 'approved' ? 'approved' : 'rejected',
        fromStatus: before.status, toStatus: decision, note,
        data: selfReview ? { selfApprovedByAdmin: decision === 'approved' } : null,
      });
      // An admin approving their own upload is allowed and said so in the row (four-eyes waived).
      const selfApproved = decision === 'approved' && selfReview ? { selfApproved: true } : {};
      audit.record(
        actor, decision === 'approved' ? 'item.approve' : 'item.reject', { type: 'item', id },
        itemSnapshot(before), { ...itemSnapshot(after), ...selfApproved }, { itemEventOf: id },
      );
    })();
    events.emit('item:changed', { itemId: id, from: before.status, to: decision, reason: decision });
    return after;
  }

  return {
    approve: (id: string, actor: Actor, note: string | null = null) => decide(id, actor, 'approved', note),
    reject(id: string, actor: Actor, note: string) {
      if (!note.trim()) throw new ApiError(400, 'reject-note-required', {}, { field: 'note' });
      return decide(id, actor, 'rejected', note.trim());
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
